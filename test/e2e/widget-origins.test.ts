// Issue 13 item 1: the widget side fails closed. Another site frames a widget built with
// wink-link/widget and hands it its own token: the widget must neither take that `init` nor
// report the user's accounts to it. On main before this change, connect() took the first init
// from any origin unless `allowedOrigins` was set.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Frame, type Page, pause, useE2E } from '../support/e2e';
import { startOrigin, testWidgetPage, type Origin } from '../support/servers';

const e2e = useE2E();
let attacker: Origin;

beforeAll(async () => {
  attacker = await startOrigin();
  attacker.content('/', '<!doctype html><meta charset="utf-8"><title>attacker</title><h1>Win a prize</h1>');
  // The same test widget, but its page names no host origins: connect() is called bare.
  e2e.origins.widget.content('/widget-defaults', await testWidgetPage(null));
});
afterAll(() => attacker?.close());

/**
 * On the attacker's origin: frames `widgetUrl`, sends it an `init` carrying the attacker's own
 * token once it loads (and in answer to any `ready`, as a host would), and records every message
 * the frame sends up.
 */
async function frameAsAttacker(
  widgetUrl: string,
): Promise<{ page: Page; frame: Frame; heard: () => Promise<string[]> }> {
  const page = await e2e.newPage(); // a fresh context, closed after the test
  await page.goto(attacker.url);
  await page.evaluate((url) => {
    const w = window as any;
    w.heard = [];
    const iframe = document.createElement('iframe');
    iframe.src = url;
    const sendInit = () => {
      const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
      const init = { accessToken: 'attacker-token', mode: 'SANDBOX', expiresAt, sdkVersion: '0.1.0' };
      iframe.contentWindow!.postMessage({ wink: 1, type: 'init', payload: init }, '*');
    };
    window.addEventListener('message', (event) => {
      if (event.source !== iframe.contentWindow) return;
      w.heard.push(event.data?.type);
      if (event.data?.type === 'ready') sendInit();
    });
    iframe.addEventListener('load', () => {
      sendInit();
      w.initSent = true;
    });
    document.body.append(iframe);
  }, widgetUrl);
  const frame = await page.frame(widgetUrl);
  await expect.poll(() => page.evaluate(() => (window as any).initSent)).toBe(true); // the frame has loaded
  return { page, frame, heard: () => page.evaluate(() => (window as any).heard) };
}

it('a widget that names its host origins ignores another site’s init and tells it nothing', async () => {
  const { page, frame, heard } = await frameAsAttacker(e2e.origins.widgetUrl);
  await pause(page, 200);
  expect(await heard()).toEqual([]); // not even `ready`: it goes to the allowed origins only
  // The user acts in the widget: nothing reaches the framing site.
  expect(
    await frame.evaluate(() =>
      window.widget.send('accountConnected', { accountId: 'a', userId: 'u', providerId: 'p' }),
    ),
  ).toBe(false);
  await frame.click('#connect');
  await pause(page, 200);
  expect(await frame.evaluate(() => ({ log: window.widgetLog, origin: window.widget.hostOrigin }))).toEqual({
    log: [],
    origin: null,
  });
  expect(await heard()).toEqual([]);
});

it('a widget built with the defaults refuses to start: no ready, the attacker’s init is never taken', async () => {
  const { page, frame, heard } = await frameAsAttacker(`${e2e.origins.widget.url}/widget-defaults`);
  expect(await frame.evaluate(() => window.connectError)).toEqual({
    code: 'INVALID_OPTIONS',
    message: expect.stringContaining('allowedOrigins'),
  });
  // Post the attacker's init anyway (the widget never said ready): nothing takes it.
  await page.evaluate(() => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const init = { accessToken: 'attacker-token', mode: 'SANDBOX', expiresAt, sdkVersion: '0.1.0' };
    document.querySelector('iframe')!.contentWindow!.postMessage({ wink: 1, type: 'init', payload: init }, '*');
  });
  await pause(page, 200);
  expect(await frame.evaluate(() => window.widgetLog)).toEqual([]);
  expect(await frame.evaluate(() => document.querySelector('#status')!.textContent)).toBe(
    'Not started: INVALID_OPTIONS',
  );
  expect(await heard()).toEqual([]);
});

it('control: the same widget page opens for the host origin it names', async () => {
  const page = await e2e.newPage();
  await page.evaluate((widgetUrl) => (window as any).harness.open({ widgetUrl }), e2e.origins.widgetUrl);
  const frame = await page.frame(e2e.origins.widgetUrl);
  expect(await frame.evaluate(() => [window.widget.hostOrigin, window.widgetLog.map((e) => e.type)])).toEqual([
    e2e.origins.host.url,
    ['init'],
  ]);
});
