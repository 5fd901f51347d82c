/**
 * Server-side rendering: importing wink-link touches no browser global, and `open` outside a
 * browser fails with NOT_IN_BROWSER (vitest project "node": no window, no document).
 */
import { describe, expect, it } from 'vitest';
import { trapBrowserGlobals } from './browser-globals';

const touched = trapBrowserGlobals();

describe('in Node (SSR)', () => {
  it('importing src/index.ts touches no browser global', async () => {
    const module = await import('../../src/host/index');
    expect(touched).toEqual([]);
    expect(typeof module.WinkLink.open).toBe('function');
    expect(typeof module.WinkLinkError).toBe('function');
  });

  it('WinkLink.open fails with NOT_IN_BROWSER, whatever the arguments', async () => {
    const { WinkLink, WinkLinkError } = await import('../../src/host/index');
    const token = {
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      mode: 'SANDBOX' as const,
      accessToken: 'a.b-c',
    };
    for (const args of [
      [async () => token, { widgetUrl: 'https://widget.example/' }],
      [token, { widgetUrl: 'https://widget.example/' }],
      [undefined, undefined],
    ] as const) {
      let caught: unknown;
      try {
        WinkLink.open(args[0] as never, args[1] as never);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(WinkLinkError);
      expect(caught).toMatchObject({ name: 'WinkLinkError', code: 'NOT_IN_BROWSER' });
      expect((caught as Error).message).toMatch(/browser/i);
    }
  });
});
