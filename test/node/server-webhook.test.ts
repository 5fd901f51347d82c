/**
 * Contract tests for parseWebhook: Smile's documented example payloads (test/fixtures/smile/),
 * signed here with node:crypto exactly as Smile's Java sample does (tag-webhooks.md:912-921:
 * HmacSHA512 keyed with the secret's bytes, over the raw body, Hex.encodeHexString), and delivered
 * under the documented header name to a loopback endpoint that uses parseWebhook as a host would.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  isKnownWebhookEvent,
  parseWebhook,
  SMILE_WEBHOOK_TYPES,
  signWebhook,
  WebhookError,
  type SmileWebhookEvent,
} from '../../src/server/index';
import contract from '../fixtures/smile/webhook-contract.json';
import docs from '../fixtures/smile/webhook-examples.json';
import { json, startLoopback, type Loopback } from './loopback';

const SECRET = contract.signature.exampleSecret;
const EXAMPLES = [...docs.examples.map((e) => e.event), contract.accountSyncTaskFinished.event];
const USER_CREATED = docs.examples[0]!.event;
/** Smile's examples are dated 2021: replay protection (on by default) is turned off for them. */
const OPTIONS = { secret: SECRET, maxAgeMs: false } as const;

/** The Java sample's generateSignature, in Node: HMAC-SHA512(key = secret bytes, raw body bytes) as lowercase hex. */
function javaSampleSignature(secret: string, body: string): string {
  return createHmac(contract.signature.algorithm, Buffer.from(secret, 'utf8'))
    .update(Buffer.from(body, 'utf8'))
    .digest('hex');
}

let endpoint: Loopback;

beforeAll(async () => {
  endpoint = await startLoopback(async (req, res, body) => {
    try {
      json(res, 200, await parseWebhook(body, req.headers, OPTIONS));
    } catch (error) {
      if (!(error instanceof WebhookError)) throw error;
      json(res, error.code.endsWith('SIGNATURE') ? 401 : 400, { code: error.code, message: error.message });
    }
  });
});
afterAll(() => endpoint.close());

async function deliver(body: string, headers: Record<string, string>) {
  const response = await fetch(endpoint.url, { method: 'POST', headers, body });
  return { status: response.status, body: await response.json() };
}

/** Signed as Smile signs, under the documented header name. */
const smileSigned = (body: string, secret = SECRET) => ({
  [contract.signature.header]: javaSampleSignature(secret, body),
});

describe('documented events', () => {
  it.each(EXAMPLES.map((event) => [event.type, event] as const))(
    'accepts the documented %s example',
    async (_type, event) => {
      // Pretty-printed as in the docs: the signature covers the bytes, whatever their layout.
      const body = JSON.stringify(event, null, 2);
      expect(await deliver(body, smileSigned(body))).toEqual({ status: 200, body: event });
      expect(isKnownWebhookEvent(await parseWebhook(body, smileSigned(body), OPTIONS))).toBe(true);
    },
  );

  it('knows every type in the documented list, and has a documented example for every type it knows', () => {
    expect(SMILE_WEBHOOK_TYPES).toEqual(expect.arrayContaining(docs.eventTypes.types));
    expect(docs.eventTypes.types).toHaveLength(26);
    expect([...SMILE_WEBHOOK_TYPES].sort()).toEqual(EXAMPLES.map((e) => e.type).sort());
  });

  it('passes an unknown (future) type through, unchecked, so the host can answer 2xx', async () => {
    const event = { ...USER_CREATED, type: 'ACCOUNT_SUSPENDED', data: { anything: ['goes', 1] } };
    const body = JSON.stringify(event);
    expect(await deliver(body, smileSigned(body))).toEqual({ status: 200, body: event });
    expect(isKnownWebhookEvent(await parseWebhook(body, smileSigned(body), OPTIONS))).toBe(false);
  });

  it('keeps fields Smile adds to a known type', async () => {
    const event = { ...USER_CREATED, data: { ...USER_CREATED.data, newField: 'kept' }, extra: true };
    const body = JSON.stringify(event);
    expect(await parseWebhook(body, smileSigned(body), OPTIONS)).toEqual(event);
  });
});

