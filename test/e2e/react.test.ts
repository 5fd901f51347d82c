// wink-link/react in each engine, as a React app gets it: test/react-app (StrictMode, a history
// router) type-checked and built with Vite against the packed package, in development and
// production mode, served on one origin with the test widget on another. Checks what React users
// of launcher SDKs report: double fetches and callbacks under StrictMode, an iframe, inert page or
// listeners left after a route change, `open` that does nothing, a token in a URL (the shared
// checks of test/support/spa-checks.ts, with React's StrictMode effects counted on each visit).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onceAcrossEngines, type Page, pause } from '../support/e2e';
import { ROOT, run } from '../support/pack';
import { leftovers, NOTHING_LEFT, type ServedApp, serveBuild } from '../support/spa';
import { describeAppChecks, e2e } from '../support/spa-checks';
import { type AppProject, preparedApp } from '../support/spa-project';

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

/** React runs effects (the router's popstate listener, <App>'s count) in a task after the render:
 * a page read in between (WebKit's driver may) would miss them. StrictMode really double-invokes
 * them in development (and only there). */
const effectsRan = (mode: (typeof MODES)[number]) => async (page: Page) => {
  await expect.poll(() => page.evaluate(() => window.appEffects ?? 0)).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.appEffects)).toBe(mode === 'development' ? 2 : 1);
};

for (const mode of MODES)
  describeAppChecks(`a React app built in ${mode} mode (StrictMode)`, () => serveBuild(project, mode), {
    visited: effectsRan(mode),
  });

describe.each(MODES)('a React app built in %s mode (StrictMode), misused', (mode) => {
  let app: ServedApp;
  beforeAll(async () => {
    app = await serveBuild(project, mode);
  });
  afterAll(() => app?.close());

  it('a misuse (a container ref attached to nothing) is reported once, not once per StrictMode mount', async () => {
    const page = await e2e.newPage();
    await page.goto(`${app.url}/?widget=${encodeURIComponent(await e2e.origins.widgetUrlFor(app.url))}`);
    await effectsRan(mode)(page);
    const issuedBefore = app.issued.length;
    await page.click('#nav-misuse');
    const read = () => page.evaluate(() => ['reports', 'code'].map((id) => document.getElementById(id)?.textContent));
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
