/**
 * Types for the script-tag build (dist/wink-link.iife.js), published as the types-only entry
 * `wink-link/global`: a page that loads the IIFE and type-checks (TypeScript, or JavaScript with
 * `// @ts-check`) adds `/// <reference types="wink-link/global" />` and gets `WinkLink` typed.
 * The type is that of global.ts's default export, the object the IIFE assigns to the global, so
 * it states exactly what the file defines.
 */
import type ScriptTag from './global.js';

declare global {
  // A `var`, as the IIFE declares it: only a global `var` is also `window.WinkLink`.
  /** Defined by dist/wink-link.iife.js: `open`, `prepare`, `version` and `WinkLinkError`. */
  var WinkLink: typeof ScriptTag;
}
