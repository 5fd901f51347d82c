// The Smile bridge under strict CSPs on both pages: the host allows only its own scripts and
// styles and the bridge origin as a frame; the bridge page allows its own script and Smile's
// script origin, nothing inline, Trusted Types enforced, framed by the host origin only.
// Violations are read the same way in every engine: on the host page by harness.js's
// `securitypolicyviolation` recorder; on the bridge page (which runs no script of ours before it
// loads) by its policy's report-uri, received by the bridge origin's server. The browser console
// is read besides where the engine lets us (not WebKit: skips.ts, 'browser console').
import { beforeAll, expect, it } from 'vitest';
import { cannot } from '../support/driver/skips';
import { host, openLink, type Page } from '../support/e2e';
import { bridgeFrame, notice, standIns, trigger, useSmileE2E } from '../support/smile/e2e';
import { ACCOUNT } from '../support/smile/fixtures';

const e2e = useSmileE2E();
// Chromium words it "Content Security Policy … Refused to"; Firefox "Content-Security-Policy: … trusted-types".
const CSP_WORDS = /content[- ]security[- ]policy|refused to|trusted[- ]?type|unsafe-inline|unsafe-eval/i;
const REPORTS = '/csp-report';
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
      `report-uri ${REPORTS}`,
    ].join('; ');
  e2e.smile.bridge.content(REPORTS, '');
  const headers = { 'content-security-policy': bridgePolicy(e2e.smile.smile.url) };
  strictBridge = e2e.smile.variant('strict', { headers });
  strictBridgeNoSdk = e2e.smile.variant('strict-no-sdk', { headers, sdkUrl: `${e2e.smile.smile.url}/v2/gone.js` });
});

/** The strict host page; the bridge's reports so far are set aside (each test reads its own). */
async function strictPage(): Promise<Page> {
  e2e.smile.bridge.requests.length = 0;
  return e2e.newPage('/csp');
}

/** The violations the bridge page reported to its origin: [directive, blocked URI]. */
const bridgeReports = () =>
  e2e.smile.bridge.requests
    .filter((r) => r.url === REPORTS)
    .map((r) => JSON.parse(r.body)['csp-report'])
    .map((report) => [report['violated-directive'] ?? report['effective-directive'], report['blocked-uri']]);

const consoleCsp = (page: Page) => page.logs().filter((line) => CSP_WORDS.test(line));

/** No violation on either page (and none in the console where the engine lets us read it). */
async function expectNoViolations(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as any).violations)).toEqual([]);
  expect(bridgeReports()).toEqual([]);
  if (!cannot('browser console')) expect(consoleCsp(page)).toEqual([]);
}

it('open, callbacks, auto refresh (a relaunch) and close: zero CSP violations on either page', async () => {
  const page = await strictPage();
  await openLink(page, strictBridge, { chrome: 'none', lifetimeMs: 3000, refreshLeadMs: 1000 });
  const frame = await bridgeFrame(page, e2e.smile.bridge.url);
  await expect.poll(() => standIns(frame).then((w) => w.length), { timeout: 5000 }).toBe(2);
  await trigger(frame, 'onAccountConnected', ACCOUNT);
  await expect.poll(() => host.names(page)).toContain('accountConnected');
  await frame.click('[data-stand-in=close]');
  await expect.poll(() => host.state(page)).toBe('closed');
  await expectNoViolations(page);
});

it('the missing-SDK notice renders under the strict policy too', async () => {
  const page = await strictPage();
  await page.evaluate((o) => void (window as any).harness.open(o).catch(() => {}), {
    widgetUrl: strictBridgeNoSdk,
    chrome: 'none',
  });
  const frame = await bridgeFrame(page, e2e.smile.bridge.url);
  expect(await notice(frame, 'Account linking is unavailable')).toEqual({ background: 'rgb(255, 255, 255)' });
  // The one refusal is the missing script's 404, not a policy.
  await expectNoViolations(page);
});

/** Breaks the bridge page's policy once: an inline <style>. */
async function violateInBridge(page: Page): Promise<void> {
  await openLink(page, strictBridge, { chrome: 'none' });
  const frame = await bridgeFrame(page, e2e.smile.bridge.url);
  await frame.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'body { color: red }';
    document.head.append(style);
  });
}

it('control: the bridge page really enforces its policy, and reports its violations', async () => {
  const page = await strictPage();
  await violateInBridge(page);
  await expect.poll(bridgeReports).toEqual([[expect.stringMatching(/^style-src/), 'inline']]);
});

it.skipIf(cannot('browser console'))('control: the console check sees the bridge page’s violations too', async () => {
  const page = await strictPage();
  await violateInBridge(page);
  await expect.poll(() => consoleCsp(page).length).toBeGreaterThan(0);
});
