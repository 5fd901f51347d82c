// The Smile bridge under strict CSPs on both pages: the host allows only its own scripts and
// styles and the bridge origin as a frame; the bridge page allows its own script and Smile's
// script origin, nothing inline, Trusted Types enforced, framed by the host origin only.
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { host, openLink } from '../support/playwright-e2e';
import { bridgeFrame, standIns, trigger, useSmileE2E } from '../support/smile/e2e';
import { ACCOUNT } from '../support/smile/fixtures';

const e2e = useSmileE2E();
const CSP_WORDS = /content security policy|refused to|trusted ?type|unsafe-inline|unsafe-eval/i;
let strictBridge: string;
let strictBridgeNoSdk: string;

beforeAll(() => {
  const { host: hostOrigin } = e2e.origins;
  const hostPolicy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `frame-src ${e2e.smile.bridge.url}`,
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
  hostOrigin.route('/csp', 'test/support/pages/host.html');
  hostOrigin.headers.set('/csp', { 'content-security-policy': hostPolicy });
  const bridgePolicy = (sdkOrigin: string) =>
    [
      "default-src 'none'",
      `script-src 'self' ${sdkOrigin}`,
      "style-src 'self'",
      `frame-ancestors ${hostOrigin.url}`,
      "base-uri 'none'",
      "require-trusted-types-for 'script'",
      "trusted-types 'none'",
    ].join('; ');
  const headers = { 'content-security-policy': bridgePolicy(e2e.smile.smile.url) };
  strictBridge = e2e.smile.variant('strict', { headers });
  strictBridgeNoSdk = e2e.smile.variant('strict-no-sdk', { headers, sdkUrl: `${e2e.smile.smile.url}/v2/gone.js` });
});

/** The strict host page; every console line of the page and its frames recorded. */
async function strictPage(): Promise<{ page: Page; console: string[] }> {
  const console: string[] = [];
  const page = await e2e.newPage('/csp');
  page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
  return { page, console };
}

it('open, callbacks, auto refresh (a relaunch) and close: zero CSP violations on either page', async () => {
  const { page, console } = await strictPage();
  await openLink(page, strictBridge, { chrome: 'none', lifetimeMs: 3000, refreshLeadMs: 1000 });
  const frame = await bridgeFrame(page, e2e.smile.bridge.url);
  await expect.poll(() => standIns(frame).then((w) => w.length), { timeout: 5000 }).toBe(2);
  await trigger(frame, 'onAccountConnected', ACCOUNT);
  await expect.poll(() => host.names(page)).toContain('accountConnected');
  await frame.click('[data-stand-in=close]');
  await expect.poll(() => host.state(page)).toBe('closed');
  expect(await page.evaluate(() => (window as any).violations)).toEqual([]);
  expect(console.filter((line) => CSP_WORDS.test(line))).toEqual([]);
});

it('the missing-SDK notice renders under the strict policy too', async () => {
  const { page, console } = await strictPage();
  await page.evaluate((o) => void (window as any).harness.open(o).catch(() => {}), {
    widgetUrl: strictBridgeNoSdk,
    chrome: 'none',
  });
  const frame = await bridgeFrame(page, e2e.smile.bridge.url);
  const notice = frame.getByRole('alertdialog', { name: 'Account linking is unavailable' });
  await notice.waitFor();
  expect(await notice.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
  // The one refusal is the missing script's 404, not a policy.
  expect(console.filter((line) => CSP_WORDS.test(line))).toEqual([]);
});

it('control: the bridge page really enforces its policy, and the console shows its violations', async () => {
  const { page, console } = await strictPage();
  await openLink(page, strictBridge, { chrome: 'none' });
  const frame = await bridgeFrame(page, e2e.smile.bridge.url);
  await frame.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'body { color: red }';
    document.head.append(style);
  });
  await expect.poll(() => console.filter((line) => CSP_WORDS.test(line)).length).toBeGreaterThan(0);
});
