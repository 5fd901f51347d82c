// wink-link/smile-compat by script tag (dist/smile-compat.iife.js): a page written for Smile's
// SDK, with one script tag swapped and `bridgeUrl` added, gets the same callbacks with Smile's
// names and payloads, plus token refresh.
import { beforeAll, expect, it } from 'vitest';
import type { Page } from '../support/e2e';
import { bridgeFrame, pressEscapeOn, standIns, trigger, useSmileE2E } from '../support/smile/e2e';
import { ACCOUNT, SMILE_CALLS, UI_EVENT } from '../support/smile/fixtures';

const e2e = useSmileE2E();

beforeAll(() => {
  const { host } = e2e.origins;
  host.route('/smile-compat.iife.js', 'dist/smile-compat.iife.js');
  host.content(
    '/compat',
    '<!doctype html><meta charset="utf-8"><title>Smile page</title><script src="/smile-compat.iife.js"></script>',
  );
});

/**
 * Opens `new SmileLinkModal({...})` the way Smile's docs write it, recording every callback but
 * those named in `without` (left out of the options, as a page that does not pass them).
 */
async function openCompat(without: string[] = []): Promise<Page> {
  const page = await e2e.newPage('/compat');
  await page.evaluate(
    ({ bridgeUrl, without }) => {
      const w = window as any;
      w.compatCalls = [];
      w.issued = [];
      let n = 0;
      const record = (name: string) => (event?: unknown) =>
        w.compatCalls.push(event === undefined ? [name] : [name, event]);
      const options: Record<string, unknown> = {
        bridgeUrl,
        fetchToken: async () => {
          const token = {
            accessToken: `smile-${++n}.${crypto.randomUUID()}`,
            mode: 'SANDBOX',
            expiresAt: new Date(Date.now() + 60_000).toISOString(),
          };
          w.issued.push(token.accessToken);
          return token;
        },
        templateId: 'wtpl-blue',
        enableUpload: true,
        onAccountCreated: record('onAccountCreated'),
        onAccountConnected: record('onAccountConnected'),
        onAccountRemoved: record('onAccountRemoved'),
        onAccountError: record('onAccountError'),
        onUploadsCreated: record('onUploadsCreated'),
        onUploadsRemoved: record('onUploadsRemoved'),
        onTokenExpired: record('onTokenExpired'),
        onUIEvent: ({ eventName }: { eventName: string }) => w.compatCalls.push(['onUIEvent', eventName]),
        onClose: record('onClose'),
      };
      for (const name of without) delete options[name];
      w.modal = new w.SmileLinkModal(options);
      w.modal.open();
    },
    { bridgeUrl: e2e.smile.bridgeUrl, without },
  );
  return page;
}

const compatCalls = (page: Page) => page.evaluate(() => (window as any).compatCalls);
const issued = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).issued);

it('the user’s path through Smile’s widget, with Smile’s callback names, through to onClose({ reason })', async () => {
  const page = await openCompat();
  const frame = await bridgeFrame(page, e2e.smile.bridge.url);
  await expect
    .poll(() => standIns(frame))
    .toEqual([{ userToken: (await issued(page))[0], templateId: 'wtpl-blue', topProviders: undefined, opened: 1 }]);
  await frame.click('[data-stand-in=provider]');
  await frame.click('[data-stand-in=sign-in]');
  await frame.click('[data-stand-in=done]');
  await expect
    .poll(() => compatCalls(page))
    .toEqual([
      ['onUIEvent', 'ProviderListPageOpened'],
      ['onUIEvent', 'LoginPageOpened'],
      ['onAccountCreated', ACCOUNT],
      ['onAccountConnected', ACCOUNT],
      ['onUIEvent', 'ConnectSuccessPageOpened'],
      ['onClose', { reason: 'exit', winkReason: 'exit' }],
    ]);
  expect(await page.evaluate(() => document.querySelectorAll('wink-link').length)).toBe(0);
});

it('every other callback keeps Smile’s payload; onTokenExpired relaunches with a fresh token', async () => {
  const page = await openCompat(['onUIEvent']);
  const frame = await bridgeFrame(page, e2e.smile.bridge.url);
  await expect.poll(() => standIns(frame).then((w) => w.length)).toBe(1);
  for (const [callback, , payload] of SMILE_CALLS) await trigger(frame, callback, payload);
  await trigger(frame, 'onUIEvent', UI_EVENT); // no onUIEvent given: nothing to call
  await trigger(frame, 'onTokenExpired');
  await expect.poll(() => standIns(frame).then((w) => w.length)).toBe(2);
  expect(await compatCalls(page)).toEqual([
    ...SMILE_CALLS.map(([callback, , payload]) => [callback, payload]),
    ['onTokenExpired'],
  ]);
  const tokens = (await standIns(frame)).map((w) => w.userToken);
  expect(tokens).toEqual(await issued(page));
  expect(new Set(tokens).size).toBe(2);
});

it('Escape closes it (onClose reason close); open() again starts over with a new token', async () => {
  const page = await openCompat(['onUIEvent']);
  let frame = await bridgeFrame(page, e2e.smile.bridge.url);
  await pressEscapeOn(page, frame, '[data-stand-in=provider]');
  await expect.poll(() => compatCalls(page)).toEqual([['onClose', { reason: 'close', winkReason: 'escape' }]]);
  await page.evaluate(() => (window as any).modal.open());
  frame = await bridgeFrame(page, e2e.smile.bridge.url);
  await expect.poll(() => standIns(frame).then((w) => w.map((x) => x.userToken))).toEqual([(await issued(page))[1]]);
});
