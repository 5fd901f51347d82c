/**
 * The handler tests every runtime runs (Node, Bun, Deno, workerd): plain ESM on web standards
 * only, against the built package (dist/server.js, passed in as `server`). The Smile API's side is
 * a fetch answering with Smile's documented examples (test/fixtures/smile/, each naming its
 * source lines), the webhooks are Smile's documented example payloads. `runSuite` returns one
 * `{ name, ok, error? }` per case; test/node/server-runtimes.test.ts asserts them per runtime.
 */
import { api, contract, docs } from './fixtures.mjs';

const APP = 'https://app.example';
const SECRET = contract.signature.exampleSecret;
const { apiKeyId, apiKeySecret, authorization } = api.basicAuth;
const USER_CREATED = docs.examples[0].event;
const UNAVAILABLE = api.errors.rows.find((row) => row.code === 'SERVER_UNAVAILABLE');

function check(condition, message) {
  if (!condition) throw new Error(message);
}
const equal = (actual, expected, what) =>
  check(actual === expected, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);

/** A Smile Open API answering as Chapter-2.md and openapi-v1.yaml document it; records each call. */
function smileApi({ failWith, hold } = {}) {
  const calls = [];
  const envelope = (data) => ({ code: 'OK', message: 'Success', requestId: api.createToken.answer.requestId, data });
  const fetch = async (url, init) => {
    const call = { url: String(url), method: init.method, headers: new Headers(init.headers), signal: init.signal };
    calls.push(call);
    if (hold) {
      // Answers only when the caller gives up, as a slow Smile would: proves the abort arrives.
      await new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
    }
    if (failWith) {
      const body = { code: failWith.code, message: failWith.message, requestId: api.errors.requestId };
      return Response.json(body, { status: failWith.status });
    }
    const path = new URL(url).pathname;
    if (path === '/v1/users')
      return Response.json(envelope({ user: api.createUser.user, token: api.token.value }), { status: 201 });
    if (path === '/v1/tokens') return Response.json(api.createToken.answer, { status: api.createToken.status });
    return Response.json({ code: 'MISSING_RESOURCE', message: 'no such path' }, { status: 404 });
  };
  return { calls, fetch };
}

function tokenSetup(server, { fake = smileApi(), user = { id: 'u-1' }, ...options } = {}) {
  const saved = [];
  const errors = [];
  const client = server.createSmileClient({
    baseUrl: server.SMILE_SANDBOX_API_URL,
    apiKeyId,
    apiKeySecret,
    fetch: fake.fetch,
  });
  const handler = server.createLinkTokenHandler({
    smile: client,
    getUser: () => user,
    saveSmileUserId: (userId, smileUserId) => saved.push([userId, smileUserId]),
    onError: (error) => errors.push(error),
    ...options,
  });
  return { handler, smile: fake, saved, errors };
}

const tokenRequest = (headers = { origin: APP }, init = {}) =>
  new Request(`${APP}/api/link-token`, { method: 'POST', headers, ...init });

async function signed(server, event, headers = {}) {
  const body = JSON.stringify(event);
  const signature = await server.signWebhook(body, SECRET);
  return new Request(`${APP}/api/webhooks/smile`, {
    method: 'POST',
    headers: { [contract.signature.header]: signature, 'content-type': 'application/json', ...headers },
    body,
  });
}

const fresh = (event, fields = {}) => ({ ...event, createdAt: new Date().toISOString(), ...fields });

function webhookSetup(server, options = {}) {
  const seen = [];
  const errors = [];
  const handler = server.createWebhookHandler({
    secret: SECRET,
    on: { USER_CREATED: (event) => seen.push(`on:${event.data.userId}`) },
    onEvent: (event) => seen.push(`any:${event.type}`),
    onError: (error) => errors.push(error),
    ...options,
  });
  return { handler, seen, errors };
}

async function errorCode(response) {
  return (await response.json()).error?.code;
}

