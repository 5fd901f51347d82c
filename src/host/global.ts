// Script-tag entry: the IIFE build assigns this object to the global `WinkLink`, so
// `WinkLink.open(…)` and `err instanceof WinkLink.WinkLinkError` work without a bundler.
// One default export: the IIFE returns the object as it is (named exports would be copied onto
// a module-like object tagged with Symbol.toStringTag, ~50 B gzip for nothing).
import { WinkLinkError } from '../shared/errors.js';
import { WinkLink } from './index.js';

export default { ...WinkLink, WinkLinkError };
