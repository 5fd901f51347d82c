// createWebhookHandler's cases, for every runtime.
import { APP, SECRET, USER_CREATED, check, equal, errorCode, fresh, signed, webhookSetup } from './support.mjs';
import { contract, docs } from './fixtures.mjs';

export const webhookCases = [
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
