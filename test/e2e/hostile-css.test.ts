// Issue 5, hostile host CSS: the page's stylesheet cannot hide, move, shrink or cover the modal.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import {
  animationsDone,
  ARTIFACTS,
  host,
  modalGeometry,
  openLink,
  type Page,
  useE2E,
  widgetFrame,
} from '../support/e2e';

const e2e = useE2E();
const HOSTILE_CSS = readFileSync('test/support/pages/hostile.css', 'utf8');

/** Adds a stylesheet to the page, after its own. */
function addStyle(page: Page, css: string): Promise<void> {
  return page.evaluate((text) => {
    const style = document.createElement('style');
    style.textContent = text;
    document.head.append(style);
  }, css);
}

async function expectUsableModal(page: Page) {
  const g = await modalGeometry(page);
  // The backdrop covers the viewport; the dialog and its iframe are visible, sized and centred.
  expect(g.backdrop).toEqual({ x: 0, y: 0, ...g.viewport });
  expect(g.iframeVisible).toBe(true);
  expect(g.iframe.width).toBeGreaterThan(300);
  expect(g.iframe.height).toBeGreaterThan(400);
  expect(Math.abs(g.dialog.x + g.dialog.width / 2 - g.viewport.width / 2)).toBeLessThanOrEqual(1);
  expect(Math.abs(g.dialog.y + g.dialog.height / 2 - g.viewport.height / 2)).toBeLessThanOrEqual(1);
  expect(g.centreHitsIframe).toBe(true);
  expect(g.cornerHitsModal).toBe(true);
  // And the widget takes a real click: mouse input at the button's centre reaches it.
  await (await widgetFrame(page, e2e.origins.widget.url)).click('#connect');
  await expect.poll(() => host.names(page)).toContain('accountConnected');
}

it('a stylesheet aimed at iframes, divs, wink-link and body > * cannot hide or break the modal', async () => {
  const page = await e2e.newPage('/', { viewport: { width: 1024, height: 768 } });
  await addStyle(page, HOSTILE_CSS);
  expect(await page.evaluate(() => getComputedStyle(document.querySelector('main')!).visibility)).toBe('hidden');
  await openLink(page, e2e.origins.widgetUrl);
  await animationsDone(page);
  await page.screenshot(`${ARTIFACTS}/hostile-css-${page.engine}.png`);
  await expectUsableModal(page);
});

it('the same with the page scrolled down', async () => {
  const page = await e2e.newPage('/', { viewport: { width: 1024, height: 768 } });
  await addStyle(page, HOSTILE_CSS);
  await page.evaluate(() => window.scrollTo(0, 1200));
  await openLink(page, e2e.origins.widgetUrl);
  await expectUsableModal(page);
});

// Regression (e2e.md #3): a transform (or filter, will-change, contain: paint) on <body> makes
// it the containing block of a position:fixed overlay, which then covers the body's box, not
// the viewport. Only the top layer escapes it.
it('a transform on a centred <body> cannot shrink the backdrop to the body box', async () => {
  const page = await e2e.newPage('/', { viewport: { width: 1024, height: 768 } });
  await addStyle(page, 'body { max-width: 600px; margin: 0 auto; transform: translateZ(0); }');
  await openLink(page, e2e.origins.widgetUrl);
  await animationsDone(page);
  await page.screenshot(`${ARTIFACTS}/hostile-body-transform-${page.engine}.png`);
  const g = await modalGeometry(page);
  expect(g.backdrop).toEqual({ x: 0, y: 0, ...g.viewport });
  expect(g.cornerHitsModal).toBe(true);
  expect(g.centreHitsIframe).toBe(true);
});
