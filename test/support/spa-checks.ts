// What every framework binding must do in a real app in a real browser: the complaints users
// of launcher SDKs report (a double fetch, `open` that does nothing or waits, callbacks lost or
// doubled, an iframe, inert page or listeners left after a route change). Each test app
// (test/<framework>-app) renders the same DOM: nav buttons #nav-home, #nav-connect,
// #nav-inline; an <h1> naming the page; #open (disabled until ready); #state; #events li (one
// per callback); #slot (the inline container). They run in the engine under test (WINK_ENGINE).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Page, useE2E, widgetFrame } from './e2e';
import { heading, leftovers, listenersNow, NOTHING_LEFT, openEnabled, type ServedApp } from './spa';

/** The file's browser and origins (a test file using these checks adds its own tests on it). */
export const e2e = useE2E();

const events = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('#events li')].map((li) => li.textContent?.trim()));
/** Clicks #open and says whether the widget was shown in that same task (no fetch, no wait). */
const openShowsAtOnce = (page: Page) =>
  page.evaluate(() => {
    document.querySelector<HTMLButtonElement>('#open')!.click();
    return [...document.querySelectorAll('wink-link')].filter((h) => !h.hasAttribute('data-hidden')).length;
  });
/** The test widget's "Connect" button, clicked (real mouse input) inside its frame, after checking
 * that frame is the only one on the widget's origin (no second mount's). */
async function connectInWidget(page: Page): Promise<void> {
  const origin = e2e.origins.widget.url;
  const count = await page.evaluate((o) => {
    const roots = [document, ...[...document.querySelectorAll('wink-link')].map((h) => h.shadowRoot!)];
    return roots.flatMap((root) => [...root.querySelectorAll('iframe')]).filter((f) => f.src.startsWith(o)).length;
  }, origin);
  expect(count).toBe(1);
  await (await widgetFrame(page, origin)).click('#connect');
}

/** No URL any of our servers received (the app's, the widget's, the host's) carries an issued token. */
function expectNoTokenInUrls(app: ServedApp): void {
  expect(app.issued.length).toBeGreaterThan(0);
  const { host, widget } = e2e.origins;
  const urls = [...app.requested(), ...[host, widget].flatMap((origin) => origin.requests.map(({ url }) => url))];
  expect(urls).toContain('/api/wink/link-token'); // the record has the app's requests
  expect(urls.filter((url) => app.issued.some((token) => url.includes(token)))).toEqual([]);
}

/** What one framework's app adds to the checks. */
export interface AppCheckOptions {
  /** Runs on each visit once the page shows Home: waits and checks of the framework's own
   * (React: its effects have run, twice under StrictMode in development). */
  visited?(page: Page): Promise<void>;
}

/** Registers the checks for one served app (`serve` runs once, in beforeAll). */
export function describeAppChecks(name: string, serve: () => Promise<ServedApp>, options: AppCheckOptions = {}) {
  describe(name, () => {
    let app: ServedApp;
    beforeAll(async () => {
      app = await serve();
    }, 120_000);
    afterAll(() => app?.close());

    async function visit(): Promise<Page> {
      const page = await e2e.newPage();
      // The test widget takes `init` only from the origins it names: this app's.
      const widgetUrl = await e2e.origins.widgetUrlFor(app.url);
      await page.goto(`${app.url}/?widget=${encodeURIComponent(widgetUrl)}`);
      await expect.poll(() => heading(page)).toBe('Home');
      await options.visited?.(page);
      return page;
    }

    it('one token and one hidden widget on mount; open at once; events reach state; Escape closes; a route change while open leaves nothing', async () => {
      const page = await visit();
      const baseline = await listenersNow(page);
      const issuedBefore = app.issued.length;

      await page.click('#nav-connect');
      await expect.poll(() => openEnabled(page)).toBe(true);
      expect(app.issued.length - issuedBefore).toBe(1);
      expect(
        await page.evaluate(() =>
          [...document.querySelectorAll('wink-link')].map((h) => h.hasAttribute('data-hidden')),
        ),
      ).toEqual([true]);
      expect(
        await page.evaluate(() =>
          [...document.querySelectorAll('wink-link')].reduce(
            (n, h) => n + h.shadowRoot!.querySelectorAll('iframe').length,
            0,
          ),
        ),
      ).toBe(1);
      expect(await events(page)).toEqual(['load']);

      expect(await openShowsAtOnce(page)).toBe(1);
      expect(await listenersNow(page)).toEqual(
        expect.arrayContaining(['window:message:false ×1', 'window:keydown:true ×1']),
      );
      await connectInWidget(page);
      await expect.poll(() => events(page)).toEqual(['load', 'accountConnected acc_1']);
      expect(await page.evaluate(() => document.querySelector('#state')?.textContent)).toBe('open');
      // New callbacks since (the page re-rendered with each event): still the one token.
      expect(app.issued.length - issuedBefore).toBe(1);

      // Escape closes; the binding prepares the next launch with a fresh token.
      await page.press('Escape');
      await expect.poll(() => events(page)).toEqual(['load', 'accountConnected acc_1', 'close escape', 'load']);
      await expect.poll(() => openEnabled(page)).toBe(true);
      expect(app.issued.length - issuedBefore).toBe(2);
      expect((await leftovers(page)).hosts).toBe(1);

      // It works a second time, each callback once (no listeners piled up from the first link).
      expect(await openShowsAtOnce(page)).toBe(1);
      await connectInWidget(page);
      await expect
        .poll(() => events(page))
        .toEqual(['load', 'accountConnected acc_1', 'close escape', 'load', 'accountConnected acc_1']);

      // Back button while the modal is open: the page unmounts and takes the link with it.
      await page.evaluate(() => history.back());
      await expect.poll(() => heading(page)).toBe('Home');
      expect(await leftovers(page)).toEqual(NOTHING_LEFT);
      expect(await listenersNow(page)).toEqual(baseline);
      expect(app.issued.length - issuedBefore).toBe(2);
      expectNoTokenInUrls(app);
    });

    it('inline in a ref container: shown in place, the page untouched, nothing left after leaving', async () => {
      const page = await visit();
      const baseline = await listenersNow(page);
      const issuedBefore = app.issued.length;

      await page.click('#nav-inline');
      await expect.poll(() => openEnabled(page)).toBe(true);
      expect(app.issued.length - issuedBefore).toBe(1);
      expect(await page.evaluate(() => document.querySelector('#slot > wink-link')?.getAttribute('data-mode'))).toBe(
        'inline',
      );
      await page.click('#open');
      await connectInWidget(page);
      await expect.poll(() => events(page)).toEqual(['accountConnected acc_1']);
      expect((await leftovers(page)).inert).toBe(0);

      await page.click('#nav-home');
      await expect.poll(() => heading(page)).toBe('Home');
      expect(await leftovers(page)).toEqual(NOTHING_LEFT);
      expect(await listenersNow(page)).toEqual(baseline);
      expectNoTokenInUrls(app);
    });
  });
}