describe('signature drift fails', () => {
  const body = JSON.stringify(USER_CREATED);

  it('signWebhook computes what the Java sample computes, and a fixed known answer', async () => {
    expect(await signWebhook(body, SECRET)).toBe(javaSampleSignature(SECRET, body));
    // printf %s '{}' | openssl dgst -sha512 -hmac 'a little secret'
    expect(await signWebhook('{}', SECRET)).toBe(
      '76335b9623a65da1f667af07fd6b77433edd63d5ba8c0076a1a45c4fa8b50cefc802c3fa851d009cd9ede485813232d7233b8bffb2fe6eb967de5f7c1c59cae7',
    );
  });

  it('another header name (the old X-Smile-Signature) is a missing signature', async () => {
    expect((await deliver(body, { 'x-smile-signature': javaSampleSignature(SECRET, body) })).body.code).toBe(
      'MISSING_SIGNATURE',
    );
    expect((await deliver(body, {})).body.code).toBe('MISSING_SIGNATURE');
  });

  it('another hash, another encoding, a prefix or another secret is a bad signature', async () => {
    const sha256 = createHmac('sha256', SECRET).update(body).digest('hex');
    const base64 = createHmac('sha512', SECRET).update(body).digest('base64');
    for (const signature of [sha256, `sha256=${sha256}`, base64, `sha512=${javaSampleSignature(SECRET, body)}`]) {
      expect((await deliver(body, { 'Smile-Signature': signature })).body.code).toBe('BAD_SIGNATURE');
    }
    expect((await deliver(body, smileSigned(body, 'another secret'))).body.code).toBe('BAD_SIGNATURE');
  });

  it('a body altered after signing, even by white space, is a bad signature', async () => {
    expect((await deliver(JSON.stringify(USER_CREATED, null, 1), smileSigned(body))).body).toMatchObject({
      code: 'BAD_SIGNATURE',
    });
  });

  it('reads the header from fetch Headers or a record in any case; refuses two of them', async () => {
    const signature = javaSampleSignature(SECRET, body);
    expect(await parseWebhook(body, new Headers({ 'Smile-Signature': signature }), OPTIONS)).toEqual(USER_CREATED);
    expect(await parseWebhook(body, { 'SMILE-SIGNATURE': [signature] }, OPTIONS)).toEqual(USER_CREATED);
    await expect(parseWebhook(body, { 'smile-signature': [signature, signature] }, OPTIONS)).rejects.toMatchObject({
      code: 'BAD_SIGNATURE',
    });
  });

  it('a signature header that is not a string, not hex or not 64 bytes is a bad signature (a WebhookError)', async () => {
    const signature = javaSampleSignature(SECRET, body);
    for (const given of [42, { signature }, [42], `${signature}00`, signature.slice(2), `${signature.slice(1)}g`]) {
      await expect(parseWebhook(body, { 'smile-signature': given as never }, OPTIONS)).rejects.toMatchObject({
        name: 'WebhookError',
        code: 'BAD_SIGNATURE',
      });
    }
    // Smile sends lowercase; uppercase hex is the same bytes.
    expect(await parseWebhook(body, { 'smile-signature': signature.toUpperCase() }, OPTIONS)).toEqual(USER_CREATED);
  });

  it('takes the raw body as a string, a Buffer, a Uint8Array view or an ArrayBuffer', async () => {
    const headers = smileSigned(body);
    const bytes = Buffer.from(`xx${body}yy`).subarray(2, -2);
    for (const raw of [body, Buffer.from(body), new Uint8Array(bytes), bytes, new TextEncoder().encode(body).buffer]) {
      expect(await parseWebhook(raw, headers, OPTIONS)).toEqual(USER_CREATED);
    }
  });
});

