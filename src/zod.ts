// The SDK's own copy of zod/mini (bundled, not shared with the host page), set up once.
// jitless: zod's object JIT probes `new Function("")` when the first schema is built, which a
// strict CSP without 'unsafe-eval' reports as a securitypolicyviolation, even though zod
// catches it. The interpreted path is fast enough for a handful of small messages.
import * as z from 'zod/mini';

z.config({ jitless: true });

export { z };
