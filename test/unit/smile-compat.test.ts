import { afterEach, describe, expect, it, vi } from 'vitest';
import { SmileLinkModal, type SmileCompatOptions } from '../../src/smile/compat/index';
import { SMILE_CALLS, UI_EVENT } from '../support/smile/fixtures';
import { flush, makeToken, useHarness, widget, WIDGET_URL } from './harness';

useHarness();

const modals: SmileLinkModal[] = [];
afterEach(() => {
  for (const modal of modals.splice(0)) modal.link?.destroy();
});

function modal(options: Partial<SmileCompatOptions> = {}) {
  const created = new SmileLinkModal({
    bridgeUrl: WIDGET_URL,
    fetchToken: async () => makeToken(),
    ...options,
  } as never);
  modals.push(created);
  return created;
}

/** Opens it and plays the bridge page saying `ready`; returns the `init` it was sent. */
async function openReady(created: SmileLinkModal) {
  created.open();
  await flush();
  widget.say('ready');
  await flush();
  return widget.last('init')!.payload;
}

describe('SmileLinkModal (wink-link/smile-compat): options', () => {
  const refused: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'an unknown option (a typo)',
      { onAccountConected: () => {} },
      /Unknown SmileLinkModal option "onAccountConected"/,
    ],
    ['enableSampleModel', { enableSampleModel: true }, /enableSampleModel .* does not forward/],
    ['both userToken and fetchToken', { userToken: 'abc' }, /one of userToken .* or fetchToken/],
    ['neither', { fetchToken: undefined }, /one of userToken .* or fetchToken/],
    ['a callback that is not a function', { onUIEvent: 'log' }, /onUIEvent must be a function/],
    [
      'an http bridgeUrl',
      { bridgeUrl: 'http://bridge.example/smile-bridge.html' },
      /^bridgeUrl must be an absolute https: URL/,
    ],
    [
      '11 topProviders',
      { topProviders: Array.from({ length: 11 }, (_, i) => `p${i}`) },
      /^topProviders must be an array of at most 10/,
    ],
    [
      'a bare token with a bridgeUrl per mode',
      { fetchToken: undefined, userToken: 'abc', bridgeUrl: { SANDBOX: WIDGET_URL, PRODUCTION: WIDGET_URL } },
      /token object/,
    ],
  ];
  it.each(refused)('refuses %s at construction (INVALID_OPTIONS, in its own option names)', (_, options, message) => {
    expect(() => modal(options)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringMatching(message) }),
    );
  });

  it('takes Smile’s widget options flat and forwards them, with templateId, in init', async () => {
    const init = await openReady(
      modal({ templateId: 'wtpl-blue', topProviders: ['upwork'], enableSearchBar: false, companyName: 'Acme' }),
    );
    expect(init).toMatchObject({
      templateId: 'wtpl-blue',
      widgetOptions: { topProviders: ['upwork'], enableSearchBar: false, companyName: 'Acme' },
    });
  });

  it('shows the bridge without wink-link’s card: Smile’s widget is the one dialog', async () => {
    await openReady(modal());
    expect(document.querySelector('wink-link')!.getAttribute('data-chrome')).toBe('none');
  });
});

describe('SmileLinkModal: Smile’s callbacks, from the bridge’s messages', () => {
  it('accounts, uploads and errors arrive with Smile’s payloads', async () => {
    const calls: unknown[][] = [];
    const callbacks = Object.fromEntries(
      SMILE_CALLS.map(([callback]) => [callback, (event: unknown) => calls.push([callback, event])]),
    );
    await openReady(modal(callbacks));
    for (const [, event, payload] of SMILE_CALLS) widget.say(event, payload);
    expect(calls).toEqual(SMILE_CALLS.map(([callback, , payload]) => [callback, payload]));
  });

  it('onUIEvent gets { eventName, …the rest } back from the protocol’s { name, metadata }', async () => {
    const onUIEvent = vi.fn();
    await openReady(modal({ onUIEvent }));
    const { eventName, ...metadata } = UI_EVENT;
    widget.say('event', { name: eventName, metadata });
    expect(onUIEvent).toHaveBeenCalledWith(UI_EVENT);
  });

  it('onTokenExpired is called with nothing, as Smile’s', async () => {
    const onTokenExpired = vi.fn();
    await openReady(modal({ onTokenExpired }));
    widget.say('tokenExpired');
    await flush();
    expect(onTokenExpired).toHaveBeenCalledTimes(1);
    expect(onTokenExpired.mock.calls[0]).toEqual([]);
  });

  it('onClose({ reason }) in Smile’s words; winkReason says who closed it', async () => {
    const onClose = vi.fn();
    for (const close of [
      () => widget.say('close', { reason: 'exit' }),
      () => widget.say('close', { reason: 'error' }),
      () => widget.say('close', { reason: 'close' }),
      () => widget.say('close', { reason: 'escape' }),
      () => document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' })),
    ]) {
      const created = modal({ onClose });
      await openReady(created);
      close();
    }
    const created = modal({ onClose });
    await openReady(created);
    created.close();
    expect(onClose.mock.calls.map(([event]) => event)).toEqual([
      { reason: 'exit', winkReason: 'exit' },
      { reason: 'error', winkReason: 'error' },
      { reason: 'close', winkReason: 'close' },
      { reason: 'close', winkReason: 'escape' },
      { reason: 'close', winkReason: 'escape' },
      { reason: 'close', winkReason: 'host' },
    ]);
  });

  it('a launch that fails closes with reason error, and onError says why', async () => {
    const onClose = vi.fn();
    const onError = vi.fn();
    modal({ fetchToken: async () => Promise.reject(new Error('down')), onClose, onError }).open();
    await flush(200);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'FETCH_FAILED' }));
    expect(onClose).toHaveBeenCalledWith({ reason: 'error', winkReason: 'failed' });
  });
});

describe('SmileLinkModal: tokens', () => {
  it('a bare userToken string is used once, with the documented 5-hour life as its latest expiry', async () => {
    const created = modal({
      fetchToken: undefined,
      userToken: 'smile-access-token',
      apiHost: 'https://link-sandbox.smileapi.io/v1',
    });
    const before = Date.now();
    const init = await openReady(created);
    expect(init).toMatchObject({ accessToken: 'smile-access-token', mode: 'SANDBOX' });
    const life = Date.parse(init.expiresAt as string) - before;
    expect(life).toBeGreaterThan(5 * 3600_000 - 5000);
    expect(life).toBeLessThanOrEqual(5 * 3600_000 + 1000);
    created.close();
    expect(() => created.open()).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringMatching(/single use/) }),
    );
  });

  it('with fetchToken, open() again after a close launches with a fresh token; open() while open does nothing', async () => {
    const created = modal();
    await openReady(created);
    created.open();
    expect(document.querySelectorAll('wink-link')).toHaveLength(1);
    created.close();
    await openReady(created);
    const tokens = widget.tokens();
    expect(tokens).toHaveLength(2);
    expect(new Set(tokens).size).toBe(2);
  });

  it('refresh() hands the open widget a fresh token (the bridge relaunches Smile’s widget with it)', async () => {
    const created = modal();
    await expect(created.refresh()).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    await openReady(created);
    await created.refresh();
    expect(widget.all('token')).toHaveLength(1);
  });
});
