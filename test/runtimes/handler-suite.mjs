/**
 * The handler tests every runtime runs (Node, Bun, Deno, workerd): plain ESM on web standards
 * only, against the built package (dist/server.js, passed in as `server`). The Smile API's side is
 * a fetch answering with Smile's documented examples (test/fixtures/smile/, each naming its
 * source lines), the webhooks are Smile's documented example payloads (support.mjs). `runSuite` returns one
 * `{ name, ok, error? }` per case; test/node/server-runtimes.test.ts asserts them per runtime.
 */
import { tokenCases } from './token-cases.mjs';
import { webhookCases } from './webhook-cases.mjs';

export const cases = [...tokenCases, ...webhookCases];

/** Runs every case; never throws. */
export async function runSuite(server) {
  const results = [];
  for (const [name, run] of cases) {
    try {
      await run(server);
      results.push({ name, ok: true });
    } catch (error) {
      results.push({ name, ok: false, error: String(error?.stack ?? error) });
    }
  }
  return results;
}
