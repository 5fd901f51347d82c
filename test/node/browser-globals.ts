/**
 * For SSR tests in Node: traps the browser globals Node does not have, so a test can say which
 * ones the code under test read. Call once at the top of a test file.
 */
import { afterEach, beforeEach, vi } from 'vitest';

const BROWSER_GLOBALS = [
  'window',
  'document',
  'self',
  'location',
  'HTMLElement',
  'Element',
  'customElements',
  'localStorage',
];

/** The globals read since the test began (a fresh list per test; modules are re-imported). */
export function trapBrowserGlobals(): string[] {
  const touched: string[] = [];
  beforeEach(() => {
    touched.length = 0;
    for (const name of BROWSER_GLOBALS) {
      if (name in globalThis) continue; // only trap what Node does not have
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get() {
          touched.push(name);
          return undefined;
        },
      });
    }
  });
  afterEach(() => {
    for (const name of BROWSER_GLOBALS) {
      const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
      if (descriptor?.get && descriptor.configurable) delete (globalThis as Record<string, unknown>)[name];
    }
    vi.resetModules();
  });
  return touched;
}
