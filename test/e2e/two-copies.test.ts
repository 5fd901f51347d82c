// Issue 12 item 5: two copies of the SDK on one page (the script tag and an app's ESM bundle)
// share one page lock. Kept per copy, the second copy saved the first one's
// `overflow: hidden !important` as the page's own style and put it back after both closed: the
// page never scrolled again.
import { readdirSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { type Page, settle, useE2E } from '../support/e2e';

const e2e = useE2E({ classicScrollbars: true });

beforeAll(() => {
  for (const file of readdirSync('dist').filter((f) => f.endsWith('.js'))) {
    e2e.origins.host.route(`/dist/${file}`, `dist/${file}`);
  }
  // The app's ESM bundle: a module of the host's own, importing the built package entry.
  e2e.origins.host.content(
    '/esm-copy.js',
    "import { WinkLink } from '/dist/index.js'; window.WinkLinkESM = WinkLink;",
    'text/javascript',
  );
});

/** Loads the ESM copy beside the page's script-tag copy. */
function loadEsmCopy(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const script = document.createElement('script');
        script.type = 'module';
        script.src = '/esm-copy.js';
        script.onload = () => resolve();
        script.onerror = () => reject(new Error('/esm-copy.js did not load'));
        document.head.append(script);
      }),
  );
}

/** The page as the lock must give it back: inline styles, inert flags, scroll position. */
const pageState = (page: Page) =>
  page.evaluate(() => ({
    html: document.documentElement.getAttribute('style'),
    body: document.body.getAttribute('style'),
    inert: [...document.body.children].filter((el) => (el as HTMLElement).inert).map((el) => el.localName),
    scrollY,
  }));

/** Opens one link with each copy: `first` is 'iife' or 'esm', the other copy opens second. */
async function openBoth(page: Page, first: 'iife' | 'esm') {
  await page.evaluate(
    async ({ widgetUrl, first }) => {
      const w = window as any;
      const copies = { iife: w.WinkLink, esm: w.WinkLinkESM };
      const fetchToken = async () => ({
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
        mode: 'SANDBOX',
        accessToken: `two.${crypto.randomUUID()}`,
      });
      const order = first === 'iife' ? ['iife', 'esm'] : ['esm', 'iife'];
      w.links = {};
      for (const copy of order) w.links[copy] = copies[copy as 'iife' | 'esm'].open(fetchToken, { widgetUrl });
      await Promise.all(Object.values(w.links).map((link: any) => link.ready));
    },
    { widgetUrl: e2e.origins.widgetUrl, first },
  );
}

const states = (page: Page) =>
  page.evaluate(() => {
    const { links } = window as any;
    return { iife: links.iife.state, esm: links.esm.state };
  });

it('a script-tag copy and an ESM copy share the page lock: restored exactly, closed in either order', async () => {
  const page = await e2e.newPage('/', { viewport: { width: 800, height: 600 } });
  await loadEsmCopy(page);
  await page.evaluate(() => {
    document.documentElement.setAttribute('style', 'color: rgb(1, 2, 3);');
    document.getElementById('filler')!.style.height = '3000px';
    window.scrollTo(0, 700);
  });
  expect(await page.evaluate(() => (window as any).WinkLinkESM !== (window as any).WinkLink)).toBe(true);
  const before = await pageState(page);
  expect(before).toEqual({ html: 'color: rgb(1, 2, 3);', body: null, inert: [], scrollY: 700 });

  for (const [first, closeFirst] of [
    ['iife', 'iife'],
    ['iife', 'esm'],
    ['esm', 'iife'],
    ['esm', 'esm'],
  ] as const) {
    await openBoth(page, first);
    // One stack for both copies: only the top-most (the second opened) is live…
    const top = first === 'iife' ? 'esm' : 'iife';
    expect(
      await page.evaluate(() => [...document.querySelectorAll('wink-link')].map((el) => (el as HTMLElement).inert)),
    ).toEqual([true, false]);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe('hidden');
    // …and Escape closes that one only.
    await page.evaluate(() =>
      (document.querySelectorAll('wink-link')[1]!.shadowRoot!.querySelector('[role=dialog]') as HTMLElement).focus(),
    );
    await page.press('Escape');
    expect(await states(page)).toEqual({
      iife: top === 'iife' ? 'closed' : 'open',
      esm: top === 'esm' ? 'closed' : 'open',
    });
    // Reopen the closed one on top again, then close both in the order under test.
    await page.evaluate(
      async ({ top, widgetUrl }) => {
        const w = window as any;
        w.links[top].destroy();
        const copy = top === 'iife' ? w.WinkLink : w.WinkLinkESM;
        w.links[top] = copy.open(
          async () => ({
            expiresAt: new Date(Date.now() + 60_000).toISOString(),
            mode: 'SANDBOX',
            accessToken: `two.${crypto.randomUUID()}`,
          }),
          { widgetUrl },
        );
        await w.links[top].ready;
      },
      { top, widgetUrl: e2e.origins.widgetUrl },
    );
    const second = closeFirst === 'iife' ? 'esm' : 'iife';
    await page.evaluate((copy) => (window as any).links[copy].destroy(), closeFirst);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe('hidden'); // still held
    await page.evaluate((copy) => (window as any).links[copy].destroy(), second);
    expect(await pageState(page), `opened ${first} first, closed ${closeFirst} first`).toEqual(before);
  }

  // The page scrolls again.
  await page.mouse.move(400, 300);
  await page.mouse.wheel(0, 400);
  await settle(page);
  await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(700);
});
