// wink-link/react in real Chromium, as a React app gets it: test/react-app (StrictMode, a history
// router) type-checked and built with Vite against the packed package, in development and
// production mode, served on one origin with the test widget on another. Checks what React users
// of launcher SDKs report: double fetches and callbacks under StrictMode, an iframe, inert page or
// listeners left after a route change, `open` that does nothing, a token in a URL.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useE2E } from '../support/playwright-e2e';
import { type PackedProject, ROOT, run } from '../support/pack';
import {
  buildApp,
  installApp,
  leftovers,
  listenersNow,
  NOTHING_LEFT,
  type ServedApp,
  serveBuild,
} from '../support/spa';

const e2e = useE2E();
const MODES = ['development', 'production'] as const;

let project: PackedProject;

beforeAll(() => {
  // React is the app's own (an optional peer of wink-link): the repo's copy, linked.
  project = installApp('react-app', ['react', 'react-dom', '@types/react', '@types/react-dom']);
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
  for (const mode of MODES) buildApp(project, mode);
}, 180_000);

afterAll(() => project?.remove());

interface Visit {
  page: Page;
  /** Every URL the page and its frames requested. */
  requests: string[];
}

const contexts: BrowserContext[] = [];
afterEach(() => Promise.all(contexts.splice(0).map((context) => context.close())));

async function visit(app: ServedApp): Promise<Visit> {
  const context = await e2e.browser.newContext();
  contexts.push(context);
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  // The test widget takes `init` only from the origins it names: this app's.
  const widgetUrl = await e2e.origins.widgetUrlFor(app.url);
  await page.goto(`${app.url}/?widget=${encodeURIComponent(widgetUrl)}`);
  await page.getByRole('heading', { name: 'Home' }).waitFor();
  return { page, requests };
}

const events = (page: Page) => page.locator('[data-testid=events] li').allTextContents();
function widgetFrame(page: Page): Frame {
  const origin = new URL(e2e.origins.widgetUrl).origin;
  const frames = page.frames().filter((f) => f.url().startsWith(origin));
  expect(frames).toHaveLength(1);
  return frames[0]!;
}

function expectNoTokenInUrls({ requests }: Visit, app: ServedApp) {
  expect(app.issued.length).toBeGreaterThan(0);
  const leaks = requests.filter((url) => app.issued.some((token) => url.includes(token)));
  expect(leaks).toEqual([]);
}

describe.each(MODES)('a React app built in %s mode (StrictMode)', (mode) => {
  let app: ServedApp;
  beforeAll(async () => {
    app = await serveBuild(project, mode);
  });
  afterAll(() => app?.close());

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

  it('a misuse (a container ref attached to nothing) is reported once, not once per StrictMode mount', async () => {
    const { page } = await visit(app);
    const issuedBefore = app.issued.length;
    await page.click('#nav-misuse');
    const read = () =>
      page.evaluate(() => ['reports', 'code'].map((id) => document.querySelector(`[data-testid=${id}]`)?.textContent));
    await expect.poll(read).toEqual(['1', 'INVALID_OPTIONS']);
    // Long enough for a second report to land, had a second mount queued one.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(await read()).toEqual(['1', 'INVALID_OPTIONS']);
    expect(app.issued.length).toBe(issuedBefore);
    expect(await leftovers(page)).toEqual(NOTHING_LEFT);
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
