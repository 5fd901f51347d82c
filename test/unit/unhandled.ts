import { afterEach, beforeEach } from 'vitest';

/**
 * Collects the unhandled promise rejections of each test (Node reports one once the microtasks
 * before it are done: wait a real macrotask before reading). Call once at the top of a file.
 */
export function trackUnhandledRejections(): unknown[] {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });
  return unhandled;
}
