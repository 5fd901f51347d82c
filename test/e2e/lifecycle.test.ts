// Issue 2, end to end: the script-tag SDK on one origin, the widget on another.
import { describe, expect, it } from 'vitest';
import {
  type Frame,
  host,
  openLink,
  type Page,
  settle,
  useE2E,
  widgetFrame,
  widgetLog,
  widgetSend,
  widgetSendLater,
} from '../support/e2e';

const e2e = useE2E();

async function open(options: Parameters<typeof openLink>[2] = {}): Promise<{ page: Page; frame: Frame }> {
  const page = await e2e.newPage();
  await openLink(page, e2e.origins.widgetUrl, options);
  const frame = await widgetFrame(page, e2e.origins.widget.url);
  return { page, frame };
}

/** Sets a marker in the widget's window: it survives only while that window lives. */
const mark = (frame: Frame) => frame.evaluate(() => ((window as any).marker = 'still here'));
const marker = (frame: Frame) => frame.evaluate(() => (window as any).marker ?? null);

describe('open and init', () => {
  it('opens from the IIFE, answers ready with init carrying the fetched token', async () => {
    const { page, frame } = await open();
    expect(await host.state(page)).toBe('open');
    expect(await host.names(page)).toEqual(['load']);
    const issued = await host.issued(page);
    expect(issued).toHaveLength(1);
    expect(await widgetLog(frame)).toEqual([{ type: 'init', accessToken: issued[0] }]);
    expect(await frame.evaluate(() => window.widget.hostOrigin)).toBe(e2e.origins.host.url);
    expect(await host.mounted(page)).toBe(1);
  });

  it('delivers every widget event to its on… callback, payload intact', async () => {
    const { page, frame } = await open();
    const account = { accountId: 'acc_1', userId: 'user_1', providerId: 'acme_payroll' };
    const sent: Array<[string, unknown]> = [
      ['accountCreated', account],
      ['accountConnected', account],
      ['accountRemoved', account],
      ['accountError', { ...account, errorCode: 'BAD_CREDENTIALS', errorMessage: 'Wrong password' }],
      ['uploadsCreated', { userId: 'user_1', uploads: [{ id: 'up_1', fileName: 'w2.pdf' }] }],
      ['event', { name: 'SCREEN_VIEW', metadata: { screen: 'providers' } }],
    ];
    for (const [type, payload] of sent) expect(await widgetSend(frame, type, payload)).toBe(true);
    await expect.poll(() => host.names(page)).toEqual(['load', ...sent.map(([type]) => type)]);
    const calls = (await host.calls(page)).filter(([name]) => name !== 'stateChange' && name !== 'load');
    expect(calls).toEqual(sent);
    expect(await host.state(page)).toBe('open');
  });
});

