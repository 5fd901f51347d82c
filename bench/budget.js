// Size budgets, gzip level 9, in bytes: the script-tag bundle (dist/wink-link.iife.js) and the React hook.
// The one place these numbers live: bench/size.js and the test runner import them from here.
export const IIFE_GZIP_GOAL = 8192;
/**
 * CI fails (`node bench/size.js --check`, run by `npm test`) above this. The budget is
 * 10240 B; since validation moved off zod (9.2 kB), it is ratcheted down to 9.5 KiB. Lower it as
 * the code allows; never raise it without a reason written here.
 */
export const IIFE_GZIP_BUDGET = 9728;

/**
 * What `wink-link/react` adds to an app that already bundles the core (minified ESM, gzip level 9,
 * React left to the app). CI fails above this (same check).
 */
export const REACT_GZIP_BUDGET = 1024;
