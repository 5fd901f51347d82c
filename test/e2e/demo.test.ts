import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../demo/start-demo';
import { launchChromium } from '../support/browser';
import { chromiumOnlyUntilPorted } from '../support/playwright-e2e';

chromiumOnlyUntilPorted();

/**
 * Drives `npm run demo` in real Chromium as a host developer would: open the modal, connect an
 * account, watch the token refresh in place and the Smile webhooks arrive at the host server,
 * fail a sign-in, upload payslips, expire the token, refresh by hand, close and reopen.
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
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('response', async (response) => {
    if (response.url().endsWith('/api/wink/link-token') && response.ok())
      issued.push((await response.json()).accessToken);
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

/** Every payload of the timeline rows named `name`, newest first. */
async function payloads(name: string): Promise<unknown[]> {
  const texts = await page.locator(`#timeline li[data-name="${name}"] code`).allTextContents();
  return texts.map((text) => JSON.parse(text));
}

/** The Smile webhook the host server received and verified, as shown on the timeline. */
type Webhook = { id: string; version: number; type: string; createdAt: string; data: Record<string, unknown> };
const webhook = (type: string) => event(`webhook ${type}`) as Promise<Webhook>;

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
    // widgetOptions.topProviders: the host pinned Gusto, then ADP, to the top.
    expect(await widget().locator('.providers .name').allTextContents()).toEqual([
      'Gusto',
      'ADP Workforce Now',
      'Paychex Flex',
      'Workday',
      'Rippling',
      'Paylocity',
      'BambooHR',
      'UKG Pro',
    ]);
    await shot('02-modal-providers');

    await widget().getByRole('button', { name: /Gusto/ }).click();
    // widgetOptions.companyName shows on the sign-in screen.
    await widget().getByText('Acme Payroll will receive your income and employment data.').waitFor();
    await widget().getByRole('button', { name: 'Connect Gusto' }).click();
    await widget().getByRole('heading', { name: 'Gusto connected' }).waitFor();
    const connected = (await event('onAccountConnected')) as { providerId: string; userId: string; accountId: string };
    expect(connected.providerId).toBe('gusto');
    expect(connected.userId).toMatch(/^acme-[0-9a-f]{32}$/);
    expect(connected.accountId).toMatch(/^a-[0-9a-f]{32}$/);
    expect(await event('onAccountCreated')).toEqual(connected);
    expect(await page.locator('#accounts li').allTextContents()).toEqual([`GUSTO${connected.accountId}`]);

    // Screens are reported with Smile's onUIEvent names and metadata.
    const screens = (await payloads('onEvent')) as Array<{ name: string; metadata: Record<string, unknown> }>;
    expect(screens.map((e) => e.name).reverse()).toEqual([
      'ProviderListPageOpened',
      'LoginPageOpened',
      'ConnectSuccessPageOpened',
    ]);
    expect(screens[0]!.metadata).toEqual({
      eventTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      mode: 'SANDBOX',
      userId: connected.userId,
      account: { providerId: 'gusto', accountId: connected.accountId },
    });

    // The host server received, verified and showed the Smile API's signed webhooks.
    const { userId, accountId } = connected;
    expect(await webhook('USER_CREATED')).toMatchObject({ version: 1, data: { userId } });
    expect((await webhook('USER_CREATED')).id).toMatch(/^et-[0-9a-f]{32}$/);
    expect(await webhook('ACCOUNT_CREATED')).toMatchObject({ data: { userId, accountId, providers: ['gusto'] } });
    expect(await webhook('ACCOUNT_CONNECTED')).toMatchObject({
      data: { userId, accountId, loginName: 'sandbox_user', providers: ['gusto'] },
    });
    expect(await webhook('TASK_FINISHED')).toMatchObject({
      data: { userId, sourceId: accountId, status: 'SUCCEEDED' },
    });
    await shot('03-account-connected');
  });

  it('refreshes the short-lived token in place before it expires (auto mode)', async () => {
    const before = await tokenCount();
    const renewed = await renewals();
    await waitForTokenCount(before + 1, TTL_SECONDS * 1000);
    await waitForRenewal(renewed);
    // The user kept their place: the widget still shows the same screen.
    await widget().getByRole('heading', { name: 'Gusto connected' }).waitFor();
    expect(await event('onStateChange')).toEqual({ from: 'refreshing', to: 'open' });
    expect(await timelineNames()).not.toContain('onTokenExpired');
  });

  it('closes with Smile\'s reason "exit" from Done on the success screen', async () => {
    await widget().getByRole('button', { name: 'Done' }).click();
    expect(await event('onClose')).toEqual({ reason: 'exit' });
    await page.locator('#state[data-state=closed]').waitFor();
    expect(await page.locator('wink-link').count()).toBe(0);
  });

  it('a failed sign-in: accountError with a documented errorCode and no message, ACCOUNT_FAILED, Exit closes with "error"', async () => {
    await page.getByRole('button', { name: 'Connect another account' }).click();
    await widget().getByRole('button', { name: /ADP/ }).click();
    await widget().getByLabel('Password').fill('wrong');
    await widget().getByRole('button', { name: 'Connect ADP Workforce Now' }).click();
    await widget().getByRole('heading', { name: 'Couldn’t connect to ADP Workforce Now' }).waitFor();
    const failed = (await event('onAccountError')) as Record<string, string>;
    expect(failed).toEqual({
      accountId: expect.stringMatching(/^a-/),
      userId: expect.stringMatching(/^acme-/),
      providerId: 'adp',
      errorCode: 'INVALID_CREDENTIALS',
    });
    expect(await webhook('ACCOUNT_FAILED')).toMatchObject({
      data: { accountId: failed.accountId, errorCode: 'INVALID_CREDENTIALS', providers: ['adp'] },
    });
    await shot('04-sign-in-failed');
    await widget().getByRole('button', { name: 'Exit' }).click();
    expect(await event('onClose', 2)).toEqual({ reason: 'error' });
    await page.locator('#state[data-state=closed]').waitFor();
  });

  it('uploads payslips (widgetOptions.enableUpload): uploadsCreated, ARCHIVE_* webhooks; × closes with "close"', async () => {
    await page.getByRole('button', { name: 'Connect another account' }).click();
    await widget().getByRole('button', { name: 'No payroll login? Upload payslips instead' }).click();
    await widget()
      .getByLabel('Payslips (PDF or photos)')
      .setInputFiles([{ name: 'payslip-2026-10.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') }]);
    await widget().getByRole('button', { name: 'Upload' }).click();
    await widget().getByRole('heading', { name: '1 payslip received' }).waitFor();
    const uploads = (await event('onUploadsCreated')) as { userId: string; uploads: Array<{ id: string }> };
    expect(uploads.uploads).toEqual([{ id: expect.stringMatching(/^u-/), type: 'PAYSLIP', state: 'PENDING' }]);
    const started = await webhook('ARCHIVE_STARTED');
    expect(started.data).toEqual({ userId: uploads.userId, archiveId: expect.stringMatching(/^archive-/) });
    expect((await webhook('ARCHIVE_ANALYZED')).data).toEqual(started.data);
    await shot('05-payslips-uploaded');
    await widget().getByRole('button', { name: 'Close' }).click();
    expect(await event('onClose', 3)).toEqual({ reason: 'close' });
    await page.locator('#state[data-state=closed]').waitFor();
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
    await shot('06-inline-manual');

    await event('onTokenExpired');
    await page.locator('#expired-banner').waitFor();
    await widget().getByText('Session expired, reconnecting…').waitFor();
    expect(await page.locator('#countdown-caption').textContent()).toBe('Token expired');
    expect(issued.length).toBe(before + 1); // manual: nothing is fetched until the page asks
    await shot('07-manual-token-expired');

    await page.getByRole('button', { name: 'Refresh token now' }).click();
    await widget().getByText('session renewed 1×').waitFor();
    await widget().getByText('Session expired, reconnecting…').waitFor({ state: 'hidden' });
    expect(issued.length).toBe(before + 2);

    await widget().getByRole('button', { name: 'Remove' }).click();
    const removed = (await event('onAccountRemoved')) as { accountId: string };
    expect(removed).toMatchObject({ providerId: 'gusto' });
    expect(await webhook('ACCOUNT_DISCONNECTED')).toMatchObject({ data: { accountId: removed.accountId } });
    expect(await page.locator('#accounts li.empty').count()).toBe(1);
    await page.getByRole('button', { name: 'Close widget' }).click();
    expect(await event('onClose', 4)).toEqual({ reason: 'host' });
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
    await shot('08-inline-auto-after-trouble');
  });

  it('ignores a webhook Smile delivers again (at-least-once), by its id', async () => {
    const received = (
      await page.locator('#timeline li[data-name^="webhook "][data-source=server] code').allTextContents()
    )
      .map((text) => JSON.parse(text) as Partial<Webhook>)
      .filter((e): e is Webhook => typeof e.type === 'string');
    await page.getByRole('button', { name: /Redeliver webhook/ }).click();
    const duplicate = (await event('webhook duplicate ignored')) as { id: string; eventType: string };
    expect(received.map((e) => e.id)).toContain(duplicate.id);
    // Handled once: no second row for it.
    const again = (await page.locator('#timeline li[data-name^="webhook "] code').allTextContents()).filter((text) =>
      text.includes(`"id":"${duplicate.id}","version"`),
    );
    expect(again).toHaveLength(1);
  });

  it('the host server refuses a forged webhook (no valid Smile-Signature), and says so on the timeline', async () => {
    const forged = JSON.stringify({
      id: 'et-forged',
      version: 1,
      type: 'ACCOUNT_CONNECTED',
      createdAt: new Date().toISOString(),
      data: { userId: 'acme-x', accountId: 'a-x', loginName: 'x', providers: ['gusto'] },
    });
    const post = (headers: Record<string, string>) =>
      fetch(`${demo.urls.host}api/webhooks/smile`, { method: 'POST', headers, body: forged });
    expect((await post({})).status).toBe(401);
    expect((await post({ 'Smile-Signature': 'f'.repeat(128) })).status).toBe(401);
    expect(await event('webhook refused', 2)).toEqual({ code: 'BAD_SIGNATURE' });
    expect(await page.locator('#timeline li code', { hasText: 'et-forged' }).count()).toBe(0);
  });

  it('honours widgetOptions.providers (one provider skips the list) and enableSearchBar: false', async () => {
    const other = await browser.newPage();
    try {
      await other.goto(demo.urls.host);
      // The demo's vite server serves the SDK's source, as the host page imports it. (A string:
      // vitest would rewrite a dynamic import() written in this file.)
      const open = (widgetOptions: Record<string, unknown>) =>
        other.evaluate(`(async () => {
          const { WinkLink } = await import('/src/host/index.ts');
          window.link?.destroy();
          window.link = WinkLink.open(
            ({ signal }) => fetch('/api/wink/link-token', { method: 'POST', signal }),
            { widgetUrl: ${JSON.stringify(demo.urls.widget)}, widgetOptions: ${JSON.stringify(widgetOptions)} },
          );
        })()`);
      const frame = other.frameLocator('wink-link iframe');

      await open({ providers: ['paychex', 'gusto'], enableSearchBar: false });
      await frame.getByRole('heading', { name: 'Connect your payroll provider' }).waitFor();
      expect(await frame.locator('.providers .name').allTextContents()).toEqual(['Gusto', 'Paychex Flex']);
      expect(await frame.getByRole('searchbox').count()).toBe(0);

      await open({ providers: ['adp'] });
      await frame.getByRole('heading', { name: 'Sign in to ADP Workforce Now' }).waitFor();
      expect(await frame.getByRole('button', { name: 'All providers' }).count()).toBe(0);
    } finally {
      await other.close();
    }
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
