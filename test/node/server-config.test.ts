/**
 * Misconfiguration of wink-link/server fails loudly, before anything is sent: credentials that
 * would go in clear text or in a broken header, user metadata Smile would refuse.
 */
import { describe, expect, it, vi } from 'vitest';
import { createSmileClient, SmileApiError } from '../../src/server/index';
import api from '../fixtures/smile/open-api.json';

const OK = { baseUrl: 'https://sandbox.smileapi.io/v1', apiKeyId: 'key_1', apiKeySecret: 'secret_1' };

function misuse(run: () => unknown, pattern: RegExp) {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SmileApiError);
  expect(caught).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(pattern) });
}

describe('createSmileClient arguments', () => {
  it('refuses a plain-http baseUrl that is not a loopback host (the credentials would go in clear)', () => {
    misuse(() => createSmileClient({ ...OK, baseUrl: 'http://sandbox.smileapi.io/v1' }), /https:/);
    expect(() => createSmileClient({ ...OK, baseUrl: 'http://127.0.0.1:5175' })).not.toThrow();
  });

  it('refuses a relative baseUrl, and one carrying credentials', () => {
    misuse(() => createSmileClient({ ...OK, baseUrl: 'sandbox.smileapi.io/v1' }), /baseUrl/);
    misuse(() => createSmileClient({ ...OK, baseUrl: 'https://key:secret@sandbox.smileapi.io/v1' }), /credentials/);
  });

  it('refuses missing, padded or header-breaking credentials, naming which', () => {
    misuse(() => createSmileClient({ ...OK, apiKeyId: '' }), /apiKeyId/);
    misuse(() => createSmileClient({ ...OK, apiKeySecret: undefined as never }), /apiKeySecret/);
    misuse(() => createSmileClient({ ...OK, apiKeySecret: 'secret_1\n' }), /apiKeySecret has leading or trailing/);
    misuse(() => createSmileClient({ ...OK, apiKeyId: 'a:b' }), /apiKeyId cannot contain ":"/);
    misuse(() => createSmileClient({ ...OK, apiKeySecret: 'sé' }), /printable ASCII/);
    misuse(() => createSmileClient({ ...OK, timeoutMs: 0 }), /timeoutMs/);
    // What AbortSignal.timeout cannot take: Node throws a RangeError (1500.5, 5e9) or wraps it to 1 ms (3e9).
    for (const timeoutMs of [1500.5, 3e9, 5e9, Number.NaN, Number.POSITIVE_INFINITY]) {
      misuse(() => createSmileClient({ ...OK, timeoutMs }), /timeoutMs must be a whole number/);
    }
    misuse(() => createSmileClient(undefined as never), /baseUrl, apiKeyId, apiKeySecret/);
    // A colon is fine in the secret (only the first one splits a Basic credential).
    expect(() => createSmileClient({ ...OK, apiKeySecret: 'a:b' })).not.toThrow();
  });

  it('never echoes a credential in these messages', () => {
    for (const options of [
      { ...OK, apiKeySecret: ' padded-secret-value ' },
      { ...OK, apiKeyId: 'key:with-colon-value' },
    ]) {
      try {
        createSmileClient(options);
      } catch (error) {
        expect((error as Error).message).not.toMatch(/padded-secret-value|with-colon-value/);
      }
    }
  });
});

describe('createUser externalMetadata (openapi-v1.yaml ObjectExternalMetadata)', () => {
  const fetch = vi.fn(async () => new Response('{}', { status: 500 }));
  const client = createSmileClient({ ...OK, fetch });
  const refused = async (input: unknown, pattern: RegExp) => {
    const error = await client.createUser(input as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(pattern) });
    expect(fetch).not.toHaveBeenCalled();
  };
  const pairs = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

  it(`takes at most ${api.externalMetadata.maxPairs} pairs`, async () => {
    await refused({ externalMetadata: pairs(api.externalMetadata.maxPairs + 1) }, /at most 5 pairs/);
  });

  it('takes string values only, ASCII only, within the documented lengths', async () => {
    await refused({ externalMetadata: { employee: 42 } }, /externalMetadata.employee must be a string/);
    await refused({ externalMetadata: { nested: { a: 'b' } } }, /must be a string/);
    await refused({ externalMetadata: { name: 'Zoë' } }, /ASCII/);
    await refused({ externalMetadata: { ['k'.repeat(api.externalMetadata.maxKeyLength + 1)]: 'v' } }, /1 to 50/);
    await refused({ externalMetadata: { k: 'v'.repeat(api.externalMetadata.maxValueLength + 1) } }, /at most 500/);
    await refused({ externalMetadata: ['a'] }, /object of string values/);
  });

  it("refuses fields Smile's POST /users does not take (the old README's externalId)", async () => {
    await refused({ externalId: 'emp-42' }, /unknown field "externalId".*externalMetadata/);
  });

  it('never echoes a metadata value (it may be personal)', async () => {
    const error = (await client
      .createUser({ externalMetadata: { email: 'zoë@example.com' } })
      .catch((e) => e)) as Error;
    expect(error.message).not.toContain('example.com');
  });

  it('accepts the documented maximum', async () => {
    const input = { externalMetadata: { ...pairs(4), long: 'v'.repeat(500) } };
    const error = await client.createUser(input).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'HTTP_ERROR' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
