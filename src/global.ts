// Script-tag entry: the IIFE build assigns these exports to the global `WinkLink`, so
// `WinkLink.open(…)` and `err instanceof WinkLink.WinkLinkError` work without a bundler.
import { WinkLink } from './index';

export { WinkLinkError } from './errors';
export const { open, prepare, version } = WinkLink;
