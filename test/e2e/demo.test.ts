import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../demo/start-demo';

/**
 * Drives `npm run demo` in real Chromium as a host developer would: open the modal, connect an
 * account, watch the token refresh in place, expire it, refresh by hand, close and reopen.
 * Screenshots go to test-artifacts/demo/.
 */
const ARTIFACTS = 'test-artifacts/demo';
const TTL_SECONDS = 8;

let demo: Demo;
let browser: Browser;
let page: Page;
/** Every token the host endpoint handed out, in order. */
const issued: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  demo = await startDemo({
    hostPort: 0,
    widgetPort: 0,
    apiPort: 0,
    bridgePort: 0,
    tokenTtlSeconds: TTL_SECONDS,
    log: () => {},
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('response', async (response) => {
    if (response.url().endsWith('/api/link-token') && response.ok()) issued.push((await response.json()).accessToken);
  });
  await page.goto(demo.urls.host);
  await page.locator('html[data-ready=true]').waitFor({ state: 'attached' });
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

const widget = () => page.frameLocator('wink-link iframe');
const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
const tokenCount = async () => Number(await page.locator('#token-count').textContent());
const timelineNames = () => page.locator('#timeline li strong').allTextContents();

/** Waits for the timeline row `name` (the newest one) and returns its payload. */
async function event(name: string, count = 1): Promise<unknown> {
  const rows = page.locator(`#timeline li[data-name="${name}"]`);
  await page.waitForFunction(
    ([n, c]) => document.querySelectorAll(`#timeline li[data-name="${n}"]`).length >= Number(c),
    [name, count] as const,
  );
  const code = rows.first().locator('code');
  return (await code.count()) ? JSON.parse((await code.textContent())!) : undefined;
}

/** How many tokens the open widget received in place (its footer says so). */
async function renewals(): Promise<number> {
  const footer = await widget().locator('footer').textContent();
  return Number(/renewed (\d+)×/.exec(footer ?? '')?.[1] ?? 0);
}

async function waitForRenewal(after: number) {
  await expect.poll(renewals, { timeout: 15_000 }).toBeGreaterThan(after);
}

async function waitForTokenCount(n: number, timeout: number) {
  await page.waitForFunction((c) => Number(document.getElementById('token-count')!.textContent) >= c, n, { timeout });
}

describe('npm run demo', () => {
  it('opens the modal and connects an account, reported on the timeline', async () => {
    await shot('01-host-page');
    await page.getByRole('button', { name: 'Connect payroll' }).click();
    await widget().getByRole('heading', { name: 'Connect your payroll provider' }).waitFor();
    expect(await page.locator('#state').textContent()).toBe('open');
    await shot('02-modal-providers');

    await widget().getByRole('button', { name: /Gusto/ }).click();
    await widget().getByRole('button', { name: 'Connect Gusto' }).click();
    await widget().getByRole('heading', { name: 'Gusto connected' }).waitFor();
    const connected = (await event('onAccountConnected')) as { providerId: string; userId: string; accountId: string };
    expect(connected.providerId).toBe('gusto');
    expect(connected.userId).toMatch(/^usr_/);
    expect(await event('onAccountCreated')).toEqual(connected);
    expect(await page.locator('#accounts li').allTextContents()).toEqual([`GUSTO${connected.accountId}`]);
    // The host server saw the Smile API's signed USER_CREATED webhook.
    expect(await event('webhook received')).toMatchObject({
      event: { type: 'USER_CREATED', data: { userId: connected.userId } },
    });
    await shot('03-account-connected');
  });

  it('refreshes the short-lived token in place before it expires (auto mode)', async () => {
    const before = await tokenCount();
    await waitForTokenCount(before + 1, TTL_SECONDS * 1000);
    await widget().getByText('session renewed 1×').waitFor();
    // The user kept their place: the widget still shows the same screen.
    await widget().getByRole('heading', { name: 'Gusto connected' }).waitFor();
    expect(await event('onStateChange')).toEqual({ from: 'refreshing', to: 'open' });
    expect(await timelineNames()).not.toContain('onTokenExpired');
  });

  it('closes from the widget', async () => {
    await widget().getByRole('button', { name: 'Done' }).click();
    expect(await event('onClose')).toEqual({ reason: 'widget' });
    await page.locator('#state[data-state=closed]').waitFor();
    expect(await page.locator('wink-link').count()).toBe(0);
  });

  // A modal makes the page inert, so the page's own controls are used with the inline widget.
  it('reopens inline in manual mode with a fresh token, and refreshes an expired one on request', async () => {
    const before = issued.length;
    await page.getByRole('radio', { name: 'Inline' }).check();
    await page.getByRole('radio', { name: 'Manual' }).check();
    await page.getByRole('button', { name: 'Connect another account' }).click();
    await widget().getByRole('heading', { name: 'Connect your payroll provider' }).waitFor();
    expect(issued.length).toBe(before + 1);
    expect(await page.locator('#inline-slot wink-link[data-mode=inline]').count()).toBe(1);
    // The account connected earlier is listed by the widget (it lives in the mock Smile API).
    await widget().getByRole('button', { name: 'Remove' }).waitFor();
    await shot('04-inline-manual');

    await event('onTokenExpired');
    await page.locator('#expired-banner').waitFor();
    await widget().getByText('Session expired, reconnecting…').waitFor();
    expect(await page.locator('#countdown-caption').textContent()).toBe('Token expired');
    expect(issued.length).toBe(before + 1); // manual: nothing is fetched until the page asks
    await shot('05-manual-token-expired');

    await page.getByRole('button', { name: 'Refresh token now' }).click();
    await widget().getByText('session renewed 1×').waitFor();
    await widget().getByText('Session expired, reconnecting…').waitFor({ state: 'hidden' });
    expect(issued.length).toBe(before + 2);

    await widget().getByRole('button', { name: 'Remove' }).click();
    expect(await event('onAccountRemoved')).toMatchObject({ providerId: 'gusto' });
    expect(await page.locator('#accounts li.empty').count()).toBe(1);
    await page.getByRole('button', { name: 'Close widget' }).click();
    expect(await event('onClose', 2)).toEqual({ reason: 'host' });
  });

  it('survives simulated trouble in auto mode: revoked token, failed or hanging fetch, machine sleep', async () => {
    await page.getByRole('radio', { name: 'Auto' }).check();
    await page.getByRole('button', { name: 'Connect payroll' }).click();
    await widget().getByRole('heading', { name: 'Connect your payroll provider' }).waitFor();
    // Auto mode also renews every few seconds on its own here, so each step waits for "one more".

    // The Smile API revokes the token: the widget finds out, reports it, gets a fresh one.
    let renewed = await renewals();
    await page.getByRole('button', { name: /Expire token now/ }).click();
    await event('onTokenExpired', 2);
    await waitForRenewal(renewed);

    // The token endpoint fails once: reported, retried with backoff, recovered.
    await page.getByRole('button', { name: /Fail next fetch/ }).click();
    renewed = await renewals();
    await page.getByRole('button', { name: 'Refresh token now' }).click();
    expect(await event('onError')).toMatchObject({ code: 'FETCH_FAILED' });
    await waitForRenewal(renewed);

    // The token endpoint hangs: the SDK gives up after fetchTimeoutMs (5 s) and retries.
    await page.getByRole('button', { name: /Hang next fetch/ }).click();
    renewed = await renewals();
    await page.getByRole('button', { name: 'Refresh token now' }).click();
    expect(await event('onError', 2)).toMatchObject({ code: 'FETCH_TIMEOUT' });
    await waitForRenewal(renewed);

    // Five minutes of sleep: the SDK notices on the wall clock, and the next token's server
    // time corrects the page's now-wrong clock, so the countdown is sane again.
    renewed = await renewals();
    await page.getByRole('button', { name: /Sleep 5 minutes/ }).click();
    await event('onTokenExpired', 3);
    await waitForRenewal(renewed);
    // At most the token's life (8 s), plus 1 s: a Date header, hence the skew, has 1-s resolution.
    expect(await page.locator('#countdown-value').textContent()).toMatch(/^0:0[1-9]$/);
    await shot('06-inline-auto-after-trouble');
  });

  it('never hands out a token twice, and the mock Smile API refuses a reused one', async () => {
    expect(new Set(issued).size).toBe(issued.length);
    const reuse = await fetch(`${demo.urls.api}/widget/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accessToken: issued[0] }),
    });
    expect(reuse.status).toBe(401);
    expect((await reuse.json()).error).toMatch(/TOKEN_(ALREADY_USED|EXPIRED)/);
  });
});
