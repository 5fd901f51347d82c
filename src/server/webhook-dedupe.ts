import { WebhookError } from './errors.js';

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

export interface WebhookDeduper {
  /**
   * Runs `handle` for the first delivery of an event id and resolves true; resolves false,
   * without running it, for a repeat. If `handle` throws, the id is released (when the store can
   * delete) and the error rethrown: answer non-2xx and Smile's retry gets its turn.
   */
  once(id: string, handle: () => unknown): Promise<boolean>;
}

const DEFAULT_TTL_MS = 24 * 60 * 60_000;
/** The in-memory store forgets its oldest ids past this many (it is per process anyway). */
const MEMORY_MAX_IDS = 100_000;

/** One process's memory: fine for a single instance; several instances need a shared store. */
export function createMemoryDedupeStore(maxIds = MEMORY_MAX_IDS): DedupeStore {
  // Insertion order is mostly expiry order, so the sweep from the front finds the expired ids;
  // dedupers with different TTLs may share the store, so an id's own expiry is checked too.
  const expiries = new Map<string, number>();
  return {
    setIfAbsent(id, ttlMs) {
      const now = Date.now();
      for (const [oldId, expiry] of expiries) {
        if (expiry > now && expiries.size < maxIds) break;
        expiries.delete(oldId);
      }
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
}

export function createWebhookDeduper(options: WebhookDeduperOptions = {}): WebhookDeduper {
  const store = options.store ?? createMemoryDedupeStore();
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  if (typeof store?.setIfAbsent !== 'function')
    throw new WebhookError('INVALID_ARGUMENT', 'createWebhookDeduper: store needs a setIfAbsent(id, ttlMs) method.');
  if (!Number.isFinite(ttlMs) || ttlMs <= 0)
    throw new WebhookError(
      'INVALID_ARGUMENT',
      `createWebhookDeduper: ttlMs must be a positive number, got ${String(ttlMs)}.`,
    );
  return {
    async once(id, handle) {
      if (typeof id !== 'string' || id === '')
        throw new WebhookError('INVALID_ARGUMENT', 'deduper.once needs the event id (event.id from parseWebhook).');
      if (!(await store.setIfAbsent(id, ttlMs))) return false;
      try {
        await handle();
      } catch (error) {
        // The handler's error is the one to report; a failed release only costs the retry.
        await Promise.resolve()
          .then(() => store.delete?.(id))
          .catch(() => {});
        throw error;
      }
      return true;
    },
  };
}