export const cases = [
  [
    'token: POST only, 405 with Allow: POST',
    async (server) => {
      const { handler, smile } = tokenSetup(server);
      const response = await handler(new Request(`${APP}/api/link-token`));
      equal(response.status, 405, 'status');
      equal(response.headers.get('allow'), 'POST', 'Allow');
      equal(smile.calls.length, 0, 'Smile calls');
    },
  ],
  [
    'token: 403 for Sec-Fetch-Site cross-site or a foreign Origin, and Smile is never called',
    async (server) => {
      const { handler, smile } = tokenSetup(server);
      equal((await handler(tokenRequest({ 'sec-fetch-site': 'cross-site' }))).status, 403, 'cross-site');
      equal((await handler(tokenRequest({ origin: 'https://evil.example' }))).status, 403, 'foreign origin');
      equal((await handler(tokenRequest({ origin: 'null' }))).status, 403, 'opaque origin');
      equal(smile.calls.length, 0, 'Smile calls');
      const other = tokenSetup(server, { allowedOrigins: ['https://shop.example'] });
      equal((await other.handler(tokenRequest({ origin: 'https://shop.example' }))).status, 200, 'allowed origin');
      equal((await other.handler(tokenRequest({ origin: APP }))).status, 403, 'own origin not listed');
    },
  ],
  [
    'token: 401 without a signed-in user',
    async (server) => {
      const { handler, smile } = tokenSetup(server, { user: null });
      equal((await handler(tokenRequest())).status, 401, 'status');
      equal(smile.calls.length, 0, 'Smile calls');
    },
  ],
  [
    'token: first launch creates the Smile user, saves its id once, answers 200 no-store with the token',
    async (server) => {
      const { handler, smile, saved } = tokenSetup(server);
      const response = await handler(tokenRequest());
      equal(response.status, 200, 'status');
      equal(response.headers.get('cache-control'), 'no-store', 'Cache-Control');
      const token = await response.json();
      equal(token.accessToken, api.token.value.accessToken, 'accessToken');
      equal(token.expiresAt, api.token.value.expiresAt, 'expiresAt');
      equal(smile.calls.length, 1, 'Smile calls');
      equal(new URL(smile.calls[0].url).pathname, '/v1/users', 'path');
      equal(smile.calls[0].headers.get('authorization'), authorization, "Smile's documented Basic credential");
      equal(JSON.stringify(saved), JSON.stringify([['u-1', api.createUser.user.id]]), 'saved');
    },
  ],
  [
    'token: a returning user gets POST /tokens?userId=<their Smile id>, nothing saved',
    async (server) => {
      const { handler, smile, saved } = tokenSetup(server, {
        user: { id: 'u-1', smileUserId: api.createUser.user.id },
      });
      const response = await handler(tokenRequest());
      equal(response.status, 200, 'status');
      equal((await response.json()).accessToken, api.createToken.answer.data.accessToken, 'accessToken');
      const url = new URL(smile.calls[0].url);
      equal(`${url.pathname}?${url.searchParams}`, `/v1/tokens?userId=${api.createUser.user.id}`, 'call');
      equal(saved.length, 0, 'saved');
    },
  ],
  [
    "token: Smile failing is a 502 without any credential; onError gets the SmileApiError with Smile's requestId",
    async (server) => {
      const { handler, errors } = tokenSetup(server, { fake: smileApi({ failWith: UNAVAILABLE }) });
      const response = await handler(tokenRequest());
      equal(response.status, 502, 'status');
      const text = await response.text();
      for (const secret of [apiKeySecret, authorization.slice(6), `${apiKeyId}:`])
        check(!text.includes(secret), `the body holds ${secret}`);
      equal(JSON.parse(text).error.requestId, api.errors.requestId, 'requestId in the body');
      equal(errors.length, 1, 'onError calls');
      equal(errors[0].name, 'SmileApiError', 'error');
      equal(errors[0].requestId, api.errors.requestId, 'requestId');
      equal(errors[0].smileCode, UNAVAILABLE.code, 'smileCode');
    },
  ],
  [
    "token: the request's abort reaches the Smile call",
    async (server) => {
      const smile = smileApi({ hold: true });
      const { handler, errors } = tokenSetup(server, { fake: smile });
      const controller = new AbortController();
      const answer = handler(tokenRequest(undefined, { signal: controller.signal }));
      while (smile.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      controller.abort();
      const response = await answer;
      check(smile.calls[0].signal.aborted, 'the Smile call was not aborted');
      check(response.status >= 400, `status ${response.status}`);
      equal(errors.length, 0, 'onError calls (an abort is not a failure)');
    },
  ],
  [
    'token: the optional per-user rate limit answers 429 with Retry-After',
    async (server) => {
      const { handler } = tokenSetup(server, { rateLimit: { max: 2, windowMs: 60_000 } });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await handler(tokenRequest())).status);
      equal(statuses.join(), '200,200,429', 'statuses');
      equal((await handler(tokenRequest())).headers.get('retry-after'), '60', 'Retry-After');
    },
  ],
  [
    'token: a rate-limit store that does not answer is a 503',
    async (server) => {
      const stuck = { increment: () => new Promise(() => {}) };
      const { handler, smile } = tokenSetup(server, {
        rateLimit: { store: stuck, max: 5, windowMs: 1000 },
        storeTimeoutMs: 50,
      });
      equal((await handler(tokenRequest())).status, 503, 'status');
      equal(smile.calls.length, 0, 'Smile calls');
    },
  ],
  [
    'both: creating a handler calls neither fetch nor setTimeout, and a lazy smile is resolved at the first request',
    async (server) => {
      const original = {
        fetch: globalThis.fetch,
        setTimeout: globalThis.setTimeout,
        setInterval: globalThis.setInterval,
      };
      const used = [];
      let resolved = 0;
      for (const name of Object.keys(original)) {
        globalThis[name] = (...args) => {
          used.push(name);
          return original[name](...args);
        };
      }
      let token;
      try {
        token = tokenSetup(server, {
          smile: () => {
            resolved++;
            const fetch = smileApi().fetch;
            return server.createSmileClient({ baseUrl: server.SMILE_SANDBOX_API_URL, apiKeyId, apiKeySecret, fetch });
          },
        });
        webhookSetup(server, { store: server.createMemoryDedupeStore() });
      } finally {
        Object.assign(globalThis, original);
      }
      equal(used.join(), '', 'calls while creating');
      equal(resolved, 0, 'smile() calls before a request');
      equal((await token.handler(tokenRequest())).status, 200, 'status');
      equal(resolved, 1, 'smile() calls');
    },
  ],
  [
    "webhook: signWebhook matches the fixed HMAC-SHA512 answer (openssl dgst -sha512 -hmac 'a little secret')",
    async (server) => {
      equal(
        await server.signWebhook('{}', SECRET),
        '76335b9623a65da1f667af07fd6b77433edd63d5ba8c0076a1a45c4fa8b50cefc802c3fa851d009cd9ede485813232d7233b8bffb2fe6eb967de5f7c1c59cae7',
        'signature',
      );
    },
  ],
  [
    'webhook: POST only, 405 with Allow: POST',
    async (server) => {
      const response = await webhookSetup(server).handler(new Request(`${APP}/hook`, { method: 'PUT', body: '{}' }));
      equal(response.status, 405, 'status');
      equal(response.headers.get('allow'), 'POST', 'Allow');
    },
  ],
  [
    'webhook: a documented event, signed, is 200 and handled once; its repeat is 200 and not handled again',
    async (server) => {
      const { handler, seen } = webhookSetup(server);
      const event = fresh(USER_CREATED);
      const first = await handler(await signed(server, event));
      equal(first.status, 200, 'status');
      const again = await handler(await signed(server, event));
      equal(again.status, 200, 'repeat status');
      equal((await again.json()).duplicate, true, 'repeat marked');
      equal(seen.join(), `on:${event.data.userId},any:USER_CREATED`, 'handled');
    },
  ],
  [
    'webhook: every documented example type, and an unknown type, is 200 (Smile stops retrying)',
    async (server) => {
      const { handler, seen } = webhookSetup(server);
      const examples = [...docs.examples.map((e) => e.event), contract.accountSyncTaskFinished.event];
      for (const [i, example] of examples.entries()) {
        const response = await handler(await signed(server, fresh(example, { id: `et-${i}` })));
        equal(response.status, 200, example.type);
      }
      const unknown = fresh(USER_CREATED, { id: 'et-new', type: 'ACCOUNT_SUSPENDED', data: { anything: 1 } });
      equal((await handler(await signed(server, unknown))).status, 200, 'unknown type');
      check(seen.includes('any:ACCOUNT_SUSPENDED'), 'onEvent did not get the unknown type');
    },
  ],
  [
    'webhook: 401 for a missing, wrong, non-hex or short signature',
    async (server) => {
      const { handler, seen } = webhookSetup(server);
      const good = await signed(server, fresh(USER_CREATED));
      const body = await good.clone().text();
      const signature = good.headers.get('smile-signature');
      for (const [what, headers] of [
        ['missing', {}],
        ['another secret', { 'smile-signature': await server.signWebhook(body, 'another secret') }],
        ['not hex', { 'smile-signature': `${signature.slice(1)}z` }],
        ['too short', { 'smile-signature': signature.slice(2) }],
      ]) {
        const response = await handler(new Request(`${APP}/hook`, { method: 'POST', headers, body }));
        equal(response.status, 401, what);
      }
      equal(seen.length, 0, 'handled');
    },
  ],
  [
    'webhook: 400 for a signed body that is not an event, and for a stale one (replay protection on by default)',
    async (server) => {
      const { handler, seen } = webhookSetup(server);
      const notJson = new Request(`${APP}/hook`, {
        method: 'POST',
        headers: { 'smile-signature': await server.signWebhook('id=1', SECRET) },
        body: 'id=1',
      });
      equal((await handler(notJson)).status, 400, 'not JSON');
      equal(await errorCode(await handler(await signed(server, USER_CREATED))), 'STALE', 'the documented 2021 example');
      const twoHours = new Date(Date.now() - 2 * 3600_000).toISOString();
      equal(
        (await handler(await signed(server, fresh(USER_CREATED, { createdAt: twoHours })))).status,
        400,
        'two hours old',
      );
      equal(seen.length, 0, 'handled');
      const optedOut = webhookSetup(server, { maxAgeMs: false });
      equal((await optedOut.handler(await signed(server, USER_CREATED))).status, 200, 'maxAgeMs: false');
    },
  ],
  [
    'webhook: 413 beyond maxBodyBytes, by Content-Length or by reading, without reading the rest',
    async (server) => {
      const { handler } = webhookSetup(server, { maxBodyBytes: 1024 });
      const declared = new Request(`${APP}/hook`, {
        method: 'POST',
        headers: { 'content-length': '5000' },
        body: 'x'.repeat(5000),
      });
      equal((await handler(declared)).status, 413, 'declared');
      let pulled = 0;
      let cancelled = false;
      const endless = new ReadableStream({
        pull(controller) {
          pulled += 512;
          controller.enqueue(new Uint8Array(512));
        },
        cancel() {
          cancelled = true;
        },
      });
      const streamed = new Request(`${APP}/hook`, { method: 'POST', body: endless, duplex: 'half' });
      equal((await handler(streamed)).status, 413, 'streamed');
      check(cancelled, 'the stream was not cancelled');
      check(pulled <= 4096, `read ${pulled} bytes of an endless body`);
    },
  ],
  [
    "webhook: a throwing handler is 500 and releases the id, so Smile's retry runs it again",
    async (server) => {
      let attempts = 0;
      const { handler, errors } = webhookSetup(server, {
        onEvent: () => {
          if (++attempts === 1) throw new Error('database down');
        },
      });
      const event = fresh(USER_CREATED);
      equal((await handler(await signed(server, event))).status, 500, 'first delivery');
      equal(errors[0]?.message, 'database down', 'onError');
      equal((await handler(await signed(server, event))).status, 200, 'retry');
      equal(attempts, 2, 'attempts');
    },
  ],
  [
    'webhook: a store that fails or does not answer is 503, nothing handled; once it answers again, 200',
    async (server) => {
      let mode = 'hang';
      const memory = server.createMemoryDedupeStore();
      const store = {
        setIfAbsent: (id, ttl) =>
          mode === 'hang'
            ? new Promise(() => {})
            : mode === 'fail'
              ? Promise.reject(new Error('ECONNREFUSED'))
              : memory.setIfAbsent(id, ttl),
        delete: (id) => memory.delete(id),
      };
      const { handler, seen } = webhookSetup(server, { store, storeTimeoutMs: 100 });
      const event = fresh(USER_CREATED);
      const hung = await handler(await signed(server, event));
      equal(hung.status, 503, 'no answer');
      equal(hung.headers.get('retry-after'), '30', 'Retry-After');
      mode = 'fail';
      equal((await handler(await signed(server, event))).status, 503, 'failing');
      equal(seen.length, 0, 'handled while down');
      mode = 'up';
      equal((await handler(await signed(server, event))).status, 200, 'back');
      equal(seen.length, 2, 'handled once back');
    },
  ],
  [
    'webhook: no secret configured is a 500 and onError, not a crash at creation',
    async (server) => {
      const { handler, errors } = webhookSetup(server, { secret: undefined });
      equal((await handler(await signed(server, fresh(USER_CREATED)))).status, 500, 'status');
      equal(errors[0]?.code, 'INVALID_ARGUMENT', 'onError');
    },
  ],
];

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
