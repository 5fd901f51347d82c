/**
 * Issue 5: hostile postMessage traffic. ≥ 10,000 generated messages with forged origins, forged
 * sources, malformed and hostile payloads: no callback fires, nothing throws, the state never
 * changes, nothing is posted back, Object.prototype is never polluted.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Link } from '../../src/host/index';
import { connect } from '../../src/widget/index';
import { WIDGET_ORIGIN, consoleErrors, deliveredMessage, makeToken, openReady, useHarness, widget } from './harness';

useHarness();

const TYPES = [
  'ready',
  'accountCreated',
  'accountConnected',
  'accountRemoved',
  'accountError',
  'uploadsCreated',
  'tokenExpired',
  'event',
  'resize',
  'close',
  'error',
];
const CALLBACKS = [
  'onLoad',
  'onClose',
  'onError',
  'onEvent',
  'onAccountCreated',
  'onAccountConnected',
  'onAccountRemoved',
  'onAccountError',
  'onUploadsCreated',
  'onUploadsRemoved',
  'onTokenExpired',
  'onStateChange',
] as const;

// ── valid messages (then forged by origin or source) ─────────────────────────────────────
const id = fc.string({ minLength: 1, maxLength: 24 });
const account = fc.record({ accountId: id, userId: id, providerId: id });
const validMessage = fc.oneof(
  fc.constantFrom('ready', 'tokenExpired', 'close').map((type) => ({ type, payload: {} })),
  fc
    .tuple(fc.constantFrom('accountCreated', 'accountConnected', 'accountRemoved'), account)
    .map(([type, payload]) => ({ type, payload: payload as Record<string, unknown> })),
  fc
    .record({ accountId: id, userId: id, providerId: id, errorCode: id, errorMessage: fc.string() })
    .map((payload) => ({ type: 'accountError', payload })),
  fc
    .record({ userId: id, uploads: fc.array(fc.record({ id: id }), { maxLength: 3 }) })
    .chain((payload) => fc.constantFrom('uploadsCreated', 'uploadsRemoved').map((type) => ({ type, payload }))),
  fc
    .record({ name: id, metadata: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }) })
    .map((payload) => ({ type: 'event', payload })),
  fc.integer({ min: 0, max: 100_000 }).map((height) => ({ type: 'resize', payload: { height } })),
  fc.record({ code: id, message: fc.string() }).map((payload) => ({ type: 'error', payload })),
);
const envelope = (m: { type: string; payload: unknown }) => ({ wink: 1, type: m.type, payload: m.payload });

const forgedOrigin = fc
  .oneof(
    fc.constantFrom(
      'https://evil.example',
      'http://widget.example',
      'https://widget.example:444',
      'https://widget.example.evil.example',
      'https://sub.widget.example',
      'null',
      '',
      '*',
      'https://WIDGET.example/',
      'https://widget.example/',
      'https://host.example',
    ),
    fc.webUrl().map((url) => new URL(url).origin),
    fc.string(),
  )
  .filter((origin) => origin !== WIDGET_ORIGIN);

const forgedSource = fc.constantFrom<unknown>(
  'page',
  null,
  undefined,
  {},
  { postMessage() {} },
  'document',
  'other-iframe',
);

// ── malformed / hostile data from the right origin and source ──────────────────────────
const notOne = fc.anything().filter((v) => v !== 1);
const unknownType = fc
  .oneof(
    fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'READY', 'init', 'token', ''),
    fc.string(),
  )
  .filter((t) => !TYPES.includes(t));
const nonEmpty = validMessage.filter((m) => Object.keys(m.payload).length > 0);
const wrongValue = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.constant({}),
  fc.double({ noDefaultInfinity: false }),
);
/** Whether `value` is surely invalid for payload field `key`. */
function isWrong(key: string, value: unknown) {
  if (key === 'height') return !(typeof value === 'number' && value >= 0 && value <= 100_000);
  if (key === 'uploads') return !Array.isArray(value);
  if (key === 'metadata') return true;
  return typeof value !== 'string';
}
/** Payload keys a message may leave out (accountError's errorMessage: Smile sends none). */
const OPTIONAL_KEYS = ['errorMessage'];
const nest = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : { n: nest(depth - 1, leaf) });
const pollutionKey = fc.constantFrom('__proto__', 'constructor', 'prototype');

