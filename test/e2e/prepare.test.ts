// WinkLink.prepare in a real browser: the widget loads with its token out of sight (the page
// untouched), and open() shows it at once with every modal duty in force.
import { expect, it } from 'vitest';
import { type Page, pause, settle, useE2E, widgetFrame, widgetLog } from '../support/e2e';

const e2e = useE2E();

/** The elements in the link's shadow root that would paint: not `visibility: hidden`. */
const shownInside = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelector('wink-link')!.shadowRoot!.querySelectorAll('*')]
      .filter((el) => getComputedStyle(el).visibility !== 'hidden')
      .map((el) => `${el.localName}.${el.className}`),
  );

it('a prepared widget that is slow to load shows nothing, not even its spinner, until open()', async () => {
  const page = await e2e.newPage();
  e2e.origins.widget.content('/silent', '<!doctype html><html lang="en"><title>silent</title><p>…</p>');
  await page.evaluate((widgetUrl) => {
    const fetchToken = async () => ({
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      mode: 'SANDBOX',
      accessToken: `prep.${crypto.randomUUID()}`,
    });
    (window as any).prepared = (window as any).WinkLink.prepare(fetchToken, { widgetUrl });
  }, `${e2e.origins.widget.url}/silent`);
  await pause(page, 600); // past the spinner's delay
  expect(await shownInside(page)).toEqual([]);
  // Control: once shown, the dialog, its frame and the turning spinner are visible.
  await page.evaluate(() => (window as any).prepared.open());
  expect(await shownInside(page)).toEqual(expect.arrayContaining(['div.dialog', 'iframe.', 'div.spinner']));
  await page.evaluate(() => (window as any).prepared.destroy());
});

it('loads hidden without holding the page, then open() shows the ready widget at once', async () => {
  const page = await e2e.newPage();
  await page.evaluate(() => document.getElementById('opener')!.focus());
  await page.evaluate((widgetUrl) => {
    const w = window as any;
    const fetchToken = async () => ({
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      mode: 'SANDBOX',
      accessToken: `prep.${crypto.randomUUID()}`,
    });
    w.prepared = w.WinkLink.prepare(fetchToken, { widgetUrl });
    return w.prepared.ready;
  }, e2e.origins.widgetUrl);

  // Ready, with its token, but invisible, and the page is still the page's.
  const frame = await widgetFrame(page, new URL(e2e.origins.widgetUrl).origin);
  expect((await widgetLog(frame)).map((entry) => entry.type)).toEqual(['init']);
  const hidden = await page.evaluate(() => {
    const host = document.querySelector('wink-link')!;
    return {
      visibility: getComputedStyle(host).visibility,
      pageInert: document.getElementById('app')!.inert,
      overflow: document.documentElement.style.overflow,
      focus: document.activeElement?.id,
    };
  });
  expect(hidden).toEqual({ visibility: 'hidden', pageInert: false, overflow: '', focus: 'opener' });
  expect(await shownInside(page)).toEqual([]);

  await page.evaluate(() => (window as any).prepared.open());
  await settle(page);
  const shown = await page.evaluate(() => {
    const host = document.querySelector('wink-link')!;
    const iframe = host.shadowRoot!.querySelector('iframe')!;
    return {
      visibility: getComputedStyle(host).visibility,
      pageInert: document.getElementById('app')!.inert,
      loadingHidden: host.shadowRoot!.querySelector<HTMLElement>('[role=status]')!.hidden,
      focusInWidget: host.shadowRoot!.activeElement === iframe,
    };
  });
  expect(shown).toEqual({ visibility: 'visible', pageInert: true, loadingHidden: true, focusInWidget: true });
  // No new fetch, no reload: the very widget and token prepared out of sight (how fast that is:
  // bench/instant-open.js).
  expect((await widgetLog(frame)).map((entry) => entry.type)).toEqual(['init']);

  await page.evaluate(() => (window as any).prepared.close());
  expect(await page.evaluate(() => [document.activeElement?.id, document.getElementById('app')!.inert])).toEqual([
    'opener',
    false,
  ]);
});
