import type { DedupeStore, RateLimitStore } from './webhook-dedupe.js';
import { WebhookError } from './errors.js';

/**
 * A Redis client, typed by shape only (wink-link has no dependency on either): node-redis v4+
 * (`createClient()`, which has `sendCommand(args)`) or ioredis (`new Redis()`, which has `call`).
 * A cluster client is not supported (its sendCommand takes a routing key first).
 */
export type RedisClientLike =
  | { call(command: string, ...args: string[]): Promise<unknown> }
  | { sendCommand(args: string[]): Promise<unknown> };

export interface RedisStoreOptions {
  /** Prepended to every key (default `wink-link:`), so several apps can share one database. */
  prefix?: string | undefined;
}

/** Deletes the key only while it still holds this instance's claim: a late release never frees another's. */
const RELEASE_IF_OURS = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
/** A fixed window: the first increment starts it. */
const INCREMENT_IN_WINDOW =
  "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n";

function commandRunner(client: RedisClientLike): (args: string[]) => Promise<unknown> {
  // ioredis also has a sendCommand, taking its own Command objects: look for `call` first.
  if (typeof (client as { call?: unknown }).call === 'function') {
    const ioredis = client as { call(command: string, ...args: string[]): Promise<unknown> };
    return ([command, ...args]) => ioredis.call(command!, ...args);
  }
  if (typeof (client as { sendCommand?: unknown }).sendCommand === 'function') {
    const nodeRedis = client as { sendCommand(args: string[]): Promise<unknown> };
    return (args) => nodeRedis.sendCommand(args);
  }
  throw new WebhookError(
    'INVALID_ARGUMENT',
    'createRedisStore needs a connected node-redis client (createClient()) or an ioredis client (new Redis()).',
  );
}

/**
 * The dedupe and rate-limit store for several instances, on your own Redis client:
 * `SET key <claim> NX PX ttl` records an event id atomically, a release deletes it only if
 * this instance still holds it, and a counter is `INCR` + `PEXPIRE`. Creating it sends nothing.
 * Let the client fail fast while disconnected (node-redis `disableOfflineQueue: true`, ioredis
 * `enableOfflineQueue: false`); either way a call that does not answer within the handler's
 * `storeTimeoutMs` is answered 503, and the next call after Redis is back works again.
 */
export function createRedisStore(
  client: RedisClientLike,
  options: RedisStoreOptions = {},
): DedupeStore & RateLimitStore & { delete(id: string): Promise<unknown> } {
  const run = commandRunner(client);
  const prefix = options.prefix ?? 'wink-link:';
  if (typeof prefix !== 'string')
    throw new WebhookError('INVALID_ARGUMENT', 'createRedisStore: prefix must be a string.');
  // Marks this instance's claims; made on first use, so creating the store does nothing.
  let claim: string | undefined;
  const ours = () => (claim ??= crypto.randomUUID());
  const seen = (id: string) => `${prefix}seen:${id}`;

  return {
    async setIfAbsent(id, ttlMs) {
      return (await run(['SET', seen(id), ours(), 'NX', 'PX', String(Math.ceil(ttlMs))])) !== null;
    },
    delete(id) {
      return run(['EVAL', RELEASE_IF_OURS, '1', seen(id), ours()]);
    },
    async increment(key, windowMs) {
      return Number(
        await run(['EVAL', INCREMENT_IN_WINDOW, '1', `${prefix}count:${key}`, String(Math.ceil(windowMs))]),
      );
    },
  };
}
