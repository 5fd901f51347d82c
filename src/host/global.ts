// Script-tag entry: the IIFE build assigns these exports to the global `WinkLink`, so
// `WinkLink.open(…)` and `err instanceof WinkLink.WinkLinkError` work without a bundler.
import { WinkLink } from './index.js';

export { WinkLinkError } from '../shared/errors.js';
export const { open, prepare, version } = WinkLink;
