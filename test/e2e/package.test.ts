// The package as users get it: `npm pack`, installed into a fresh project, then used the three
// ways — Node ESM import (SSR-safe), a typed TS consumer, and the IIFE by <script> in Chromium.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { installPacked, ROOT, run, type PackedProject } from '../support/pack';
import { startOrigin } from '../support/servers';

let packed: PackedProject;
let project: string;
let installed: string;

beforeAll(() => {
  packed = installPacked('wink-link-consumer-');
  ({ dir: project, installed } = packed);
}, 120_000);

afterAll(() => packed?.remove());

describe('the packed package', () => {
  it('ships only dist, README and LICENSE, and needs no runtime dependency', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    const files = run('find', ['.', '-type', 'f', '-not', '-path', './node_modules/*'], installed)
      .split('\n')
      .filter(Boolean);
    expect(files.filter((f) => !/^\.\/(dist\/|README\.md$|LICENSE$|package\.json$)/.test(f))).toEqual([]);
  });

  it('imports in Node ESM without touching window (SSR), and open() says NOT_IN_BROWSER', () => {
    const script = `
      Object.defineProperty(globalThis, 'window', { get() { throw new Error('window touched at import'); }, configurable: true });
      const { WinkLink, WinkLinkError } = await import('wink-link');
      await import('wink-link/widget');
      const server = await import('wink-link/server');
      delete globalThis.window;
      let code;
      try { WinkLink.open(async () => ({}), { widgetUrl: 'https://widget.example' }); } catch (e) { code = e instanceof WinkLinkError && e.code; }
      console.log(JSON.stringify({ code, server: Object.keys(server).sort(), version: WinkLink.version }));`;
    const out = JSON.parse(run('node', ['--input-type=module', '-e', script], project));
    expect(out.code).toBe('NOT_IN_BROWSER');
    expect(out.server).toEqual(
      expect.arrayContaining([
        'createSmileClient',
        'createWebhookDeduper',
        'isKnownWebhookEvent',
        'parseWebhook',
        'signWebhook',
        'SMILE_PRODUCTION_API_URL',
        'SMILE_SANDBOX_API_URL',
      ]),
    );
    expect(out.version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('type-checks a TypeScript consumer against the shipped .d.ts (node16 and bundler resolution)', () => {
    writeFileSync(
      join(project, 'consumer.ts'),
      `
      import { WinkLink, WinkLinkError, type LinkToken, type Link } from 'wink-link';
      import { connect } from 'wink-link/widget';
      import { createSmileClient, parseWebhook } from 'wink-link/server';
      const token: LinkToken = { expiresAt: '2026-01-01T00:00:00Z', mode: 'SANDBOX', accessToken: 'a' };
      const link: Link = WinkLink.open(async ({ signal }) => { void signal; return token; }, { widgetUrl: 'https://w.example', onAccountConnected: (e) => e.accountId.toUpperCase() });
      link.on('tokenExpired', ({ expiredAt, refresh }) => { void refresh(token); expiredAt.getTime(); });
      const stop: () => void = link.on('stateChange', ({ from, to }) => console.log(from, to));
      stop();
      const prepared = WinkLink.prepare(token, { widgetUrl: 'https://w.example', refresh: 'manual' });
      prepared.open().close();
      // @ts-expect-error: unknown events are compile errors
      link.on('accountConected', () => {});
      const err = new WinkLinkError('INVALID_TOKEN', 'x');
      const code: 'INVALID_TOKEN' | string = err.code;
      void [connect, createSmileClient, parseWebhook, code];
    `,
    );
    const tsc = join(ROOT, 'node_modules/.bin/tsc');
    for (const resolution of [
      ['--module', 'node16', '--moduleResolution', 'node16'],
      ['--module', 'esnext', '--moduleResolution', 'bundler'],
    ]) {
      run(
        tsc,
        [
          '--noEmit',
          '--strict',
          '--skipLibCheck',
          'false',
          '--target',
          'es2022',
          '--lib',
          'es2022,dom',
          '--types',
          'node',
          '--typeRoots',
          join(ROOT, 'node_modules/@types'),
          ...resolution,
          'consumer.ts',
        ],
        project,
      );
    }
  });

  it('loads the IIFE by <script> in Chromium: a global WinkLink with open, prepare and WinkLinkError', async () => {
    const origin = await startOrigin();
    origin.content('/', '<!doctype html><title>cdn</title><script src="/wink-link.iife.js"></script>');
    origin.content(
      '/wink-link.iife.js',
      readFileSync(join(installed, 'dist/wink-link.iife.js'), 'utf8'),
      'text/javascript',
    );
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(origin.url);
      const shape = await page.evaluate(() => {
        const w = (window as unknown as { WinkLink: Record<string, unknown> }).WinkLink;
        return { open: typeof w.open, prepare: typeof w.prepare, error: typeof w.WinkLinkError, version: w.version };
      });
      expect(shape).toEqual({ open: 'function', prepare: 'function', error: 'function', version: expect.any(String) });
    } finally {
      await browser.close();
      await origin.close();
    }
  });
});