const hostileData: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ withNullPrototype: true, withObjectString: true, withMap: true, withSet: true, withDate: true }),
  fc.tuple(notOne, fc.constantFrom(...TYPES), fc.anything()).map(([wink, type, payload]) => ({ wink, type, payload })),
  fc.tuple(unknownType, fc.anything()).map(([type, payload]) => ({ wink: 1, type, payload })),
  fc
    .tuple(validMessage, fc.string(), fc.anything())
    .filter(([, k]) => !['wink', 'type', 'payload'].includes(k))
    .map(([m, k, v]) => ({ ...envelope(m), [k]: v })),
  validMessage.map((m) => ({ wink: 1, type: m.type })),
  fc
    .tuple(validMessage, fc.string({ minLength: 1 }))
    .filter(([m, k]) => !(k in m.payload) && k !== '__proto__')
    .map(([m, k]) => envelope({ type: m.type, payload: { ...m.payload, [k]: 'x' } })),
  fc.tuple(nonEmpty, fc.nat()).map(([m, i]) => {
    const payload: Record<string, unknown> = { ...m.payload };
    const required = Object.keys(payload).filter((key) => !OPTIONAL_KEYS.includes(key));
    delete payload[required[i % required.length]!];
    return envelope({ type: m.type, payload });
  }),
  fc
    .tuple(nonEmpty, fc.nat(), wrongValue)
    .map(([m, i, v]) => {
      const key = Object.keys(m.payload)[i % Object.keys(m.payload).length]!;
      return { key, data: envelope({ type: m.type, payload: { ...m.payload, [key]: key === 'metadata' ? 7 : v } }) };
    })
    .filter(({ key, data }) => isWrong(key, (data.payload as Record<string, unknown>)[key]))
    .map(({ data }) => data),
  fc
    .tuple(account, fc.integer({ min: 257, max: 5000 }))
    .map(([a, n]) => envelope({ type: 'accountConnected', payload: { ...a, accountId: 'a'.repeat(n) } })),
  fc
    .tuple(account, fc.integer({ min: 2001, max: 10_000 }))
    .map(([a, n]) =>
      envelope({ type: 'accountError', payload: { ...a, errorCode: 'E', errorMessage: 'm'.repeat(n) } }),
    ),
  fc
    .integer({ min: 64 * 1024 + 1, max: 200_000 })
    .map((n) => envelope({ type: 'event', payload: { name: 'big', metadata: { blob: 'x'.repeat(n) } } })),
  fc
    .integer({ min: 2001, max: 20_000 })
    .map((n) => envelope({ type: 'event', payload: { name: 'wide', metadata: { list: new Array(n).fill(0) } } })),
  fc.integer({ min: 2001, max: 5000 }).map((n) =>
    envelope({
      type: 'uploadsCreated',
      payload: { userId: 'u', uploads: Array.from({ length: n }, (_, i) => ({ id: `u${i}` })) },
    }),
  ),
  fc
    .integer({ min: 7, max: 200 })
    .map((depth) => envelope({ type: 'event', payload: { name: 'deep', metadata: nest(depth, 1) as object } })),
  fc.oneof(
    fc.tuple(pollutionKey, fc.integer({ min: 0, max: 3 })).map(([key, depth]) => {
      const inner = `{"${key}":{"polluted":true}}`;
      let metadata = inner;
      for (let i = 0; i < depth; i++) metadata = `{"n":${metadata}}`;
      return JSON.parse(`{"wink":1,"type":"event","payload":{"name":"p","metadata":${metadata}}}`);
    }),
    pollutionKey.map((key) =>
      JSON.parse(
        `{"wink":1,"type":"accountConnected","payload":{"accountId":"a","userId":"u","providerId":"p","${key}":{"polluted":true}}}`,
      ),
    ),
    pollutionKey.map((key) => JSON.parse(`{"wink":1,"type":"close","payload":{},"${key}":{"polluted":true}}`)),
    pollutionKey.map((key) =>
      JSON.parse(
        `{"wink":1,"type":"uploadsCreated","payload":{"userId":"u","uploads":[{"id":"x","${key}":{"polluted":true}}]}}`,
      ),
    ),
  ),
  fc.constantFrom('ready', '{"wink":1,"type":"ready","payload":{}}', 1, true, null, undefined, [1, 'ready', {}]),
);

const PROTO_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));
let link: Link;
let spies: Record<(typeof CALLBACKS)[number], ReturnType<typeof vi.fn>>;

beforeEach(async () => {
  spies = Object.fromEntries(CALLBACKS.map((name) => [name, vi.fn()])) as typeof spies;
  ({ link } = await openReady(
    vi.fn(async () => makeToken(3_600_000)),
    { ...spies, refresh: 'manual' } as never,
  ));
  for (const spy of Object.values(spies)) spy.mockClear();
});

function sourceOf(kind: unknown) {
  if (kind === 'page') return window;
  if (kind === 'document') return document;
  if (kind === 'other-iframe') return document.createElement('iframe').contentWindow;
  return kind;
}

