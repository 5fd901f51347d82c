import { WebhookError } from './errors.js';
import { checkStoreTimeout, withinMs } from './store-timeout.js';

/**
 * Smile delivers webhooks "at least once": an answer outside 200-299 is retried up to two times,
 * so the same event may arrive more than once; "detect duplicate webhook events by comparing the
 * `id` value" (SmileAPI/smile-openapi docs/english/api-reference/tags/tag-webhooks.md:91-97).
 */
export interface DedupeStore {
  /**
   * Records `id` for `ttlMs` unless it is already there; true when it was not (the first
   * delivery). Must be atomic across your instances, e.g. Redis `SET key 1 NX PX ttlMs`.
   */
  setIfAbsent(id: string, ttlMs: number): Promise<boolean> | boolean;
  /** Forgets `id`, so that Smile's retry of an event you failed to handle is handled. */
  delete?(id: string): Promise<unknown> | unknown;
}

/** A counter per key over a fixed window: the token handler's optional per-user rate limit. */
export interface RateLimitStore {
  /** Adds one to `key`'s count, starting a `windowMs` window on the first; resolves the new count. */
  increment(key: string, windowMs: number): Promise<number> | number;
}

export interface WebhookDeduper {
  /**
   * Runs `handle` for the first delivery of an event id and resolves true; resolves false,
   * without running it, for a repeat. If `handle` throws, the id is released (when the store can
   * delete) and the error rethrown: answer non-2xx and Smile's retry gets its turn. A store that
   * fails or does not answer within `storeTimeoutMs` rejects with WebhookError
   * `STORE_UNAVAILABLE` (answer 503) without running `handle`.
   */
  once(id: string, handle: () => unknown): Promise<boolean>;
}

const DEFAULT_TTL_MS = 24 * 60 * 60_000;
/** The in-memory store forgets its oldest ids past this many (it is per process anyway). */
const MEMORY_MAX_IDS = 100_000;

/**
 * Forgets expired entries from the front (insertion order is mostly expiry order), and the
 * oldest past `max`; an entry's own expiry is checked on read too.
 */
function sweep<T>(map: Map<string, T>, expiry: (value: T) => number, now: number, max: number) {
  for (const [key, value] of map) {
    if (expiry(value) > now && map.size < max) break;
    map.delete(key);
  }
}

/**
 * One process's memory: fine for a single instance; several instances need a shared store
 * (`createRedisStore`). Holds no timer: entries expire as they are read.
 */
export function createMemoryDedupeStore(maxIds = MEMORY_MAX_IDS): DedupeStore & RateLimitStore {
  const expiries = new Map<string, number>();
  const counters = new Map<string, { count: number; resetAt: number }>();
  return {
    increment(key, windowMs) {
      const now = Date.now();
      sweep(counters, (c) => c.resetAt, now, maxIds);
      const counter = counters.get(key);
      if (counter && counter.resetAt > now) return ++counter.count;
      counters.delete(key);
      counters.set(key, { count: 1, resetAt: now + windowMs });
      return 1;
    },
    setIfAbsent(id, ttlMs) {
      const now = Date.now();
      sweep(expiries, (expiry) => expiry, now, maxIds);
      if ((expiries.get(id) ?? 0) > now) return false;
      expiries.delete(id); // expired: set again at the back, in expiry order
      expiries.set(id, now + ttlMs);
      return true;
    },
    delete(id) {
      expiries.delete(id);
    },
  };
}

export interface WebhookDeduperOptions {
  /** Where seen ids are kept (default: this process's memory). */
  store?: DedupeStore | undefined;
  /** How long an id is remembered (default 24 h; Smile's retries come within minutes). */
  ttlMs?: number | undefined;
  /** A store call slower than this counts as the store being down (default 3000 ms). */
  storeTimeoutMs?: number | undefined;
}

const misuse = (message: string): never => {
  throw new WebhookError('INVALID_ARGUMENT', message);
};

export function createWebhookDeduper(options: WebhookDeduperOptions = {}): WebhookDeduper {
  const store = options.store ?? createMemoryDedupeStore();
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  if (typeof store?.setIfAbsent !== 'function')
    misuse('createWebhookDeduper: store needs a setIfAbsent(id, ttlMs) method.');
  if (!Number.isFinite(ttlMs) || ttlMs <= 0)
    misuse(`createWebhookDeduper: ttlMs must be a positive number, got ${String(ttlMs)}.`);
  const timeoutMs = checkStoreTimeout(options.storeTimeoutMs, 'createWebhookDeduper', misuse);
  // The handler's error (or the outage) is the one to report; a failed release only costs a retry.
  const release = (id: string) => withinMs(() => store.delete?.(id), timeoutMs).catch(() => {});

  async function claim(id: string): Promise<boolean> {
    try {
      return await withinMs(() => store.setIfAbsent(id, ttlMs), timeoutMs);
    } catch (error) {
      // A client that queues commands while disconnected (node-redis, ioredis) may still run this
      // SET once it reconnects: queue the release after it, so Smile's retry is not taken for a repeat.
      void release(id);
      throw new WebhookError(
        'STORE_UNAVAILABLE',
        `The dedupe store did not record event ${id.slice(0, 64)}: ${(error as Error)?.message ?? String(error)}. Answer 503: Smile retries.`,
      );
    }
  }

  return {
    async once(id, handle) {
      if (typeof id !== 'string' || id === '') misuse('deduper.once needs the event id (event.id from parseWebhook).');
      if (!(await claim(id))) return false;
      try {
        await handle();
      } catch (error) {
        await release(id);
        throw error;
      }
      return true;
    },
  };
}
