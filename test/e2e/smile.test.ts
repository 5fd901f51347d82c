// Issue 11: Smile's own widget (here the stand-in SDK, test/support/smile/stand-in.ts) driven
// through the wink-link/smile bridge page, in each engine, with the host page, the bridge page
// and "Smile" on three origins. Screenshots go to test-artifacts/smile/.
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { host, modalGeometry, openLink, type OpenOptions, type Page, pause } from '../support/e2e';
import {
  bridgeFrame,
  mountedStandIns,
  notice,
  pressEscapeOn,
  shown,
  standIns,
  trigger,
  useSmileE2E,
} from '../support/smile/e2e';
import { ACCOUNT, SMILE_CALLS, UI_EVENT } from '../support/smile/fixtures';

const e2e = useSmileE2E();
const SHOTS = 'test-artifacts/smile';
beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

async function openSmile(options: OpenOptions = {}, widgetUrl = e2e.smile.bridgeUrl) {
  const page = await e2e.newPage('/', { viewport: { width: 1024, height: 720 } });
  await openLink(page, widgetUrl, { chrome: 'none', ...options });
  return { page, frame: await bridgeFrame(page, e2e.smile.bridge.url) };
}

const shot = (page: Page, name: string) => page.screenshot(`${SHOTS}/${name}-${page.engine}.png`);

const calls = (page: Page, ...names: string[]) =>
  host.calls(page).then((list) => list.filter(([name]) => names.includes(name)));

