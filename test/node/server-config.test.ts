/**
 * Regression tests from the code review (wink-link/server): an empty webhook secret never turns
 * verification off, and the API key never goes to a plain-http host.
 */
import { describe, expect, it } from 'vitest';
import { createSmileClient, parseWebhook, signWebhook } from '../../src/server/index';

const body = JSON.stringify({
  id: 'evt_1',
  version: 1,
  type: 'USER_CREATED',
  createdAt: '2026-11-26T12:00:00Z',
  data: { userId: 'usr_forged' },
});

describe('parseWebhook fails open on a missing secret', () => {
  // SECURITY (webhook.ts: `if (options.secret !== undefined) verifySignature(...)`). The README's
  // own example passes `{ secret: process.env.SMILE_WEBHOOK_SECRET }`. When that variable is not
  // set in some environment (a typo, a new deployment), `secret` is undefined and EVERY unsigned,
  // forged webhook is accepted — silently. `{ secret: undefined }` given explicitly should be a
  // configuration error, not "no verification" (keep the no-options form for "unsigned on purpose").
  it('an explicitly passed but undefined secret does not disable verification', () => {
    const secret = process.env.WINK_REVIEW_SURELY_UNSET_SECRET; // undefined, like a missing env var
    expect(() => parseWebhook(body, {}, { secret })).toThrow();
  });

  // An empty secret (an env var set to '') keys the HMAC with '' — anyone can compute it.
  it('an empty secret is refused instead of verifying against an HMAC keyed with ""', () => {
    expect(() => parseWebhook(body, { 'x-smile-signature': signWebhook(body, '') }, { secret: '' })).toThrow();
  });
});

describe('createSmileClient baseUrl', () => {
  // client.ts documents baseUrl as "https:, or http: for a local mock", and the browser side
  // allows http: only on localhost/127.0.0.1 — but the server check accepts http: for ANY host,
  // so a misconfigured SMILE_API_URL=http://api.smile… sends `Authorization: Bearer <API key>`
  // in clear text without a word.
  it('refuses a plain-http baseUrl that is not a loopback host (the API key would go in clear)', () => {
    expect(() => createSmileClient({ baseUrl: 'http://api.smile.example/v1', apiKey: 'sk_live_secret' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('control: http on 127.0.0.1 (a local mock) is accepted', () => {
    expect(() => createSmileClient({ baseUrl: 'http://127.0.0.1:5175', apiKey: 'k' })).not.toThrow();
  });
});