describe('fails closed', () => {
  const body = JSON.stringify(USER_CREATED);
  const misuse = (options: unknown) =>
    expect(parseWebhook(body, smileSigned(body), options as never)).rejects.toMatchObject({
      name: 'WebhookError',
      code: 'INVALID_ARGUMENT',
    });

  it('refuses to run without a secret, even for a validly signed body', async () => {
    await misuse(undefined);
    await misuse({});
    await misuse({ secret: '' });
    await misuse({ secret: process.env.WINK_TEST_SURELY_UNSET_SECRET });
    await misuse({ unsafeSkipVerification: false });
  });

  it('the opt-out is explicit and exclusive', async () => {
    expect(await parseWebhook(body, {}, { unsafeSkipVerification: true, maxAgeMs: false })).toEqual(USER_CREATED);
    await misuse({ unsafeSkipVerification: 'yes' });
    await misuse({ unsafeSkipVerification: true, secret: SECRET });
  });

  it('a possibly-unset secret does not compile', async () => {
    const secret = process.env.WINK_TEST_SURELY_UNSET_SECRET;
    // @ts-expect-error: string | undefined is not a secret
    await expect(parseWebhook(body, {}, { secret })).rejects.toThrow(/needs your webhook secret/);
  });

  it('refuses a parsed object: the signature covers the raw bytes', async () => {
    await expect(parseWebhook(USER_CREATED as never, {}, { unsafeSkipVerification: true })).rejects.toThrow(
      /raw request body/,
    );
  });
});

describe('validation', () => {
  const parse = (event: unknown, options: { maxAgeMs?: number | false } = { maxAgeMs: false }) => {
    const body = typeof event === 'string' ? event : JSON.stringify(event);
    return parseWebhook(body, smileSigned(body), { secret: SECRET, ...options });
  };
  const refused = (event: unknown, expected: object | RegExp, options?: { maxAgeMs?: number | false }) =>
    expected instanceof RegExp
      ? expect(parse(event, options)).rejects.toThrow(expected)
      : expect(parse(event, options)).rejects.toMatchObject(expected);
  const connected = docs.examples.find((e) => e.event.type === 'ACCOUNT_CONNECTED')!.event;

  it('rejects a body that is not JSON', async () => {
    await refused('id=et-1&type=USER_CREATED', { code: 'MALFORMED' });
  });

  it('rejects a documented type without a documented field, naming it', async () => {
    const { accountId: _, ...data } = connected.data;
    await refused({ ...connected, data }, { code: 'MALFORMED', message: expect.stringContaining('data.accountId') });
    await refused({ ...connected, data: { ...connected.data, providers: 'abccorp' } }, /data\.providers/);
  });

  it('rejects an event without the envelope fields, or with a string version', async () => {
    const { id: _id, ...noId } = USER_CREATED;
    await refused(noId, /check id/);
    await refused({ ...USER_CREATED, version: '1' }, /check version/);
    await refused({ ...USER_CREATED, createdAt: 'yesterday' }, /check createdAt/);
  });

  it('replay protection is on by default (one hour): a documented 2021 example is stale', async () => {
    await refused(USER_CREATED, { code: 'STALE' }, {});
    const recent = { ...USER_CREATED, createdAt: new Date(Date.now() - 50 * 60_000).toISOString() };
    expect(await parse(recent, {})).toEqual(recent);
    await refused({ ...recent, createdAt: new Date(Date.now() - 70 * 60_000).toISOString() }, { code: 'STALE' }, {});
  });

  it('maxAgeMs refuses an old (replayed) event, and accepts a fresh one; only false turns it off', async () => {
    await refused(USER_CREATED, { code: 'STALE' }, { maxAgeMs: 5 * 60_000 });
    const fresh = { ...USER_CREATED, createdAt: new Date(Date.now() - 60_000).toISOString() };
    expect(await parse(fresh, { maxAgeMs: 5 * 60_000 })).toEqual(fresh);
    for (const maxAgeMs of [-1, 0, Number.NaN, '1h', null, true])
      await refused(fresh, { code: 'INVALID_ARGUMENT' }, { maxAgeMs: maxAgeMs as never });
  });
});

describe('types', () => {
  it('narrows data by type once the event is known', async () => {
    const event = await parseWebhook(JSON.stringify(USER_CREATED), smileSigned(JSON.stringify(USER_CREATED)), OPTIONS);
    expectTypeOf(event).toEqualTypeOf<SmileWebhookEvent>();
    if (!isKnownWebhookEvent(event)) return expect.unreachable();
    switch (event.type) {
      case 'ACCOUNT_FAILED':
        expectTypeOf(event.data.errorCode).toEqualTypeOf<string>();
        break;
      case 'TRANSACTIONS_ADDED':
        expectTypeOf(event.data.count).toEqualTypeOf<number>();
        break;
      case 'USER_CREATED':
        expectTypeOf(event.data.userId).toEqualTypeOf<string>();
        expect(event.data.userId).toBe(USER_CREATED.data.userId);
    }
  });
});
