// Issue 5, messages: only the widget's own window, on the widget's origin, is heard by the
// host; only the parent that initialised it is heard by the widget.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type Context,
  countMessages,
  type Frame,
  host,
  openLink,
  type Page,
  useE2E,
  widgetFrame,
  widgetLog,
  widgetSend,
} from '../support/e2e';
import { startOrigin, type Origin } from '../support/servers';

const e2e = useE2E();
let third: Origin;
const BLANK = '<!doctype html><meta charset="utf-8"><title>another frame</title><p>another frame</p>';

beforeAll(async () => {
  third = await startOrigin();
  third.content('/frame', BLANK);
  e2e.origins.host.content('/sibling', BLANK);
  e2e.origins.widget.content('/other', BLANK);
});
afterAll(() => third?.close());

const account = { accountId: 'acc_x', userId: 'user_x', providerId: 'evil' };
const HOST_LOOKALIKES: Array<[string, unknown]> = [
  ['ready', {}],
  ['close', {}],
  ['tokenExpired', {}],
  ['accountCreated', account],
  ['accountConnected', account],
  ['accountRemoved', account],
  ['accountError', { ...account, errorCode: 'X', errorMessage: 'x' }],
  ['uploadsCreated', { userId: 'user_x', uploads: [{ id: 'u' }] }],
  ['event', { name: 'x', metadata: {} }],
  ['resize', { height: 5 }],
  ['error', { code: 'X', message: 'x' }],
];
const token = { accessToken: 'evil-token', mode: 'SANDBOX', expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
const WIDGET_LOOKALIKES: Array<[string, unknown]> = [
  ['init', { ...token, sdkVersion: '9.9.9' }],
  ['token', token],
  ['close', {}],
];

/** Adds iframes to the body of `into` (the host page or one of its frames); returns their Frames. */
async function addFrames(page: Page, into: Context, urls: string[]): Promise<Frame[]> {
  await into.evaluate(
    (list) =>
      Promise.all(
        list.map(
          (url) =>
            new Promise((resolve) => {
              const iframe = document.createElement('iframe');
              iframe.src = url;
              iframe.onload = resolve;
              document.body.append(iframe);
            }),
        ),
      ),
    urls,
  );
  return Promise.all(urls.map((url) => page.frame(url)));
}

/** Posts each message, as a wink envelope, from `from` to the window `to` names there. */
function postFrom(from: Context, to: string, messages: Array<[string, unknown]>) {
  return from.evaluate(
    ([target, list]) => {
      // `target`: 'parent', 'opener', 'self', 'modal' (the modal's iframe, reached through the
      // same-origin parent's open shadow root), or `frames[i]` of the top window.
      const win =
        target === 'parent'
          ? parent
          : target === 'opener'
            ? (opener as Window)
            : target === 'self'
              ? window
              : target === 'modal'
                ? parent.document.querySelector('wink-link')!.shadowRoot!.querySelector('iframe')!.contentWindow!
                : top!.frames[Number(target)]!;
      for (const [type, payload] of list) win.postMessage({ wink: 1, type, payload }, '*');
    },
    [to, messages] as const,
  );
}

it('the host drops look-alikes from a third-origin frame, a same-origin sibling, a widget-origin frame and itself', async () => {
  const page = await e2e.newPage();
  // The SDK's debug log, recorded in the page (WebKit's driver cannot read the console).
  await page.evaluate(() => {
    const w = window as any;
    w.debugLog = [];
    const debug = console.debug;
    console.debug = (...args: unknown[]) => {
      w.debugLog.push(args.join(' '));
      debug(...args);
    };
  });
  const senders = await addFrames(page, page, [
    `${third.url}/frame`,
    `${e2e.origins.host.url}/sibling`,
    `${e2e.origins.widget.url}/other`,
  ]);
  await openLink(page, e2e.origins.widgetUrl, { debug: true });
  const frame = await widgetFrame(page, `${e2e.origins.widget.url}/widget`);
  const seen = await countMessages(page);
  for (const sender of senders) await postFrom(sender, 'parent', HOST_LOOKALIKES);
  await postFrom(page, 'self', HOST_LOOKALIKES);
  const total = HOST_LOOKALIKES.length * (senders.length + 1);
  await expect.poll(seen).toBe(total);

  // Positive control, and a barrier: the real widget's message is heard.
  await widgetSend(frame, 'accountConnected', { accountId: 'acc_1', userId: 'user_1', providerId: 'acme' });
  await expect.poll(() => host.names(page)).toEqual(['load', 'accountConnected']);
  expect((await host.calls(page)).find(([n]) => n === 'accountConnected')![1].accountId).toBe('acc_1');
  expect(await host.state(page)).toBe('open');
  expect(await host.mounted(page)).toBe(1);
  expect(await host.issued(page)).toHaveLength(1); // no `ready`/`tokenExpired` was believed
  expect(await widgetLog(frame)).toEqual([{ type: 'init', accessToken: (await host.issued(page))[0] }]);
  expect(
    await page.evaluate(() => document.querySelector('wink-link')!.shadowRoot!.querySelector('iframe')!.style.height),
  ).toBe('');
  // With debug, each was dropped for its source.
  const debugLog: string[] = await page.evaluate(() => (window as any).debugLog);
  expect(debugLog.filter((t) => t.includes('dropped a message (source)'))).toHaveLength(total);
});

it('the widget ignores init/token/close look-alikes from windows other than its parent, after pinning', async () => {
  const page = await e2e.newPage();
  const [sibling] = await addFrames(page, page, [`${e2e.origins.host.url}/sibling`]);
  await openLink(page, e2e.origins.widgetUrl);
  const frame = await widgetFrame(page, `${e2e.origins.widget.url}/widget`);
  // Windows that can reach the widget: a host-origin sibling (through the open shadow root),
  // frames inside the widget (third origin, widget origin), a popup it opened (third origin).
  const nested = await addFrames(page, frame, [`${third.url}/frame`, `${e2e.origins.widget.url}/other`]);
  const popup = await page.popup(() => frame.evaluate((url) => void window.open(url), `${third.url}/frame?popup`));
  await expect.poll(() => popup.evaluate(() => document.readyState)).toBe('complete');
  const seen = await countMessages(frame);
  await postFrom(sibling!, 'modal', WIDGET_LOOKALIKES);
  for (const child of nested) await postFrom(child, 'parent', WIDGET_LOOKALIKES);
  await postFrom(popup, 'opener', WIDGET_LOOKALIKES);
  await postFrom(frame, 'self', WIDGET_LOOKALIKES);
  await expect.poll(seen).toBe(WIDGET_LOOKALIKES.length * 5);
  const first = (await host.issued(page))[0];
  expect(await widgetLog(frame)).toEqual([{ type: 'init', accessToken: first }]);
  expect(await frame.evaluate(() => window.widget.hostOrigin)).toBe(e2e.origins.host.url);

  // Positive control: the pinned parent is still heard.
  await page.evaluate(() => (window as any).link.refresh());
  await expect.poll(() => widgetLog(frame).then((log) => log.map((e) => e.type))).toEqual(['init', 'token']);
});

it('before pinning, the widget takes init only from its parent', async () => {
  const page = await e2e.newPage();
  // A widget page embedded without the SDK: nobody has initialised it yet.
  const [bare] = await addFrames(page, page, [e2e.origins.widgetUrl]);
  const [sender] = await addFrames(page, page, [`${third.url}/frame`]);
  const seen = await countMessages(bare!);
  await postFrom(sender!, '0', WIDGET_LOOKALIKES);
  await expect.poll(seen).toBe(WIDGET_LOOKALIKES.length);
  expect(await widgetLog(bare!)).toEqual([]);
  expect(await bare!.evaluate(() => window.widget.hostOrigin)).toBeNull();
  // Positive control: the same init from the parent page is taken, and pins its origin.
  await postFrom(page, '0', WIDGET_LOOKALIKES.slice(0, 1));
  await expect.poll(() => widgetLog(bare!)).toEqual([{ type: 'init', accessToken: 'evil-token' }]);
  expect(await bare!.evaluate(() => window.widget.hostOrigin)).toBe(e2e.origins.host.url);
});
