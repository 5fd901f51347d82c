import { beforeAll, describe, expect, it } from 'vitest';
import type { Context, Page } from '../support/driver';
import { chooseOption, useDemo } from '../support/demo-e2e';
import { clickNamed, countNamed, ROLE, texts, visibleText, waitNamed } from '../support/named';

/**
 * Drives `npm run demo` in a real browser as a host developer would: open the modal, connect an
 * account, watch the token refresh in place and the Smile webhooks arrive at the host server,
 * fail a sign-in, upload payslips, expire the token, refresh by hand, close and reopen.
 * Screenshots go to test-artifacts/demo/.
 */
const TTL_SECONDS = 8;
/** Every token the host endpoint handed out, in order (its server reports them). */
const issued: string[] = [];
const env = useDemo(
  { width: 1280, height: 1000 },
  { tokenTtlSeconds: TTL_SECONDS, onTokenIssued: (token) => issued.push(token.accessToken) },
);
let page: Page;
beforeAll(() => {
  page = env.page;
});

/** The open widget's frame (found anew: each open makes a new one). */
const widget = (on: Page = page) => on.frame(env.demo.urls.widget);
const shot = (name: string) => env.screenshot(name);
const text = (selector: string) => page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);
const count = (selector: string) => page.evaluate((s) => document.querySelectorAll(s).length, selector);
const tokenCount = async () => Number(await text('#token-count'));
const timelineNames = () => texts(page, '#timeline li strong');
const clickButton = async (name: string | RegExp, on: Context = page) => clickNamed(on, ROLE.button, name);
const waitForHeading = async (name: string) => waitNamed(await widget(), ROLE.heading, name);
/** Waits until the widget shows `message` (or, with `shown: false`, no longer does). */
const waitForWidgetText = async (message: string, shown = true) => {
  const frame = await widget();
  await expect.poll(async () => (await visibleText(frame)).includes(message), { timeout: 15_000 }).toBe(shown);
};
const waitForState = (state: string) => expect.poll(() => text(`#state[data-state=${state}]`)).not.toBeNull();

/** Waits for the timeline row `name` (at least `atLeast` of them) and returns the newest one's payload. */
async function event(name: string, atLeast = 1): Promise<unknown> {
  const rows = `#timeline li[data-name="${name}"]`;
  await expect.poll(() => count(rows), { timeout: 20_000 }).toBeGreaterThanOrEqual(atLeast);
  const code = await text(`${rows} code`);
  return code === null ? undefined : JSON.parse(code);
}

/** Every payload of the timeline rows named `name`, newest first. */
async function payloads(name: string): Promise<unknown[]> {
  return (await texts(page, `#timeline li[data-name="${name}"] code`)).map((code) => JSON.parse(code));
}

/** The Smile webhook the host server received and verified, as shown on the timeline. */
type Webhook = { id: string; version: number; type: string; createdAt: string; data: Record<string, unknown> };
const webhook = (type: string) => event(`webhook ${type}`) as Promise<Webhook>;

/** How many tokens the open widget received in place (its footer says so). */
async function renewals(): Promise<number> {
  const [footer] = await texts(await widget(), 'footer');
  return Number(/renewed (\d+)×/.exec(footer ?? '')?.[1] ?? 0);
}

async function waitForRenewal(after: number) {
  await expect.poll(renewals, { timeout: 15_000 }).toBeGreaterThan(after);
}

/** Types into a form field of the widget as a user would leave it: value set, `input` fired. */
async function fill(selector: string, value: string) {
  await (await widget()).evaluate(
    ([s, v]) => {
      const field = document.querySelector<HTMLInputElement>(s)!;
      field.value = v;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    },
    [selector, value] as const,
  );
}

