// Size budget of the script-tag bundle (dist/wink-link.iife.js), gzip level 9, in bytes.
// The one place these numbers live: bench/size.js and the test runner import them from here.
export const IIFE_GZIP_GOAL = 8192;
/**
 * CI fails (`node bench/size.js --check`, run by `npm test`) above this. The budget is
 * 10240 B; since validation moved off zod (9.2 kB), it is ratcheted down to 9.5 KiB. Lower it as
 * the code allows; never raise it without a reason written here.
 * Raised by 128 B (9728 → 9856) for issue 11: the `chrome: 'none'` modal (option, attribute,
 * two CSS rules: +116 B gzip) that lets Smile's own widget, through the wink-link/smile bridge,
 * be the one dialog instead of a dialog inside wink-link's card; the IIFE was 9705 B before it.
 */
export const IIFE_GZIP_BUDGET = 9856;
