// Issue 5, accessibility of the modal: semantics, reduced motion, small screens, axe-core.
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  ARTIFACTS,
  animationsDone,
  type Context,
  modalGeometry,
  openLink,
  type Page,
  useE2E,
  widgetFrame,
} from '../support/e2e';

const e2e = useE2E();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

it('is a modal dialog with an accessible name, a titled frame and a loading status', async () => {
  const page = await e2e.newPage();
  await page.evaluate(
    (widgetUrl) => void (window as any).harness.open({ widgetUrl, labels: { title: 'Link your employer' } }),
    e2e.origins.widgetUrl,
  );
  // While loading: a named dialog with a live status and a close button.
  await expect.poll(() => dialogs(page)).toMatchObject([{ name: 'Link your employer', modal: 'true', status: true }]);
  await page.evaluate(() => (window as any).link.ready);
  // The indicator is gone once ready; the frame carries the title.
  expect(await dialogs(page)).toEqual([
    { name: 'Link your employer', modal: 'true', frameTitle: 'Link your employer', status: false },
  ]);
  // Without a title option the default name is used.
  await page.evaluate(() => (window as any).link.close());
  await openLink(page, e2e.origins.widgetUrl);
  expect((await dialogs(page)).map((d) => d.name)).toEqual(['Connect your payroll account']);
});

/** The modal's dialogs: accessible name, aria-modal, the frame's title and whether a status shows. */
const dialogs = (page: Page) =>
  page.evaluate(() =>
    [...(document.querySelector('wink-link')?.shadowRoot?.querySelectorAll('[role=dialog]') ?? [])].map((dialog) => {
      const frame = dialog.querySelector('iframe');
      return {
        name: dialog.getAttribute('aria-label'),
        modal: dialog.getAttribute('aria-modal'),
        frameTitle: frame?.getAttribute('title'),
        status: !!dialog.querySelector('[role=status]')?.checkVisibility(),
      };
    }),
  );

/** The computed animation (name and duration) of the modal's backdrop, dialog and spinner, and the spinner's visibility. */
const motion = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('wink-link')!.shadowRoot!;
    const styles = ['.backdrop', '[role=dialog]', '.spinner'].map((s) => getComputedStyle(root.querySelector(s)!));
    return [...styles.map((style) => `${style.animationName} ${style.animationDuration}`), styles[2]!.visibility];
  });
const SILENT = '<!doctype html><html lang="en"><title>silent</title><p>…</p>';

it('moves nothing but a spinner, shown only when the widget is slow', async () => {
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
  // Returns the spinner's visibility once the modal's styles apply, and whether that was before
  // the spinner was due. (Not read in the mounting task: WebKit's getComputedStyle does not see a
  // new shadow root's adopted stylesheet until a later frame; nothing is painted before then.)
  const openSilent = () =>
    page.evaluate(async (widgetUrl) => {
      const start = performance.now();
      void (window as any).harness.open({ widgetUrl });
      const root = document.querySelector('wink-link')!.shadowRoot!;
      while (getComputedStyle(root.querySelector('.dialog')!).position !== 'relative')
        await new Promise(requestAnimationFrame);
      return [getComputedStyle(root.querySelector('.spinner')!).visibility, performance.now() - start < 400];
    }, `${e2e.origins.widget.url}/silent`);
  expect(await openSilent()).toEqual(['hidden', true]);
  await expect.poll(() => motion(page)).toEqual(['none 0s', 'none 0s', 'spin 0.8s', 'visible']);
  await page.evaluate(() => (window as any).link.close());
});

it('slows the spinner with prefers-reduced-motion (it stays: the only sign of progress), 2.4 s a turn', async () => {
  e2e.origins.widget.content('/silent', SILENT);
  const page = await e2e.newPage('/', { reducedMotion: true });
  await page.evaluate(
    (widgetUrl) => void (window as any).harness.open({ widgetUrl }),
    `${e2e.origins.widget.url}/silent`,
  );
  await expect.poll(() => motion(page)).toEqual(['none 0s', 'none 0s', 'spin 2.4s', 'visible']);
});

// WebKitGTK's window is never narrower than ~450 px: still a small screen (≤ 480 px).
it('fills a small (375×667) viewport', async () => {
  const page = await e2e.newPage('/', { viewport: { width: 375, height: 667 } });
  await openLink(page, e2e.origins.widgetUrl);
  const g = await modalGeometry(page);
  expect(g.viewport.width).toBeLessThanOrEqual(page.engine === 'webkit' ? 480 : 375);
  expect(g.dialog).toEqual({ x: 0, y: 0, ...g.viewport });
  expect(g.iframe).toEqual(g.dialog);
  expect(g.centreHitsIframe).toBe(true);
  await page.screenshot(`${ARTIFACTS}/small-viewport-${page.engine}.png`);
});

async function runAxe(target: Context, options: object) {
  await target.evaluate((source) => {
    const script = document.createElement('script');
    script.textContent = source;
    document.head.append(script);
  }, AXE);
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
  const inside = await runAxe(await widgetFrame(page, e2e.origins.widget.url), {});
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
  expect(
    await page.evaluate(
      () => document.querySelector('wink-link')!.shadowRoot!.querySelectorAll('button[aria-label="Close"]').length,
    ),
  ).toBe(1);
});
