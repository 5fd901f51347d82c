// Script-tag entry of wink-link/smile-compat (dist/smile-compat.iife.js): the global
// `SmileLinkModal`, where smile.v2.js would have defined Smile's own.
import { SmileLinkModal } from './index.js';

export default SmileLinkModal;