describe('token refresh', () => {
  it('auto: refreshes a short token in place before it expires (token message, same window)', async () => {
    const { page, frame } = await open({ lifetimeMs: 3000, refreshLeadMs: 1000 });
    await mark(frame);
    await expect.poll(() => widgetLog(frame).then((log) => log.length), { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    const issued = await host.issued(page);
    const log = await widgetLog(frame);
    expect(log.slice(0, 2)).toEqual([
      { type: 'init', accessToken: issued[0] },
      { type: 'token', accessToken: issued[1] },
    ]);
    expect(await marker(frame)).toBe('still here');
    expect(await host.names(page)).not.toContain('tokenExpired');
    expect(await host.state(page)).toBe('open');
  });

  it('manual: onTokenExpired fires once; ctx.refresh() hands a new token over in place', async () => {
    const { page, frame } = await open({ refresh: 'manual', lifetimeMs: 1200 });
    await mark(frame);
    await expect.poll(() => host.names(page), { timeout: 4000 }).toContain('tokenExpired');
    // The wall clock is re-checked when the page wakes: that must not fire it again.
    await page.evaluate(() => {
      document.dispatchEvent(new Event('visibilitychange'));
      window.dispatchEvent(new Event('focus'));
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    });
    await settle(page);
    expect(await host.issued(page)).toHaveLength(1); // manual: nothing fetched on its own
    await page.evaluate(() => (window as any).expired.refresh());
    const issued = await host.issued(page);
    expect(issued).toHaveLength(2);
    await expect
      .poll(() => widgetLog(frame))
      .toEqual([
        { type: 'init', accessToken: issued[0] },
        { type: 'token', accessToken: issued[1] },
      ]);
    expect(await marker(frame)).toBe('still here');
    expect(await host.state(page)).toBe('open');
    expect((await host.names(page)).filter((n) => n === 'tokenExpired')).toHaveLength(1);
  });
});

describe('close', () => {
  it("closes on the widget's close message, leaving nothing in the DOM", async () => {
    const { page, frame } = await open();
    await widgetSendLater(frame, 'close', {});
    await expect.poll(() => host.state(page)).toBe('closed');
    expect((await host.calls(page)).filter(([n]) => n === 'close')).toEqual([['close', { reason: 'widget' }]]);
    expect(await host.mounted(page)).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('iframe').length)).toBe(0);
  });

  it('closes on link.close(): state, reason, no frame, page usable again', async () => {
    const { page } = await open();
    await page.evaluate(() => (window as any).link.close());
    expect(await host.state(page)).toBe('closed');
    expect((await host.calls(page)).filter(([n]) => n === 'close')).toEqual([['close', { reason: 'host' }]]);
    expect(await host.mounted(page)).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('iframe, [inert]').length)).toBe(0);
  });

  // Chromium serialises a CSSOM-changed style attribute lazily: the restore must not leave a
  // stray `style=""` on <html> behind.
  it('link.close() leaves the document exactly as it was (no stray style attributes)', async () => {
    const page = await e2e.newPage();
    const before = await page.evaluate(() => document.documentElement.outerHTML);
    await openLink(page, e2e.origins.widgetUrl);
    await page.evaluate(() => (window as any).link.close());
    expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(before);
  });
});

describe('inline mode', () => {
  const iframeHeight = (page: Page) =>
    page.evaluate(() =>
      Math.round(
        document.querySelector('wink-link')!.shadowRoot!.querySelector('iframe')!.getBoundingClientRect().height,
      ),
    );

  it('mounts in the container, no modal, and grows with the widget (resize)', async () => {
    const { page, frame } = await open({ container: '#inline' });
    expect(await page.evaluate(() => document.querySelector('#inline > wink-link')?.getAttribute('data-mode'))).toBe(
      'inline',
    );
    expect(
      await page.evaluate(() => document.querySelector('wink-link')!.shadowRoot!.querySelector('[role=dialog]')),
    ).toBeNull();
    expect(await page.evaluate(() => document.querySelectorAll('[inert]').length)).toBe(0);
    await frame.evaluate(() => (document.body.style.height = '900px'));
    await expect.poll(() => iframeHeight(page)).toBe(900);
    await frame.evaluate(() => (document.body.style.height = '1300px'));
    await expect.poll(() => iframeHeight(page)).toBe(1300);
  });

  // Regression (e2e.md #2): the widget helper reported documentElement.scrollHeight, which inside
  // an iframe is never less than the iframe's own height, so an inline frame never shrank.
  it('shrinks with the widget (resize)', async () => {
    const { page, frame } = await open({ container: '#inline' });
    await frame.evaluate(() => (document.body.style.height = '900px'));
    await expect.poll(() => iframeHeight(page)).toBe(900);
    await frame.evaluate(() => (document.body.style.height = '500px'));
    await expect.poll(() => iframeHeight(page), { timeout: 2000 }).toBe(500);
  });
});

describe('iframe reload', () => {
  for (const how of ['location.reload()', 'navigation'] as const) {
    it(`after ${how}, the widget gets a fresh token by a new init, never the old one`, async () => {
      const { page, frame } = await open();
      await mark(frame);
      const first = (await host.issued(page))[0];
      await frame.evaluate((h) => {
        if (h === 'navigation') location.href = `${location.pathname}?again=1`;
        else location.reload();
      }, how);
      // A new window (the marker is gone) whose log has its init.
      await expect.poll(() => marker(frame).catch(() => 'navigating')).toBeNull();
      await expect
        .poll(() =>
          widgetLog(frame)
            .then((l) => l.length)
            .catch(() => 0),
        )
        .toBe(1);
      const issued = await host.issued(page);
      expect(issued).toHaveLength(2);
      expect(await widgetLog(frame)).toEqual([{ type: 'init', accessToken: issued[1] }]);
      expect(issued[1]).not.toBe(first);
      expect(await host.state(page)).toBe('open');
    });
  }
});