/** Dispatches one message and checks that nothing happened. */
function expectIgnored(data: unknown, origin = WIDGET_ORIGIN, source?: unknown) {
  for (const spy of Object.values(spies)) spy.mockClear();
  const sent = widget.sent.length;
  widget.post(data, source === undefined ? { origin } : { origin, source }); // a throw fails the property
  const fired = Object.entries(spies)
    .filter(([, spy]) => spy.mock.calls.length > 0)
    .map(([name]) => name);
  const protoKeys = Object.getOwnPropertyNames(Object.prototype).filter((key) => !PROTO_KEYS.has(key));
  // Plain checks per run (cheap); one expect with everything when something is off.
  if (
    fired.length ||
    link.state !== 'open' ||
    widget.sent.length !== sent ||
    protoKeys.length ||
    consoleErrors.length
  ) {
    expect({ fired, state: link.state, posted: widget.sent.slice(sent), protoKeys, consoleErrors }).toEqual({
      fired: [],
      state: 'open',
      posted: [],
      protoKeys: [],
      consoleErrors: [],
    });
  }
}

/** A control message: the link still listens and reacts after the fuzzing. */
function expectStillListening() {
  widget.say('accountConnected', { accountId: 'a', userId: 'u', providerId: 'p' });
  expect(spies.onAccountConnected).toHaveBeenCalledTimes(1);
}

describe('fuzz: hostile messages to the host', () => {
  it('valid messages from a forged origin are ignored (4,000 runs)', () => {
    fc.assert(
      fc.property(validMessage, forgedOrigin, (m, origin) => expectIgnored(envelope(m), origin)),
      { numRuns: 4000 },
    );
    expectStillListening();
  }, 30_000);

  it('valid messages from a forged source are ignored (3,000 runs)', () => {
    fc.assert(
      fc.property(validMessage, forgedSource, (m, source) => {
        expectIgnored(envelope(m), WIDGET_ORIGIN, sourceOf(source) ?? null);
      }),
      { numRuns: 3000 },
    );
    expectStillListening();
  }, 30_000);

  it('malformed and hostile data from the right origin and source is ignored (6,000 runs)', () => {
    fc.assert(
      fc.property(hostileData, (data) => expectIgnored(data)),
      { numRuns: 6000 },
    );
    expectStillListening();
  }, 30_000);
});

describe('fuzz: hostile messages to the widget (connect)', () => {
  const HOST = 'https://host.example';
  const tokenPayload = fc.record({
    accessToken: fc.string({ minLength: 1, maxLength: 64 }),
    mode: fc.constantFrom('SANDBOX', 'PRODUCTION'),
    expiresAt: fc.integer({ min: 0, max: 4e12 }).map((ms) => new Date(ms).toISOString()),
  });
  const hostMessage = fc.oneof(
    tokenPayload.map((payload) => ({ wink: 1, type: 'init', payload: { ...payload, sdkVersion: 'dev' } })),
    tokenPayload.map((payload) => ({ wink: 1, type: 'token', payload })),
    fc.constant({ wink: 1, type: 'close', payload: {} }),
  );

  it('hostile data never pins a host; once pinned, other origins and sources are ignored (4,000 runs)', () => {
    const parent = { postMessage: vi.fn() };
    const frame = Object.assign(new EventTarget(), { parent, document }) as unknown as Window;
    const connection = connect({ window: frame, autoResize: false, allowedOrigins: ['https://host.example'] });
    const heard = vi.fn();
    for (const event of ['init', 'token', 'close'] as const) connection.on(event, heard);
    const deliver = (data: unknown, origin: string, source: unknown) =>
      frame.dispatchEvent(deliveredMessage({ data, origin, source: source as never }));
    const ignored = () => {
      if (heard.mock.calls.length || (connection.hostOrigin !== null && connection.hostOrigin !== HOST)) {
        expect({ heard: heard.mock.calls, hostOrigin: connection.hostOrigin }).toEqual({ heard: [], hostOrigin: HOST });
      }
    };
    const beforeInit = fc.oneof(
      hostileData,
      hostMessage.filter((m) => m.type !== 'init'),
    ); // token/close first: ignored
    fc.assert(
      fc.property(beforeInit, fc.oneof(forgedOrigin, fc.constant(HOST)), (data, origin) => {
        deliver(data, origin, parent);
        ignored();
        expect(connection.hostOrigin).toBeNull();
      }),
      { numRuns: 1500 },
    );
    fc.assert(
      fc.property(hostMessage, forgedOrigin, (data, origin) => {
        deliver(data, origin, window); // not the parent
        ignored();
      }),
      { numRuns: 500 },
    );
    deliver(
      {
        wink: 1,
        type: 'init',
        payload: { accessToken: 't', mode: 'SANDBOX', expiresAt: new Date().toISOString(), sdkVersion: 'dev' },
      },
      HOST,
      parent,
    );
    expect(connection.hostOrigin).toBe(HOST);
    heard.mockClear();
    fc.assert(
      fc.property(
        hostMessage,
        forgedOrigin.filter((o) => o !== HOST),
        (data, origin) => {
          deliver(data, origin, parent);
          ignored();
        },
      ),
      { numRuns: 2000 },
    );
    expect(
      parent.postMessage.mock.calls.every(([message, target]) => target === HOST || message.type === 'ready'),
    ).toBe(true);
    connection.destroy();
  }, 30_000);
});
