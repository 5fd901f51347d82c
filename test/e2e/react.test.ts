// wink-link/react in real Chromium, as a React app gets it: test/react-app (StrictMode, a history
// router) type-checked and built with Vite against the packed package, in development and
// production mode, served on one origin with the test widget on another. Checks what React users
// of launcher SDKs report: double fetches and callbacks under StrictMode, an iframe, inert page or
// listeners left after a route change, `open` that does nothing, a token in a URL.
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useE2E } from '../support/playwright-e2e';
import { installPacked, ROOT, run, type PackedProject } from '../support/pack';
import { startOrigin, type Origin } from '../support/servers';

const e2e = useE2E();
const MODES = ['development', 'production'] as const;
type Mode = (typeof MODES)[number];

let project: PackedProject;

beforeAll(() => {
  project = installPacked('wink-link-react-app-');
  cpSync(join(ROOT, 'test/react-app'), project.dir, { recursive: true });
  // React is the app's own (an optional peer of wink-link): the repo's copy, linked.
  for (const name of ['react', 'react-dom', '@types/react', '@types/react-dom']) {
    const link = join(project.dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), link, 'dir');
  }
  // The app type-checks against the shipped .d.ts (exports "./react" → types).
  writeFileSync(
    join(project.dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        jsx: 'react-jsx',
        module: 'esnext',
        moduleResolution: 'bundler',
        target: 'es2022',
        lib: ['es2022', 'dom', 'dom.iterable'],
        types: [],
        noEmit: true,
        skipLibCheck: true,
      },
      include: ['src'],
    }),
  );
  run(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], project.dir);
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  for (const mode of MODES) {
    // NODE_ENV picks React's development or production build, as `vite build --mode` does for an app.
    run(
      process.execPath,
      [vite, 'build', '--mode', mode, '--outDir', `out-${mode}`, '--logLevel', 'error'],
      project.dir,
      {
        ...process.env,
        NODE_ENV: mode,
      },
    );
  }
}, 180_000);

afterAll(() => project?.remove());

interface App {
  origin: Origin;
  /** Every access token the token endpoint issued, in order. */
  issued: string[];
}

/** Serves one build (SPA: unknown paths get index.html) and the token endpoint, on its own origin. */
async function serveApp(mode: Mode): Promise<App> {
  const out = join(project.dir, `out-${mode}`);
  const issued: string[] = [];
  const origin = await startOrigin({}, (req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://app').pathname);
    if (path === '/api/wink/link-token' && req.method === 'POST') {
      const token = {
        expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
        mode: 'SANDBOX',
        accessToken: `react.${randomUUID()}`,
      };
      issued.push(token.accessToken);
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(token));
      return true;
    }
    const asset = path.startsWith('/assets/') && existsSync(join(out, path));
    res.writeHead(200, {
      'content-type': asset && path.endsWith('.js') ? 'text/javascript' : asset ? 'text/css' : 'text/html',
    });
    res.end(readFileSync(asset ? join(out, path) : join(out, 'index.html')));
    return true;
  });
  return { origin, issued };
}

/**
 * Counts the window and document listeners the app's own scripts (React, the app, wink-link)
 * added and did not remove, from before any script ran. Playwright's (its click checks) are not
 * the app's: a listener counts when the app origin's script is on the stack that added it.
 */
function trackListeners(context: BrowserContext) {
  return context.addInitScript(() => {
    const active = new Map<string, Set<unknown>>();
    for (const [name, target] of [
      ['window', window],
      ['document', document],
    ] as const) {
      const add = target.addEventListener.bind(target);
      const remove = target.removeEventListener.bind(target);
      const key = (type: string, options: unknown) =>
        `${name}:${type}:${typeof options === 'boolean' ? options : Boolean((options as { capture?: boolean })?.capture)}`;
      target.addEventListener = (type: string, listener: any, options?: any) => {
        if (!new Error().stack?.includes(`${location.origin}/assets/`)) return add(type, listener, options);
        const k = key(type, options);
        if (!active.has(k)) active.set(k, new Set());
        active.get(k)!.add(listener);
        add(type, listener, options);
      };
      target.removeEventListener = (type: string, listener: any, options?: any) => {
        active.get(key(type, options))?.delete(listener);
        remove(type, listener, options);
      };
    }
    (window as any).activeListeners = () =>
      [...active]
        .filter(([, set]) => set.size > 0)
        .map(([k, set]) => `${k} ×${set.size}`)
        .sort();
  });
}

interface Visit {
  page: Page;
  /** Every URL the page and its frames requested. */
  requests: string[];
}

const contexts: BrowserContext[] = [];
afterEach(() => Promise.all(contexts.splice(0).map((context) => context.close())));

async function visit(app: App): Promise<Visit> {
  const context = await e2e.browser.newContext();
  contexts.push(context);
  await trackListeners(context);
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  // The test widget takes `init` only from the origins it names: this app's.
  const widgetUrl = await e2e.origins.widgetUrlFor(app.origin.url);
  await page.goto(`${app.origin.url}/?widget=${encodeURIComponent(widgetUrl)}`);
  await page.getByRole('heading', { name: 'Home' }).waitFor();
  return { page, requests };
}

const events = (page: Page) => page.locator('[data-testid=events] li').allTextContents();
const listenersNow = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).activeListeners());
/** What a link leaves on the page: its element, frames, an inert page, a locked scroll. */
const leftovers = (page: Page) =>
  page.evaluate(() => ({
    hosts: document.querySelectorAll('wink-link').length,
    frames: window.frames.length,
    inert: document.querySelectorAll('[inert]').length,
    htmlStyle: document.documentElement.getAttribute('style'),
    bodyStyle: document.body.getAttribute('style'),
  }));
