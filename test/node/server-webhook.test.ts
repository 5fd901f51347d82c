import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWebhook, signWebhook, WEBHOOK_SIGNATURE_HEADER, WebhookError } from '../../src/server/index';
import { json, startMockServer, type MockServer } from './server-mock';

/**
 * parseWebhook, exercised the way a host server uses it: a local node:http endpoint reads the
 * raw body and Node's headers, and answers with the event or the error code.
 */
const SECRET = 'whsec_test_5d1c';
const EVENT = {
  id: 'evt_1',
  version: '1',
  type: 'USER_CREATED',
  createdAt: '2026-11-26T12:00:00Z',
  data: { userId: 'usr_42' },
};
let endpoint: MockServer;

beforeAll(async () => {
  endpoint = await startMockServer((req, res, body) => {
    // Unsigned on purpose: the option left out (an empty `secret` is a configuration error).
    const options = req.url === '/unsigned' ? {} : { secret: SECRET };
    try {
      json(res, 200, parseWebhook(body, req.headers, options));
    } catch (error) {
      if (!(error instanceof WebhookError)) throw error;
      json(res, 400, { code: error.code, message: error.message });
    }
  });
});
afterAll(() => endpoint.close());

async function deliver(body: string, headers: Record<string, string> = {}, path = '/') {
  const response = await fetch(`${endpoint.url}${path}`, { method: 'POST', headers, body });
  return { status: response.status, body: await response.json() };
}

const signed = (body: string, secret = SECRET) => ({ [WEBHOOK_SIGNATURE_HEADER]: signWebhook(body, secret) });

describe('parseWebhook with a signing secret', () => {
  it('accepts a USER_CREATED whose X-Smile-Signature matches the raw body', async () => {
    const body = JSON.stringify(EVENT);
    expect(await deliver(body, signed(body))).toEqual({ status: 200, body: EVENT });
  });

  it('signs as documented: sha256=<hex HMAC-SHA256 of the raw body>', () => {
    // Known answer computed independently: printf %s '{}' | openssl dgst -sha256 -hmac whsec_test_5d1c
    expect(signWebhook('{}', SECRET)).toBe('sha256=22775cc442f9403c98e93554e4d0dcefc8289b9e5ad56991950064f7c96c853b');
    expect(signWebhook(Buffer.from('{}'), SECRET)).toBe(signWebhook('{}', SECRET));
  });

  it('refuses a request without the signature header', async () => {
    expect((await deliver(JSON.stringify(EVENT))).body.code).toBe('MISSING_SIGNATURE');
  });

  it('refuses a body altered after signing, even by whitespace', async () => {
    const body = JSON.stringify(EVENT);
    const reformatted = JSON.stringify(EVENT, null, 2);
    expect((await deliver(reformatted, signed(body))).body.code).toBe('BAD_SIGNATURE');
  });

  it('refuses a signature made with another secret, or in another format', async () => {
    const body = JSON.stringify(EVENT);
    expect((await deliver(body, signed(body, 'whsec_other'))).body.code).toBe('BAD_SIGNATURE');
    const hex = signWebhook(body, SECRET).slice('sha256='.length);
    expect((await deliver(body, { [WEBHOOK_SIGNATURE_HEADER]: hex })).body.code).toBe('BAD_SIGNATURE');
    expect((await deliver(body, { [WEBHOOK_SIGNATURE_HEADER]: `sha256=${hex.slice(2)}` })).body.code).toBe(
      'BAD_SIGNATURE',
    );
  });

  it('reads the header from a fetch Headers object or a record in any case', () => {
    const body = JSON.stringify(EVENT);
    const signature = signWebhook(body, SECRET);
    expect(parseWebhook(body, new Headers({ 'X-Smile-Signature': signature }), { secret: SECRET })).toEqual(EVENT);
    expect(parseWebhook(Buffer.from(body), { 'X-Smile-Signature': [signature] }, { secret: SECRET })).toEqual(EVENT);
  });
});

describe('parseWebhook validation', () => {
  const unsigned = (body: string) => deliver(body, {}, '/unsigned');

  it('needs no signature when no secret is configured', async () => {
    expect(await unsigned(JSON.stringify(EVENT))).toEqual({ status: 200, body: EVENT });
  });

  it('rejects a body that is not JSON', async () => {
    expect((await unsigned('id=evt_1&type=USER_CREATED')).body.code).toBe('MALFORMED');
  });

  it('rejects a USER_CREATED without data.userId, naming the field', async () => {
    const { body } = await unsigned(JSON.stringify({ ...EVENT, data: {} }));
    expect(body.code).toBe('MALFORMED');
    expect(body.message).toContain('data.userId');
  });

  it('rejects an event without the envelope fields', async () => {
    const { id: _id, ...withoutId } = EVENT;
    expect((await unsigned(JSON.stringify(withoutId))).body.code).toBe('MALFORMED');
    expect((await unsigned(JSON.stringify({ ...EVENT, createdAt: 'yesterday' }))).body.code).toBe('MALFORMED');
  });

  it('rejects an unknown event type by name', async () => {
    const { body } = await unsigned(JSON.stringify({ ...EVENT, type: 'ACCOUNT_DELETED' }));
    expect(body).toMatchObject({ code: 'UNKNOWN_TYPE' });
    expect(body.message).toContain('ACCOUNT_DELETED');
  });

  it('refuses an already-parsed body: the signature covers the raw bytes', () => {
    expect(() => parseWebhook(EVENT as never, {}, {})).toThrow(/raw request body/);
  });
});
