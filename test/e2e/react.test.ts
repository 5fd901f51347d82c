// wink-link/react in each engine, as a React app gets it: test/react-app (StrictMode, a history
// router) type-checked and built with Vite against the packed package, in development and
// production mode, served on one origin with the test widget on another. Checks what React users
// of launcher SDKs report: double fetches and callbacks under StrictMode, an iframe, inert page or
// listeners left after a route change, `open` that does nothing, a token in a URL.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Frame, onceAcrossEngines, type Page, pause, useE2E, widgetFrame } from '../support/e2e';
import { ROOT, run } from '../support/pack';
import {
  heading,
  leftovers,
  listenersNow,
  NOTHING_LEFT,
  openEnabled,
  type ServedApp,
  serveBuild,
} from '../support/spa';
import { type AppProject, preparedApp } from '../support/spa-project';

const e2e = useE2E();
const MODES = ['development', 'production'] as const;

/** The app type-checks against the shipped .d.ts (exports "./react" → types), before it is built. */
function typeCheckApp(dir: string): void {
  writeFileSync(
    join(dir, 'tsconfig.json'),
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
  run(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], dir);
}

let project: AppProject;
beforeAll(() => {
  // React is the app's own (an optional peer of wink-link): the repo's copy, linked.
  const linked = ['react', 'react-dom', '@types/react', '@types/react-dom'];
  project = preparedApp({ app: 'react-app', linked, builds: [...MODES], check: typeCheckApp });
}, 180_000);

async function visit(app: ServedApp): Promise<Page> {
  const page = await e2e.newPage();
  // The test widget takes `init` only from the origins it names: this app's.
  const widgetUrl = await e2e.origins.widgetUrlFor(app.url);
  await page.goto(`${app.url}/?widget=${encodeURIComponent(widgetUrl)}`);
  await expect.poll(() => heading(page)).toBe('Home');
  // React runs effects (the router's popstate listener, <App>'s count) in a task after the
  // render: a page read in between (WebKit's driver may) would miss them.
  await expect.poll(() => page.evaluate(() => window.appEffects ?? 0)).toBeGreaterThan(0);
  return page;
}

const events = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('[data-testid=events] li')].map((li) => li.textContent));
const shown = (page: Page) => page.evaluate(() => document.querySelector('wink-link:not([data-hidden])') !== null);

/** The widget's frame, after checking it is the only one on the widget's origin (no second mount's). */
async function theWidgetFrame(page: Page): Promise<Frame> {
  const origin = e2e.origins.widget.url;
  const count = await page.evaluate((o) => {
    const roots = [document, ...[...document.querySelectorAll('wink-link')].map((h) => h.shadowRoot!)];
    return roots.flatMap((root) => [...root.querySelectorAll('iframe')]).filter((f) => f.src.startsWith(o)).length;
  }, origin);
  expect(count).toBe(1);
  return widgetFrame(page, origin);
}

/** No URL any of our servers received (the app's, the widget's, the host's) carries an issued token. */
function expectNoTokenInUrls(app: ServedApp) {
  expect(app.issued.length).toBeGreaterThan(0);
  const { host, widget } = e2e.origins;
  const urls = [...app.requested(), ...[host, widget].flatMap((origin) => origin.requests.map(({ url }) => url))];
  expect(urls).toContain('/api/wink/link-token'); // the record has the app's requests
  expect(urls.filter((url) => app.issued.some((token) => url.includes(token)))).toEqual([]);
}

