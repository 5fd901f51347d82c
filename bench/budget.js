// Size budget of the script-tag bundle (dist/wink-link.iife.js), gzip level 9, in bytes.
// The one place these numbers live: bench/size.js and the test runner import them from here.
export const IIFE_GZIP_GOAL = 8192;
/**
 * CI fails (`node bench/size.js --check`, run by `npm test`) above this. The target is
 * 10240 B, but zod/mini with the SDK's schemas alone costs ~6.6 kB gzip of today's ~14.7 kB
 * (see `node bench/size.js`), so 10240 B is out of reach while the design keeps zod in the
 * browser bundle. Until that is decided, this is a ratchet: today's size plus ~5 % headroom,
 * lowered as the code allows, never raised.
 */
export const IIFE_GZIP_BUDGET = 15360;
