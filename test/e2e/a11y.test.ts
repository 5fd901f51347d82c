// Issue 5, accessibility of the modal: semantics, reduced motion, small screens, axe-core.
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { ARTIFACTS, animationsDone, modalGeometry, openLink, useE2E, widgetFrame } from '../support/playwright-e2e';

const e2e = useE2E();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

it('is a modal dialog with an accessible name, a titled frame and a loading status', async () => {
  const page = await e2e.newPage();
  await page.evaluate(
    (widgetUrl) => void (window as any).harness.open({ widgetUrl, labels: { title: 'Link your employer' } }),
    e2e.origins.widgetUrl,
  );
  // While loading: a named dialog with a live status and a close button.
  const dialog = page.getByRole('dialog', { name: 'Link your employer' });
  await expect.poll(() => dialog.count()).toBe(1);
  expect(await dialog.getAttribute('aria-modal')).toBe('true');
  await page.evaluate(() => (window as any).link.ready);
  expect(await page.getByRole('dialog').count()).toBe(1);
  expect(await dialog.locator('iframe').getAttribute('title')).toBe('Link your employer');
  expect(await dialog.getByRole('status').isHidden()).toBe(true); // the indicator is gone once ready
  // Without a title option the default name is used.
  await page.evaluate(() => (window as any).link.close());
  await openLink(page, e2e.origins.widgetUrl);
  expect(await page.getByRole('dialog', { name: 'Connect your payroll account' }).count()).toBe(1);
});

/** The computed animation (name and duration) of the modal's backdrop, dialog and spinner, and the spinner's visibility. */
const motion = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('wink-link')!.shadowRoot!;
    const styles = ['.backdrop', '[role=dialog]', '.spinner'].map((s) => getComputedStyle(root.querySelector(s)!));
    return [...styles.map((style) => `${style.animationName} ${style.animationDuration}`), styles[2]!.visibility];
  });
const SILENT = '<!doctype html><html lang="en"><title>silent</title><p>…</p>';

it('moves nothing but a spinner, shown only when the widget is slow, slowed with prefers-reduced-motion', async () => {
  const page = await e2e.newPage();
  // Once the widget is ready nothing moves at all, and there is no entrance animation either
  // (src/styles.ts says why). (Whether the spinner was due first depends on how busy the machine
  // is: a widget ready within 400 ms never shows it, checked below with one that never is.)
  await openLink(page, e2e.origins.widgetUrl);
  expect((await motion(page)).slice(0, 2)).toEqual(['none 0s', 'none 0s']);
  const loadingHidden = await page.evaluate(
    () => (document.querySelector('wink-link')!.shadowRoot!.querySelector('.loading') as HTMLElement).hidden,
  );
  expect(loadingHidden).toBe(true);
  const running = await page.evaluate(() => document.querySelector('wink-link')!.shadowRoot!.getAnimations().length);
  expect(running).toBe(0);
  await page.evaluate(() => (window as any).link.close());

  // A widget that never says `ready`: "Loading…" at once, then the spinner turns.
  e2e.origins.widget.content('/silent', SILENT);
  // Returns the spinner's visibility as the modal mounts (in the same task: not yet due).
  const openSilent = () =>
    page.evaluate((widgetUrl) => {
      void (window as any).harness.open({ widgetUrl });
      const root = document.querySelector('wink-link')!.shadowRoot!;
      return getComputedStyle(root.querySelector('.spinner')!).visibility;
    }, `${e2e.origins.widget.url}/silent`);
  expect(await openSilent()).toBe('hidden');
  await expect.poll(() => motion(page)).toEqual(['none 0s', 'none 0s', 'spin 0.8s', 'visible']);
  await page.evaluate(() => (window as any).link.close());

  // Reduced motion: the spinner stays (it is the only sign of progress), at 2.4 s a turn.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openSilent();
  await expect.poll(() => motion(page)).toEqual(['none 0s', 'none 0s', 'spin 2.4s', 'visible']);
});

it('fills a small (375×667) viewport', async () => {
  const page = await e2e.newPage('/', { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
  await openLink(page, e2e.origins.widgetUrl);
  const g = await modalGeometry(page);
  expect(g.dialog).toEqual({ x: 0, y: 0, width: 375, height: 667 });
  expect(g.iframe).toEqual(g.dialog);
  expect(g.centreHitsIframe).toBe(true);
  await page.screenshot({ path: `${ARTIFACTS}/small-viewport.png` });
});

async function runAxe(target: Page | Frame, options: object) {
  await target.addScriptTag({ path: AXE });
  return target.evaluate(async (o) => {
    const result = await (window as any).axe.run(document, o);
    return (result.violations as Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }>).map(
      ({ id, impact, nodes }) => ({ id, impact, targets: nodes.map((n) => n.target) }),
    );
  }, options);
}

it('axe-core: no serious or critical violations on the page with the modal open', async () => {
  const page = await e2e.newPage();
  await openLink(page, e2e.origins.widgetUrl);
  await animationsDone(page);
  // The widget's document is the widget's business; the frame is checked from the outside.
  const violations = await runAxe(page, { iframes: false });
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  // For the record: the widget page itself (our test widget) is clean as well.
  const inside = await runAxe(widgetFrame(page, e2e.origins.widget.url), {});
  expect(inside.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});

it('axe-core: no serious or critical violations while the widget is still loading', async () => {
  const page = await e2e.newPage();
  // A widget URL that never answers `ready`: the loading state (spinner, status, close button) stays.
  e2e.origins.widget.content('/silent', SILENT);
  await page.evaluate(
    (widgetUrl) => void (window as any).harness.open({ widgetUrl }),
    `${e2e.origins.widget.url}/silent`,
  );
  await animationsDone(page);
  const violations = await runAxe(page, { iframes: false });
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  expect(await page.getByRole('button', { name: 'Close' }).count()).toBe(1);
});