describe.each(MODES)('a React app built in %s mode (StrictMode)', (mode) => {
  let app: ServedApp;
  beforeAll(async () => {
    app = await serveBuild(project, mode);
  });
  afterAll(() => app?.close());

  it('one token and one widget per launch; open from a button; events reach state; a route change leaves nothing', async () => {
    const page = await visit(app);
    // StrictMode really double-invokes effects in development (and only there).
    expect(await page.evaluate(() => window.appEffects)).toBe(mode === 'development' ? 2 : 1);
    const baseline = await listenersNow(page);

    await page.click('#nav-connect');
    await expect.poll(() => openEnabled(page)).toBe(true);
    expect(app.issued).toHaveLength(1);
    expect(
      await page.evaluate(() => [...document.querySelectorAll('wink-link')].map((h) => h.hasAttribute('data-hidden'))),
    ).toEqual([true]);
    expect(await events(page)).toEqual(['load']); // prepared out of sight, once

    await page.click('#open');
    await expect.poll(() => shown(page)).toBe(true);
    // The tracker sees the link's own listeners (so their absence later means something).
    expect(await listenersNow(page)).toEqual(
      expect.arrayContaining(['window:message:false ×1', 'window:keydown:true ×1']),
    );
    expect(app.issued).toHaveLength(1); // shown at once: no second fetch
    await (await theWidgetFrame(page)).click('#connect');
    await expect.poll(() => events(page)).toEqual(['load', 'accountConnected acc_1']);
    expect(await page.evaluate(() => document.querySelector('[data-testid=state]')?.textContent)).toBe('open');

    // The user closes it (Escape, in the widget: the click left focus there); the hook prepares
    // the next launch with a fresh token.
    await page.press('Escape');
    await expect.poll(() => events(page)).toEqual(['load', 'accountConnected acc_1', 'close escape', 'load']);
    await expect.poll(() => openEnabled(page)).toBe(true);
    expect(app.issued).toHaveLength(2);
    expect((await leftovers(page)).hosts).toBe(1);

    // It works a second time, each callback once (no listeners piled up from the first link).
    await page.click('#open');
    await (await theWidgetFrame(page)).click('#connect');
    await expect
      .poll(() => events(page))
      .toEqual(['load', 'accountConnected acc_1', 'close escape', 'load', 'accountConnected acc_1']);

    // Back button while the modal is open: the page unmounts and takes the link with it.
    await page.evaluate(() => history.back());
    await expect.poll(() => heading(page)).toBe('Home');
    expect(await leftovers(page)).toEqual(NOTHING_LEFT);
    expect(await listenersNow(page)).toEqual(baseline);
    expect(app.issued).toHaveLength(2);
    expectNoTokenInUrls(app);
  });

  it('inline in a ref container: shown in place, the page untouched, nothing left after leaving', async () => {
    const page = await visit(app);
    const baseline = await listenersNow(page);
    const issuedBefore = app.issued.length;

    await page.click('#nav-inline');
    await expect.poll(() => openEnabled(page)).toBe(true);
    expect(app.issued.length - issuedBefore).toBe(1);
    expect(
      await page.evaluate(() => document.querySelector('[data-testid=slot] > wink-link')?.getAttribute('data-mode')),
    ).toBe('inline');

    await page.click('#open');
    await (await theWidgetFrame(page)).click('#connect');
    await expect.poll(() => events(page)).toEqual(['accountConnected acc_1']);
    expect((await leftovers(page)).inert).toBe(0);

    await page.click('#nav-home');
    await expect.poll(() => heading(page)).toBe('Home');
    expect(await leftovers(page)).toEqual(NOTHING_LEFT);
    expect(await listenersNow(page)).toEqual(baseline);
    expectNoTokenInUrls(app);
  });

  it('a misuse (a container ref attached to nothing) is reported once, not once per StrictMode mount', async () => {
    const page = await visit(app);
    const issuedBefore = app.issued.length;
    await page.click('#nav-misuse');
    const read = () =>
      page.evaluate(() => ['reports', 'code'].map((id) => document.querySelector(`[data-testid=${id}]`)?.textContent));
    await expect.poll(read).toEqual(['1', 'INVALID_OPTIONS']);
    // Long enough for a second report to land, had a second mount queued one.
    await pause(page, 50);
    expect(await read()).toEqual(['1', 'INVALID_OPTIONS']);
    expect(app.issued.length).toBe(issuedBefore);
    expect(await leftovers(page)).toEqual(NOTHING_LEFT);
  });
});

// Node only, no browser: once, not once per engine.
it.runIf(onceAcrossEngines)(
  'the packed wink-link/react renders on the server (Node ESM, react-dom/server): idle, no window touched',
  () => {
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
  },
);
