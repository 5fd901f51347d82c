// The package as users get it: `npm pack`, installed into a fresh project, then used the three
// ways — Node ESM import (SSR-safe), a typed TS consumer, and the IIFE by <script> in the browser
// (pinned by its SRI hash, and typed for a checked page by `wink-link/global`). The browser test
// runs in every engine; the rest needs no browser and runs once, in the Chromium pass.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cannot } from '../support/driver/skips';
import { currentEngine, launchBrowser } from '../support/driver';
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

describe.runIf(currentEngine() === 'chromium')('the packed package, in Node', () => {
  it('ships only dist, README and LICENSE, and needs no runtime dependency', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    const files = run('find', ['.', '-type', 'f', '-not', '-path', './node_modules/*'], installed)
      .split('\n')
      .filter(Boolean);
    expect(files.filter((f) => !/^\.\/(dist\/|README\.md$|LICENSE$|package\.json$)/.test(f))).toEqual([]);
    // The Smile bridge page a host copies, and the drop-in's own script-tag file.
    expect(files).toEqual(
      expect.arrayContaining(['./dist/smile-bridge.html', './dist/smile-bridge.js', './dist/smile-compat.iife.js']),
    );
  });

  it('imports in Node ESM without touching window (SSR), and open() says NOT_IN_BROWSER', () => {
    const script = `
      Object.defineProperty(globalThis, 'window', { get() { throw new Error('window touched at import'); }, configurable: true });
      const { WinkLink, WinkLinkError } = await import('wink-link');
      await import('wink-link/widget');
      await import('wink-link/smile');
      const { SmileLinkModal } = await import('wink-link/smile-compat');
      if (typeof SmileLinkModal !== 'function') throw new Error('no SmileLinkModal');
      const server = await import('wink-link/server');
      delete globalThis.window;
      let code;
      try { WinkLink.open(async () => ({}), { widgetUrl: 'https://widget.example' }); } catch (e) { code = e instanceof WinkLinkError && e.code; }
      console.log(JSON.stringify({ code, server: Object.keys(server).sort(), version: WinkLink.version }));`;
    const out = JSON.parse(run('node', ['--input-type=module', '-e', script], project));
    expect(out.code).toBe('NOT_IN_BROWSER');
    expect(out.server).toEqual(
      expect.arrayContaining([
        'createLinkTokenHandler',
        'createRedisStore',
        'createSmileClient',
        'createWebhookDeduper',
        'createWebhookHandler',
        'isKnownWebhookEvent',
        'parseWebhook',
        'signWebhook',
        'SMILE_PRODUCTION_API_URL',
        'SMILE_SANDBOX_API_URL',
      ]),
    );
    expect(out.version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('type-checks a TypeScript consumer and a checkJs script-tag page against the shipped .d.ts (node10, node16, nodenext, bundler)', () => {
    writeFileSync(
      join(project, 'consumer.ts'),
      `
      import { WinkLink, WinkLinkError, type LinkToken, type Link } from 'wink-link';
      import { connect } from 'wink-link/widget';
      import { createSmileClient, parseWebhook } from 'wink-link/server';
      import { bridgeSmile, type SmileBridge } from 'wink-link/smile';
      import { SmileLinkModal } from 'wink-link/smile-compat';
      const bridge: SmileBridge = bridgeSmile({ allowedOrigins: ['https://app.example'] });
      const modal = new SmileLinkModal({ bridgeUrl: 'https://b.example', userToken: 'a', onClose: ({ reason, winkReason }) => [reason, winkReason], onUIEvent: ({ eventName }) => eventName });
      modal.open();
      void bridge;
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
    // A script-tag page, checked as JavaScript: the global is typed only through wink-link/global.
    writeFileSync(
      join(project, 'page.js'),
      `// @ts-check
      /// <reference types="wink-link/global" />
      const pageLink = WinkLink.open(() => fetch('/token', { method: 'POST' }), {
        widgetUrl: 'https://w.example',
        onClose: ({ reason }) => console.log(reason.toUpperCase()),
      });
      window.WinkLink.prepare(() => fetch('/token'), { widgetUrl: 'https://w.example' }).open().close();
      // @ts-expect-error: a misspelled option is a compile error (so WinkLink.open is not any)
      WinkLink.open(() => fetch('/token'), { widgetUrl: 'https://w.example', onAccountConected: () => {} });
      // @ts-expect-error: the global has no members beyond what the IIFE defines
      WinkLink.connect();
      pageLink.ready.catch((error) => error instanceof WinkLink.WinkLinkError && error.code.toLowerCase());
      /** @type {string} */ const pageVersion = WinkLink.version;
      void pageVersion;
    `,
    );
    const tsc = join(ROOT, 'node_modules/.bin/tsc');
    for (const resolution of [
      // node10 is deprecated in TypeScript 6 but still the default of many projects on 5.x.
      ['--module', 'commonjs', '--moduleResolution', 'node10', '--ignoreDeprecations', '6.0'],
      ['--module', 'node16', '--moduleResolution', 'node16'],
      ['--module', 'nodenext', '--moduleResolution', 'nodenext'],
      ['--module', 'esnext', '--moduleResolution', 'bundler'],
    ]) {
      run(
        tsc,
        [
          '--noEmit',
          '--strict',
          '--skipLibCheck',
          'false', // the shipped .d.ts are checked too…
          '--skipDefaultLibCheck', // …but not TypeScript's own lib files (a third of the time)
          '--allowJs',
          '--checkJs',
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
          'page.js',
        ],
        project,
      );
    }
  }, 240_000); // four full type-checks: 10–40 s each on a busy two-core machine

  it('lists the sha384 of every script-tag file in dist/integrity.json, also as wink-link/integrity.json', () => {
    const dist = join(installed, 'dist');
    const published = JSON.parse(run('node', ['--input-type=module', '-e', SHOW_INTEGRITY_EXPORT], project)) as Record<
      string,
      string
    >;
    // Every *.iife.js is listed (other classic scripts built as IIFE may be too).
    const iifeFiles = readdirSync(dist).filter((file) => file.endsWith('.iife.js'));
    expect(iifeFiles).toContain('wink-link.iife.js');
    expect(Object.keys(published)).toEqual(expect.arrayContaining(iifeFiles));
    for (const [file, integrity] of Object.entries(published)) {
      // Computed here, not by the build's code: the bytes the package ships.
      const digest = createHash('sha384')
        .update(readFileSync(join(dist, file)))
        .digest('base64');
      expect(integrity, file).toBe(`sha384-${digest}`);
    }
  });
});

describe('the packed package, in the browser', () => {
  it('runs the IIFE from another origin with its published integrity (a global WinkLink), and refuses it with a wrong one', async () => {
    const cdn = await startOrigin();
    const page = await startOrigin();
    cdn.content(
      '/wink-link.iife.js',
      readFileSync(join(installed, 'dist/wink-link.iife.js'), 'utf8'),
      'text/javascript',
    );
    cdn.headers.set('/wink-link.iife.js', { 'access-control-allow-origin': '*' }); // as jsDelivr and unpkg send
    const integrity = JSON.parse(readFileSync(join(installed, 'dist/integrity.json'), 'utf8'))['wink-link.iife.js'];
    // A well-formed sha384 of other bytes: browsers ignore a malformed value, so this must be a real digest.
    const wrong = `sha384-${createHash('sha384').update('not wink-link').digest('base64')}`;
    // The script's error event is how a page sees the refusal (every engine fires it).
    const tag = (hash: string) =>
      `<!doctype html><title>cdn</title><script src="${cdn.url}/wink-link.iife.js" integrity="${hash}" crossorigin="anonymous" onerror="window.refused = true"></script>`;
    page.content('/pinned', tag(integrity));
    page.content('/tampered', tag(wrong));
    const browser = await launchBrowser();
    try {
      const tab = await browser.newPage();
      await tab.goto(`${page.url}/pinned`);
      const shape = await tab.evaluate(() => {
        const w = (window as unknown as { WinkLink: Record<string, unknown> }).WinkLink;
        return {
          open: typeof w.open,
          prepare: typeof w.prepare,
          error: typeof w.WinkLinkError,
          version: w.version,
          refused: (window as { refused?: true }).refused ?? false,
        };
      });
      expect(shape).toEqual({
        open: 'function',
        prepare: 'function',
        error: 'function',
        version: expect.any(String),
        refused: false,
      });
      await tab.goto(`${page.url}/tampered`);
      expect(
        await tab.evaluate(() => [
          typeof (window as { WinkLink?: unknown }).WinkLink,
          (window as { refused?: true }).refused,
        ]),
      ).toEqual(['undefined', true]);
      // The browser also says why, where its console can be read (not in WebKit: see skips.ts).
      if (!cannot('browser console')) expect(tab.logs().join('\n')).toMatch(/integrity/i);
    } finally {
      await browser.close();
      await Promise.all([cdn.close(), page.close()]);
    }
  });
});

/** Prints wink-link/integrity.json as a Node app imports it (through the package's exports). */
const SHOW_INTEGRITY_EXPORT = `
  const { default: integrity } = await import('wink-link/integrity.json', { with: { type: 'json' } });
  console.log(JSON.stringify(integrity));`;