const NOTHING_LEFT = { hosts: 0, frames: 0, inert: 0, htmlStyle: null, bodyStyle: null };

function widgetFrame(page: Page): Frame {
  const origin = new URL(e2e.origins.widgetUrl).origin;
  const frames = page.frames().filter((f) => f.url().startsWith(origin));
  expect(frames).toHaveLength(1);
  return frames[0]!;
}

function expectNoTokenInUrls({ requests }: Visit, app: App) {
  expect(app.issued.length).toBeGreaterThan(0);
  const leaks = requests.filter((url) => app.issued.some((token) => url.includes(token)));
  expect(leaks).toEqual([]);
}

describe.each(MODES)('a React app built in %s mode (StrictMode)', (mode) => {
  let app: App;
  beforeAll(async () => {
    app = await serveApp(mode);
  });
  afterAll(() => app?.origin.close());

  it('one token and one widget per launch; open from a button; events reach state; a route change leaves nothing', async () => {
    const visit_ = await visit(app);
    const { page } = visit_;
    // StrictMode really double-invokes effects in development (and only there).
    expect(await page.evaluate(() => window.appEffects)).toBe(mode === 'development' ? 2 : 1);
    const baseline = await listenersNow(page);

    await page.getByRole('button', { name: 'Connect page' }).click();
    const connect = page.getByRole('button', { name: 'Connect payroll' });
    await expect.poll(() => connect.isEnabled()).toBe(true);
    expect(app.issued).toHaveLength(1);
    expect(
      await page.evaluate(() => [...document.querySelectorAll('wink-link')].map((h) => h.hasAttribute('data-hidden'))),
    ).toEqual([true]);
    expect(await events(page)).toEqual(['load']); // prepared out of sight, once

    await connect.click();
    await page.waitForSelector('wink-link:not([data-hidden])');
    // The tracker sees the link's own listeners (so their absence later means something).
    expect(await listenersNow(page)).toEqual(
      expect.arrayContaining(['window:message:false ×1', 'window:keydown:true ×1']),
    );
    expect(app.issued).toHaveLength(1); // shown at once: no second fetch
    const frame = widgetFrame(page);
    await frame.click('#connect');
    await expect.poll(() => events(page)).toEqual(['load', 'accountConnected acc_1']);
    expect(await page.getByTestId('state').textContent()).toBe('open');

    // The user closes it; the hook prepares the next launch with a fresh token.
    await frame.press('body', 'Escape');
    await expect.poll(() => events(page)).toEqual(['load', 'accountConnected acc_1', 'close escape', 'load']);
    await expect.poll(() => connect.isEnabled()).toBe(true);
    expect(app.issued).toHaveLength(2);
    expect((await leftovers(page)).hosts).toBe(1);

    // It works a second time, each callback once (no listeners piled up from the first link).
    await connect.click();
    await widgetFrame(page).click('#connect');
    await expect
      .poll(() => events(page))
      .toEqual(['load', 'accountConnected acc_1', 'close escape', 'load', 'accountConnected acc_1']);

    // Back button while the modal is open: the page unmounts and takes the link with it.
    await page.goBack();
    await page.getByRole('heading', { name: 'Home' }).waitFor();
    expect(await leftovers(page)).toEqual(NOTHING_LEFT);
    expect(await listenersNow(page)).toEqual(baseline);
    expect(app.issued).toHaveLength(2);
    expectNoTokenInUrls(visit_, app);
  });

  it('inline in a ref container: shown in place, the page untouched, nothing left after leaving', async () => {
    const visit_ = await visit(app);
    const { page } = visit_;
    const baseline = await listenersNow(page);
    const issuedBefore = app.issued.length;

    await page.getByRole('button', { name: 'Inline page' }).click();
    const show = page.getByRole('button', { name: 'Show the widget' });
    await expect.poll(() => show.isEnabled()).toBe(true);
    expect(app.issued.length - issuedBefore).toBe(1);
    expect(
      await page.evaluate(() => document.querySelector('[data-testid=slot] > wink-link')?.getAttribute('data-mode')),
    ).toBe('inline');

    await show.click();
    await widgetFrame(page).click('#connect');
    await expect.poll(() => events(page)).toEqual(['accountConnected acc_1']);
    expect((await leftovers(page)).inert).toBe(0);

    await page.getByRole('button', { name: 'Home' }).click();
    await page.getByRole('heading', { name: 'Home' }).waitFor();
    expect(await leftovers(page)).toEqual(NOTHING_LEFT);
    expect(await listenersNow(page)).toEqual(baseline);
    expectNoTokenInUrls(visit_, app);
  });
});

it('the packed wink-link/react renders on the server (Node ESM, react-dom/server): idle, no window touched', () => {
  const script = `
    Object.defineProperty(globalThis, 'window', { get() { throw new Error('window touched'); }, configurable: true });
    const { createElement } = await import('react');
    const { renderToString } = await import('react-dom/server');
    const { useWinkLink } = await import('wink-link/react');
    function Connect() {
      const { open, ready, state } = useWinkLink({ fetchToken: async () => ({}), widgetUrl: 'https://widget.example/' });
      open();
      return createElement('button', { disabled: !ready, 'data-state': state }, 'Connect');
    }
    console.log(renderToString(createElement(Connect)));`;
  expect(run(process.execPath, ['--input-type=module', '-e', script], project.dir).trim()).toBe(
    '<button disabled="" data-state="idle">Connect</button>',
  );
});