describe('npm run demo', () => {
  it('opens the modal and connects an account, reported on the timeline', async () => {
    await shot('01-host-page');
    await clickButton('Connect payroll');
    await waitForHeading('Connect your payroll provider');
    expect(await text('#state')).toBe('open');
    // widgetOptions.topProviders: the host pinned Gusto, then ADP, to the top.
    expect(await texts(await widget(), '.providers .name')).toEqual([
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

    await clickButton(/Gusto/, await widget());
    // widgetOptions.companyName shows on the sign-in screen.
    await waitForWidgetText('Acme Payroll will receive your income and employment data.');
    await clickButton('Connect Gusto', await widget());
    await waitForHeading('Gusto connected');
    const connected = (await event('onAccountConnected')) as { providerId: string; userId: string; accountId: string };
    expect(connected.providerId).toBe('gusto');
    expect(connected.userId).toMatch(/^acme-[0-9a-f]{32}$/);
    expect(connected.accountId).toMatch(/^a-[0-9a-f]{32}$/);
    expect(await event('onAccountCreated')).toEqual(connected);
    expect(await texts(page, '#accounts li')).toEqual([`GUSTO${connected.accountId}`]);

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
    await expect.poll(tokenCount, { timeout: TTL_SECONDS * 1000 }).toBeGreaterThanOrEqual(before + 1);
    await waitForRenewal(renewed);
    // The user kept their place: the widget still shows the same screen.
    await waitForHeading('Gusto connected');
    expect(await event('onStateChange')).toEqual({ from: 'refreshing', to: 'open' });
    expect(await timelineNames()).not.toContain('onTokenExpired');
  });

  it('closes with Smile\'s reason "exit" from Done on the success screen', async () => {
    await clickButton('Done', await widget());
    expect(await event('onClose')).toEqual({ reason: 'exit' });
    await waitForState('closed');
    expect(await count('wink-link')).toBe(0);
  });

  it('a failed sign-in: accountError with a documented errorCode and no message, ACCOUNT_FAILED, Exit closes with "error"', async () => {
    await clickButton('Connect another account');
    await clickButton(/ADP/, await widget());
    await waitNamed(await widget(), ROLE.heading, 'Sign in to ADP');
    await fill('input[name=password]', 'wrong');
    await clickButton('Connect ADP Workforce Now', await widget());
    await waitForHeading('Couldn’t connect to ADP Workforce Now');
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
    await clickButton('Exit', await widget());
    expect(await event('onClose', 2)).toEqual({ reason: 'error' });
    await waitForState('closed');
  });

  it('uploads payslips (widgetOptions.enableUpload): uploadsCreated, ARCHIVE_* webhooks; × closes with "close"', async () => {
    await clickButton('Connect another account');
    await clickButton('No payroll login? Upload payslips instead', await widget());
    await waitForHeading('Upload payslips');
    // A file chosen as the picker would: the input's files set, `change` fired.
    await (await widget()).evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('input[name=payslips]')!;
      const chosen = new DataTransfer();
      chosen.items.add(new File(['%PDF-1.4'], 'payslip-2026-10.pdf', { type: 'application/pdf' }));
      input.files = chosen.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await clickButton('Upload', await widget());
    await waitForHeading('1 payslip received');
    const uploads = (await event('onUploadsCreated')) as { userId: string; uploads: Array<{ id: string }> };
    expect(uploads.uploads).toEqual([{ id: expect.stringMatching(/^u-/), type: 'PAYSLIP', state: 'PENDING' }]);
    const started = await webhook('ARCHIVE_STARTED');
    expect(started.data).toEqual({ userId: uploads.userId, archiveId: expect.stringMatching(/^archive-/) });
    expect((await webhook('ARCHIVE_ANALYZED')).data).toEqual(started.data);
    await shot('05-payslips-uploaded');
    await clickButton('Close', await widget());
    expect(await event('onClose', 3)).toEqual({ reason: 'close' });
    await waitForState('closed');
  });

  // A modal makes the page inert, so the page's own controls are used with the inline widget.
  it('reopens inline in manual mode with a fresh token, and refreshes an expired one on request', async () => {
    const before = issued.length;
    await chooseOption(page, 'display', 'inline');
    await chooseOption(page, 'refresh', 'manual');
    await clickButton('Connect another account');
    await waitForHeading('Connect your payroll provider');
    expect(issued.length).toBe(before + 1);
    expect(await count('#inline-slot wink-link[data-mode=inline]')).toBe(1);
    // The account connected earlier is listed by the widget (it lives in the mock Smile API).
    await waitNamed(await widget(), ROLE.button, 'Remove');
    await shot('06-inline-manual');

    await event('onTokenExpired');
    await expect
      .poll(() => page.evaluate(() => document.getElementById('expired-banner')!.checkVisibility()))
      .toBe(true);
    await waitForWidgetText('Session expired, reconnecting…');
    expect(await text('#countdown-caption')).toBe('Token expired');
    expect(issued.length).toBe(before + 1); // manual: nothing is fetched until the page asks
    await shot('07-manual-token-expired');

    await clickButton('Refresh token now');
    await waitForWidgetText('session renewed 1×');
    await waitForWidgetText('Session expired, reconnecting…', false);
    expect(issued.length).toBe(before + 2);

    await clickButton('Remove', await widget());
    const removed = (await event('onAccountRemoved')) as { accountId: string };
    expect(removed).toMatchObject({ providerId: 'gusto' });
    expect(await webhook('ACCOUNT_DISCONNECTED')).toMatchObject({ data: { accountId: removed.accountId } });
    expect(await count('#accounts li.empty')).toBe(1);
    await clickButton('Close widget');
    expect(await event('onClose', 4)).toEqual({ reason: 'host' });
  });

  it('survives simulated trouble in auto mode: revoked token, failed or hanging fetch, machine sleep', async () => {
    await chooseOption(page, 'refresh', 'auto');
    await clickButton('Connect payroll');
    await waitForHeading('Connect your payroll provider');
    // Auto mode also renews every few seconds on its own here, so each step waits for "one more".

    // The Smile API revokes the token: the widget finds out, reports it, gets a fresh one.
    let renewed = await renewals();
    await clickButton(/Expire token now/);
    await event('onTokenExpired', 2);
    await waitForRenewal(renewed);

    // The token endpoint fails once: reported, retried with backoff, recovered.
    await clickButton(/Fail next fetch/);
    renewed = await renewals();
    await clickButton('Refresh token now');
    expect(await event('onError')).toMatchObject({ code: 'FETCH_FAILED' });
    await waitForRenewal(renewed);

    // The token endpoint hangs: the SDK gives up after fetchTimeoutMs (5 s) and retries.
    await clickButton(/Hang next fetch/);
    renewed = await renewals();
    await clickButton('Refresh token now');
    expect(await event('onError', 2)).toMatchObject({ code: 'FETCH_TIMEOUT' });
    await waitForRenewal(renewed);

    // Five minutes of sleep: the SDK notices on the wall clock, and the next token's server
    // time corrects the page's now-wrong clock, so the countdown is sane again.
    renewed = await renewals();
    await clickButton(/Sleep 5 minutes/);
    await event('onTokenExpired', 3);
    await waitForRenewal(renewed);
    // At most the token's life (8 s), plus 1 s: a Date header, hence the skew, has 1-s resolution.
    expect(await text('#countdown-value')).toMatch(/^0:0[1-9]$/);
    await shot('08-inline-auto-after-trouble');
  });

  it('ignores a webhook Smile delivers again (at-least-once), by its id', async () => {
    const received = (await texts(page, '#timeline li[data-name^="webhook "][data-source=server] code'))
      .map((code) => JSON.parse(code) as Partial<Webhook>)
      .filter((e): e is Webhook => typeof e.type === 'string');
    await clickButton(/Redeliver webhook/);
    const duplicate = (await event('webhook duplicate ignored')) as { id: string; eventType: string };
    expect(received.map((e) => e.id)).toContain(duplicate.id);
    // Handled once: no second row for it.
    const again = (await texts(page, '#timeline li[data-name^="webhook "] code')).filter((code) =>
      code.includes(`"id":"${duplicate.id}","version"`),
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
      fetch(`${env.demo.urls.host}api/webhooks/smile`, { method: 'POST', headers, body: forged });
    expect((await post({})).status).toBe(401);
    expect((await post({ 'Smile-Signature': 'f'.repeat(128) })).status).toBe(401);
    expect(await event('webhook refused', 2)).toEqual({ code: 'BAD_SIGNATURE' });
    expect((await texts(page, '#timeline li code')).filter((code) => code.includes('et-forged'))).toEqual([]);
  });

  it('honours widgetOptions.providers (one provider skips the list) and enableSearchBar: false', async () => {
    const other = await env.openHostPage();
    try {
      // The demo's vite server serves the SDK's source, as the host page imports it. (The import
      // is built from a string: vitest would rewrite an import() written in this file.)
      const open = (widgetOptions: Record<string, unknown>) =>
        other.evaluate(
          async ([widgetUrl, widgetOptions]) => {
            const w = window as any;
            const load = new Function('url', 'return import(url)') as (url: string) => Promise<any>;
            const { WinkLink } = await load('/src/host/index.ts');
            w.link?.destroy();
            w.link = WinkLink.open(
              ({ signal }: { signal: AbortSignal }) => fetch('/api/wink/link-token', { method: 'POST', signal }),
              { widgetUrl, widgetOptions },
            );
          },
          [env.demo.urls.widget, widgetOptions] as const,
        );

      await open({ providers: ['paychex', 'gusto'], enableSearchBar: false });
      const both = await widget(other);
      await waitNamed(both, ROLE.heading, 'Connect your payroll provider');
      expect(await texts(both, '.providers .name')).toEqual(['Gusto', 'Paychex Flex']);
      expect(await countNamed(both, ROLE.searchbox)).toBe(0);

      await open({ providers: ['adp'] });
      const one = await widget(other);
      await waitNamed(one, ROLE.heading, 'Sign in to ADP Workforce Now');
      expect(await countNamed(one, ROLE.button, 'All providers')).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('never hands out a token twice, and the mock Smile API refuses a reused one', async () => {
    expect(new Set(issued).size).toBe(issued.length);
    const reuse = await fetch(`${env.demo.urls.api}/widget/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accessToken: issued[0] }),
    });
    expect(reuse.status).toBe(401);
    expect((await reuse.json()).error).toMatch(/TOKEN_(ALREADY_USED|EXPIRED)/);
  });
});
