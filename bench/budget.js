// Size budget of the script-tag bundle (dist/wink-link.iife.js), gzip level 9, in bytes.
// The one place these numbers live: bench/size.js and the test runner import them from here.
export const IIFE_GZIP_GOAL = 8192;
/**
 * CI fails (`node bench/size.js --check`, run by `npm test`) above this. The budget is
 * 10240 B; since validation moved off zod (9.2 kB), it is ratcheted down to 9.5 KiB. Lower it as
 * the code allows; never raise it without a reason written here.
 * Raised to 9.75 KiB by the host-side hardening of issue 13 and 12.5 (9705 → 9902 B, +197 B:
 * trusted/source/origin checks before the data and a checked copy for listeners +45, token
 * endpoint errors that never quote the body +49, a page lock shared by every copy of the SDK,
 * mounting inside a host's <dialog>, the iframe inserted only with its URL +100).
 */
export const IIFE_GZIP_BUDGET = 9984;
