// createLinkTokenHandler's cases (and one on creating both handlers), for every runtime.
import {
  APP,
  apiKeyId,
  apiKeySecret,
  authorization,
  UNAVAILABLE,
  check,
  equal,
  smileApi,
  tokenRequest,
  tokenSetup,
  webhookSetup,
} from './support.mjs';
import { api } from './fixtures.mjs';

export const tokenCases = [
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
    'token: two first launches at once (a double click) create one Smile user; the second gets POST /tokens with its id',
    async (server) => {
      const { handler, smile, saved } = tokenSetup(server);
      const statuses = await Promise.all([handler(tokenRequest()), handler(tokenRequest())]);
      equal(statuses.map((r) => r.status).join(), '200,200', 'statuses');
      const paths = smile.calls.map((call) => new URL(call.url).pathname).sort();
      equal(paths.join(), '/v1/tokens,/v1/users', 'Smile calls');
      equal(saved.length, 1, 'saveSmileUserId calls');
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
];
