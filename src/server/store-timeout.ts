/**
 * A store call that does not settle within `ms` counts as "store down". The timer lives only for
 * the call (workerd refuses timers outside a request), and a late answer is ignored.
 */
export class StoreTimeout extends Error {
  constructor(readonly ms: number) {
    super(`the store did not answer within ${ms} ms`);
    this.name = 'StoreTimeout';
  }
}

export function withinMs<T>(call: () => Promise<T> | T, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreTimeout(ms)), ms);
  });
  return Promise.race([Promise.resolve().then(call), limit]).finally(() => clearTimeout(timer));
}

/** Default for `storeTimeoutMs`: Smile retries a few dozen seconds apart; a store this slow is down. */
export const DEFAULT_STORE_TIMEOUT_MS = 3000;

export function checkStoreTimeout(ms: unknown, where: string, fail: (message: string) => never): number {
  if (ms === undefined) return DEFAULT_STORE_TIMEOUT_MS;
  if (typeof ms !== 'number' || !Number.isInteger(ms) || ms <= 0 || ms > 60_000)
    fail(`${where}: storeTimeoutMs must be a whole number of milliseconds from 1 to 60000, got ${String(ms)}.`);
  return ms;
}
