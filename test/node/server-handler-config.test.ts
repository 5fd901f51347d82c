/**
 * The handlers and stores fail loudly on a misconfiguration, at creation (not at the first
 * webhook), with a stable code naming what to fix; and their types follow the event type.
 */
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createLinkTokenHandler,
  createRedisStore,
  createWebhookDeduper,
  createWebhookHandler,
  type SmileWebhookHandlers,
} from '../../src/server/index';

const token = { smile: () => ({}) as never, getUser: () => null, saveSmileUserId: () => {} };

function refused(create: () => unknown, name: string, code: string, pattern: RegExp) {
  expect(create).toThrow(expect.objectContaining({ name, code, message: expect.stringMatching(pattern) }));
}

describe('createWebhookHandler', () => {
  const webhook = (options: object) => () => createWebhookHandler({ secret: 's', ...options });
  const misuse = (options: object, pattern: RegExp) =>
    refused(webhook(options), 'WebhookError', 'INVALID_ARGUMENT', pattern);

  it('refuses options it cannot use, naming the option', () => {
    refused(() => createWebhookHandler(undefined as never), 'WebhookError', 'INVALID_ARGUMENT', /secret/);
    misuse({ on: { USER_CREATED: 'yes' } }, /on\.USER_CREATED must be a function/);
    misuse({ onEvent: 1 }, /onEvent must be a function/);
    misuse({ maxAgeMs: 0 }, /maxAgeMs/);
    misuse({ maxBodyBytes: 1.5 }, /maxBodyBytes/);
    misuse({ storeTimeoutMs: 0 }, /storeTimeoutMs/);
    misuse({ maxAgeMs: 2 * 86_400_000 }, /dedupeTtlMs must be at least maxAgeMs/);
    misuse({ store: {} }, /setIfAbsent/);
  });

  it('accepts a secret that is unset at build time (checked per request) and an explicit replay opt-out', () => {
    expect(webhook({ secret: undefined })).not.toThrow();
    expect(webhook({ maxAgeMs: false })).not.toThrow();
  });

  it('types each `on` function with its own event', () => {
    const on: SmileWebhookHandlers = {
      ACCOUNT_CONNECTED: (event) => expectTypeOf(event.data.loginName).toEqualTypeOf<string>(),
      TRANSACTIONS_ADDED: (event) => expectTypeOf(event.data.count).toEqualTypeOf<number>(),
    };
    expect(webhook({ on })).not.toThrow();
  });
});

describe('createLinkTokenHandler', () => {
  const misuse = (options: object, pattern: RegExp) =>
    refused(() => createLinkTokenHandler({ ...token, ...options }), 'SmileApiError', 'INVALID_ARGUMENT', pattern);

  it('refuses options it cannot use, naming the option', () => {
    misuse({ smile: undefined }, /smile must be a SmileClient/);
    misuse({ getUser: undefined }, /getUser must be a function/);
    misuse({ saveSmileUserId: 'x' }, /saveSmileUserId must be a function/);
    misuse({ allowedOrigins: 'https://app.example' }, /allowedOrigins must be an array/);
    misuse({ allowedOrigins: ['not a url'] }, /"not a url" is not an http\(s\) origin/);
    misuse({ rateLimit: { max: 0, windowMs: 1000 } }, /rateLimit\.max/);
    misuse({ rateLimit: { max: 5 } }, /rateLimit\.windowMs/);
  });
});

describe('createRedisStore', () => {
  it('takes a node-redis or an ioredis client, and sends nothing when created', () => {
    const nodeRedis = createClient();
    const ioredis = new Redis({ lazyConnect: true });
    expect(() => createRedisStore(nodeRedis)).not.toThrow();
    expect(() => createRedisStore(ioredis, { prefix: 'app:' })).not.toThrow();
    expect(nodeRedis.isOpen).toBe(false);
    expect(ioredis.status).toBe('wait');
    ioredis.disconnect();
  });

  it('refuses anything else', () => {
    refused(
      () => createRedisStore({} as never),
      'WebhookError',
      'INVALID_ARGUMENT',
      /node-redis client .* or an ioredis client/,
    );
  });
});

it('createWebhookDeduper: a store that does not answer is STORE_UNAVAILABLE, and the handler never runs', async () => {
  let ran = false;
  const deduper = createWebhookDeduper({ store: { setIfAbsent: () => new Promise(() => {}) }, storeTimeoutMs: 20 });
  await expect(deduper.once('et-1', () => (ran = true))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  expect(ran).toBe(false);
});
