// Issue 5, strict CSP: the host page allows only its own scripts and styles, the widget origin
// as a frame, and no DOM sink without a Trusted Type. The SDK must need nothing more.
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { host, openLink, useE2E, widgetFrame, widgetLog } from '../support/playwright-e2e';

const e2e = useE2E();
const CSP_WORDS = /content security policy|refused to|trusted ?type|unsafe-inline|unsafe-eval/i;

beforeAll(() => {
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `frame-src ${e2e.origins.widget.url}`,
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
  e2e.origins.host.route('/csp', 'test/support/pages/host.html');
  e2e.origins.host.headers.set('/csp', { 'content-security-policy': policy });
});

/** The strict page, with every console line recorded (harness.js records violations). */
async function strictPage(): Promise<{ page: Page; console: string[] }> {
  const console: string[] = [];
  const page = await e2e.newPage('/csp');
  page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
  expect(await page.evaluate(() => typeof (window as any).WinkLink?.open)).toBe('function');
  return { page, console };
}

const violations = (page: Page) => page.evaluate(() => (window as any).violations);

it('opens, initialises, refreshes in place, reloads and closes with zero CSP violations', async () => {
  const { page, console } = await strictPage();
  await openLink(page, e2e.origins.widgetUrl, { lifetimeMs: 2500, refreshLeadMs: 1000, debug: true });
  const frame = widgetFrame(page, e2e.origins.widget.url);
  // The shadow-root styles applied (a constructable sheet, allowed by style-src 'self').
  expect(
    await page.evaluate(() => {
      const root = document.querySelector('wink-link')!.shadowRoot!;
      return [getComputedStyle(root.querySelector('.backdrop')!).position, getComputedStyle(root.host).zIndex];
    }),
  ).toEqual(['fixed', '2147483647']);
  await expect
    .poll(() => widgetLog(frame).then((l) => l.map((e) => e.type)), { timeout: 5000 })
    .toEqual(['init', 'token']);
  await frame.evaluate(() => location.reload());
  await expect.poll(() => host.issued(page).then((t) => t.length)).toBeGreaterThanOrEqual(3);
  await expect
    .poll(() =>
      widgetLog(frame)
        .then((l) => l.map((e) => e.type))
        .catch(() => []),
    )
    .toEqual(['init']);
  await page.evaluate(() => (window as any).link.close());
  expect(await host.state(page)).toBe('closed');
  expect(await host.mounted(page)).toBe(0);
  expect(await violations(page)).toEqual([]);
  expect(console.filter((line) => CSP_WORDS.test(line))).toEqual([]);
});

it('the inline-mode frame (resize writes its height) causes no violation either', async () => {
  const { page, console } = await strictPage();
  await openLink(page, e2e.origins.widgetUrl, { container: '#inline' });
  const frame = widgetFrame(page, e2e.origins.widget.url);
  await frame.evaluate(() => (document.body.style.height = '700px'));
  await expect
    .poll(() =>
      page.evaluate(
        () => document.querySelector('wink-link')!.shadowRoot!.querySelector('iframe')!.getBoundingClientRect().height,
      ),
    )
    .toBe(700);
  await page.evaluate(() => (window as any).link.close());
  expect(await violations(page)).toEqual([]);
  expect(console.filter((line) => CSP_WORDS.test(line))).toEqual([]);
});

it('control: the page really enforces the policy and the recorder sees violations', async () => {
  const { page, console } = await strictPage();
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'body { color: red }';
    document.head.append(style); // blocked: style-src 'self' has no 'unsafe-inline'
    try {
      document.body.insertAdjacentHTML('beforeend', '<b>x</b>'); // blocked: no Trusted Type
    } catch {
      /* TypeError, reported as a violation */
    }
  });
  await expect
    .poll(() => violations(page).then((v: Array<{ directive: string }>) => v.map((x) => x.directive).sort()))
    .toEqual(['require-trusted-types-for', 'style-src-elem']);
  expect(console.filter((line) => CSP_WORDS.test(line)).length).toBeGreaterThan(0);
});