describe('the Smile bridge', () => {
  it('hands the token, template and widget options to Smile’s widget, shown as the one dialog', async () => {
    const { page, frame } = await openSmile({ templateId: 'wtpl-blue', widgetOptions: { topProviders: ['upwork'] } });
    const issued = await host.issued(page);
    await expect
      .poll(() => standIns(frame))
      .toEqual([{ userToken: issued[0], templateId: 'wtpl-blue', topProviders: ['upwork'], opened: 1 }]);
    // wink-link's frame fills the viewport with no card of its own: Smile's modal is the dialog.
    const geometry = await modalGeometry(page);
    expect(geometry.iframe).toEqual({ x: 0, y: 0, width: 1024, height: 720 });
    expect(geometry.centreHitsIframe).toBe(true);
    const painted = await page.evaluate(() => {
      const root = document.querySelector('wink-link')!.shadowRoot!;
      const paint = (selector: string) => getComputedStyle(root.querySelector(selector)!);
      return [paint('.backdrop').backgroundColor, paint('.dialog').backgroundColor, paint('.dialog').boxShadow];
    });
    expect(painted).toEqual(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)', 'none']);
    await shown(frame, '[data-stand-in=provider]');
    await shot(page, 'bridge-chrome-none');
  });

  it('while the bridge page loads, wink-link dims the page and shows its loading status (no card)', async () => {
    e2e.smile.bridge.content('/silent', '<!doctype html><meta charset="utf-8"><title>never ready</title>');
    const page = await e2e.newPage('/', { viewport: { width: 1024, height: 720 } });
    await page.evaluate((o) => void (window as any).harness.open(o).catch(() => {}), {
      widgetUrl: `${e2e.smile.bridge.url}/silent`,
      chrome: 'none',
    });
    const status = () =>
      page.evaluate(() => Boolean(document.querySelector('wink-link')?.shadowRoot?.querySelector('[role=status]')));
    await expect.poll(status).toBe(true);
    await pause(page, 500); // past the spinner's delay
    const look = await page.evaluate(() => {
      const el = document.querySelector('wink-link')!.shadowRoot!.querySelector('[role=status]')!;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return { background: style.backgroundColor, color: style.color, width: box.width, height: box.height };
    });
    expect(look).toEqual({
      background: 'rgba(15, 23, 42, 0.55)',
      color: 'rgb(255, 255, 255)',
      width: 1024,
      height: 720,
    });
    await shot(page, 'bridge-chrome-none-loading');
  });

  it('for contrast: the default card around Smile’s modal is a dialog inside a dialog', async () => {
    const { page, frame } = await openSmile({ chrome: 'card' });
    await shown(frame, '[data-stand-in=provider]');
    expect((await modalGeometry(page)).iframe.width).toBeLessThan(1024);
    await shot(page, 'bridge-chrome-card');
  });

  it('each of Smile’s callbacks reaches the host’s typed event', async () => {
    const { page, frame } = await openSmile();
    await expect.poll(() => standIns(frame).then((w) => w.length)).toBe(1);
    for (const [callback, , payload] of SMILE_CALLS) await trigger(frame, callback, payload);
    await trigger(frame, 'onAccountConnected', { ...ACCOUNT, status: 'CONNECTED' }); // an extra field costs nothing
    await trigger(frame, 'onUIEvent', UI_EVENT);
    const { eventName, ...metadata } = UI_EVENT;
    const expected = [
      ...SMILE_CALLS.map(([, event, payload]) => [event, payload]),
      ['accountConnected', ACCOUNT],
      ['event', { name: eventName, metadata }],
    ];
    const names = expected.map(([name]) => name as string);
    // The stand-in's own first screen reported ProviderListPageOpened before these.
    await expect.poll(() => calls(page, ...names).then((list) => list.slice(-expected.length))).toEqual(expected);
    // The user's own path through the widget: provider, sign in, connected, Done.
    await frame.click('[data-stand-in=provider]');
    await frame.click('[data-stand-in=sign-in]');
    await frame.click('[data-stand-in=done]');
    await expect.poll(() => host.state(page)).toBe('closed');
    const flow = (await calls(page, 'accountCreated', 'accountConnected', 'event', 'close')).slice(-5);
    expect(flow.map(([name, payload]) => (name === 'event' ? payload.name : name))).toEqual([
      'LoginPageOpened',
      'accountCreated',
      'accountConnected',
      'ConnectSuccessPageOpened',
      'close',
    ]);
    expect(flow.at(-1)).toEqual(['close', { reason: 'exit' }]);
    expect(await host.mounted(page)).toBe(0);
  });

  it('auto refresh relaunches Smile’s widget with each new token, never one twice; so does Smile’s onTokenExpired', async () => {
    const { page, frame } = await openSmile({ lifetimeMs: 3000, refreshLeadMs: 1000 });
    await expect.poll(() => standIns(frame).then((w) => w.length), { timeout: 5000 }).toBe(2);
    await trigger(frame, 'onTokenExpired');
    await expect.poll(() => standIns(frame).then((w) => w.length), { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    const widgets = await standIns(frame);
    const issued = await host.issued(page);
    expect(widgets.map((w) => w.userToken)).toEqual(issued.slice(0, widgets.length));
    expect(new Set(widgets.map((w) => w.userToken)).size).toBe(widgets.length);
    // Only the latest widget is on the page; the old ones' DOM is gone.
    expect(await mountedStandIns(frame)).toEqual([String(widgets.length - 1)]);
    expect((await host.names(page)).filter((n) => n === 'tokenExpired')).toHaveLength(1);
    expect(await host.state(page)).toMatch(/open|refreshing/);
  });

  // Two tests, one page each: WebKitWebDriver holds one session (page) at a time.
  it('Escape inside Smile’s widget closes the link', async () => {
    const { page, frame } = await openSmile();
    await pressEscapeOn(page, frame, '[data-stand-in=provider]');
    await expect.poll(() => calls(page, 'close')).toEqual([['close', { reason: 'escape' }]]);
    expect(await host.mounted(page)).toBe(0);
  });

  it('Smile’s × closes the link', async () => {
    const { page, frame } = await openSmile();
    await frame.click('[data-stand-in=close]');
    await expect.poll(() => calls(page, 'close')).toEqual([['close', { reason: 'close' }]]);
    expect(await host.mounted(page)).toBe(0);
  });

  it('a missing Smile script is a clear error to the host and a notice in the frame, never a blank frame', async () => {
    const url = e2e.smile.variant('no-sdk', { sdkUrl: `${e2e.smile.smile.url}/v2/not-there.js` });
    const { page, frame } = await openSmile({}, url);
    await expect
      .poll(() => calls(page, 'error'))
      .toEqual([
        [
          'error',
          {
            code: 'WIDGET_ERROR',
            message: expect.stringMatching(
              /^The widget reported SMILE_SDK_MISSING: Smile's widget script \(smile\.v2\.js\) did not load/,
            ),
          },
        ],
      ]);
    await notice(frame, 'Account linking is unavailable');
    await shot(page, 'bridge-sdk-missing');
    await frame.click('[role=alertdialog] button'); // its one button, Close
    await expect.poll(() => calls(page, 'close')).toEqual([['close', { reason: 'error' }]]);
  });

  it('a bridge page with no allowed origins set says so and never talks to the host', async () => {
    const url = e2e.smile.variant('unset', { allowedOrigins: [] });
    const page = await e2e.newPage();
    await page.evaluate((o) => void (window as any).harness.open(o).catch(() => {}), {
      widgetUrl: url,
      chrome: 'none',
      loadTimeoutMs: 6000,
    });
    const frame = await bridgeFrame(page, e2e.smile.bridge.url);
    await notice(frame, 'This page is not set up');
    expect(await standIns(frame)).toEqual([]); // Smile's script loaded, but no token ever came
    await expect
      .poll(() => calls(page, 'error'), { timeout: 10_000 })
      .toEqual([['error', { code: 'LOAD_TIMEOUT', message: expect.any(String) }]]);
  });
});
