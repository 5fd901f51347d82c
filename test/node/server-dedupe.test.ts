/**
 * createWebhookDeduper: Smile delivers "at least once" and retries a non-2xx answer up to two
 * times (tag-webhooks.md:91-97, test/fixtures/smile/webhook-contract.json `delivery`), so each
 * event id must be handled once, and a failed handling must leave the retry its turn.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryDedupeStore, createWebhookDeduper, type DedupeStore } from '../../src/server/index';
import contract from '../fixtures/smile/webhook-contract.json';

afterEach(() => {
  vi.useRealTimers();
});

/** A Redis stand-in with `SET key 1 NX PX ttl` and `DEL key` semantics, shared like a real one. */
function fakeRedis() {
  const keys = new Map<string, number>();
  const commands: string[] = [];
  const store: DedupeStore = {
    async setIfAbsent(id, ttlMs) {
      commands.push(`SET ${id} NX PX ${ttlMs}`);
      const expiry = keys.get(id);
      if (expiry !== undefined && expiry > Date.now()) return false;
      keys.set(id, Date.now() + ttlMs);
      return true;
    },
    async delete(id) {
      commands.push(`DEL ${id}`);
      keys.delete(id);
    },
  };
  return { store, commands };
}

describe('createWebhookDeduper', () => {
  it(`handles an event once across Smile's ${contract.delivery.retries} retries`, async () => {
    const dedupe = createWebhookDeduper();
    const handled: string[] = [];
    const deliveries = 1 + contract.delivery.retries;
    const results = [];
    for (let i = 0; i < deliveries; i++) results.push(await dedupe.once('et-1', () => handled.push('et-1')));
    expect(results).toEqual([true, false, false]);
    expect(await dedupe.once('et-2', () => handled.push('et-2'))).toBe(true);
    expect(handled).toEqual(['et-1', 'et-2']);
  });

  it('handles concurrent deliveries of one id once', async () => {
    const dedupe = createWebhookDeduper();
    let runs = 0;
    const slow = () => new Promise((resolve) => setTimeout(() => resolve(++runs), 20));
    expect(await Promise.all([dedupe.once('et-1', slow), dedupe.once('et-1', slow)])).toEqual([true, false]);
    expect(runs).toBe(1);
  });

  it('releases the id when the handler fails, so the retry is handled', async () => {
    const dedupe = createWebhookDeduper();
    const failure = new Error('database down');
    await expect(dedupe.once('et-1', () => Promise.reject(failure))).rejects.toBe(failure);
    const handled = vi.fn();
    expect(await dedupe.once('et-1', handled)).toBe(true);
    expect(handled).toHaveBeenCalledOnce();
  });

  it('forgets an id after ttlMs', async () => {
    vi.useFakeTimers({ now: 0 });
    const dedupe = createWebhookDeduper({ ttlMs: 60_000 });
    const handled = vi.fn();
    await dedupe.once('et-1', handled);
    vi.setSystemTime(59_999);
    expect(await dedupe.once('et-1', handled)).toBe(false);
    vi.setSystemTime(60_001);
    expect(await dedupe.once('et-1', handled)).toBe(true);
    expect(handled).toHaveBeenCalledTimes(2);
  });

  it('uses a shared store: two server instances handle an event once', async () => {
    const redis = fakeRedis();
    const instanceA = createWebhookDeduper({ store: redis.store, ttlMs: 3_600_000 });
    const instanceB = createWebhookDeduper({ store: redis.store, ttlMs: 3_600_000 });
    const handled = vi.fn();
    expect(await instanceA.once('et-1', handled)).toBe(true);
    expect(await instanceB.once('et-1', handled)).toBe(false);
    await expect(instanceB.once('et-2', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(redis.commands).toEqual([
      'SET et-1 NX PX 3600000',
      'SET et-1 NX PX 3600000',
      'SET et-2 NX PX 3600000',
      'DEL et-2',
    ]);
    expect(handled).toHaveBeenCalledOnce();
  });

  it("reports the handler's error even when the release fails", async () => {
    const store: DedupeStore = {
      setIfAbsent: () => true,
      delete: () => Promise.reject(new Error('redis down')),
    };
    await expect(
      createWebhookDeduper({ store }).once('et-1', () => Promise.reject(new Error('handler'))),
    ).rejects.toThrow('handler');
  });

  it('refuses a store without setIfAbsent, a bad ttl, or an empty id', async () => {
    expect(() => createWebhookDeduper({ store: {} as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => createWebhookDeduper({ ttlMs: 0 })).toThrow(/ttlMs/);
    await expect(createWebhookDeduper().once('', () => {})).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('createMemoryDedupeStore', () => {
  it('keeps at most maxIds ids, forgetting the oldest first', () => {
    const store = createMemoryDedupeStore(3);
    for (const id of ['a', 'b', 'c', 'd']) expect(store.setIfAbsent(id, 60_000)).toBe(true);
    expect(store.setIfAbsent('a', 60_000)).toBe(true); // forgotten: the oldest
    expect(store.setIfAbsent('d', 60_000)).toBe(false);
  });

  it('drops expired ids as it goes', () => {
    vi.useFakeTimers({ now: 0 });
    const store = createMemoryDedupeStore(2);
    store.setIfAbsent('a', 1000);
    store.setIfAbsent('b', 1000);
    vi.setSystemTime(2000);
    expect(store.setIfAbsent('c', 1000)).toBe(true);
    expect(store.setIfAbsent('b', 1000)).toBe(true);
  });

  it('shared by dedupers with different TTLs: an expired id behind a live one is new again', () => {
    vi.useFakeTimers({ now: 0 });
    const store = createMemoryDedupeStore();
    store.setIfAbsent('long', 60_000);
    store.setIfAbsent('short', 1000);
    vi.setSystemTime(2000);
    expect(store.setIfAbsent('short', 1000)).toBe(true);
    expect(store.setIfAbsent('short', 1000)).toBe(false);
    expect(store.setIfAbsent('long', 60_000)).toBe(false);
  });
});
