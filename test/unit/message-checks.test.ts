// Issue 13 items 2 and 5: the free checks (trusted event, source window, origin) come before
// `event.data` is read at all (in a browser, reading it deserialises the message), and
// listeners get the validated copy, never the object the event carries.
import { describe, expect, it, vi } from 'vitest';
import { connect } from '../../src/widget/index';
import { WIDGET_ORIGIN, deliveredMessage, makeToken, openReady, useHarness, widget } from './harness';

useHarness();

const account = { accountId: 'acc_1', userId: 'usr_1', providerId: 'prv_1' };

/** A message whose `data` counts how often it is read. */
function countingMessage(init: MessageEventInit, trusted = true) {
  const event = trusted ? deliveredMessage(init) : new MessageEvent('message', init);
  const reads = { count: 0 };
  Object.defineProperty(event, 'data', {
    get: () => {
      reads.count++;
      return init.data;
    },
  });
  return { event, reads };
}

async function openWithSpy() {
  const onAccountConnected = vi.fn();
  await openReady(
    vi.fn(async () => makeToken()),
    { onAccountConnected },
  );
  return onAccountConnected;
}

describe('host side', () => {
  it('a synthetic (untrusted) message is ignored, even with the right source, origin and shape', async () => {
    const onAccountConnected = await openWithSpy();
    widget.say('accountConnected', account, { trusted: false });
    expect(onAccountConnected).not.toHaveBeenCalled();
    widget.say('accountConnected', account); // control: the same message, delivered by the browser
    expect(onAccountConnected).toHaveBeenCalledTimes(1);
  });

  it.each<[string, MessageEventInit, boolean]>([
    ['an untrusted message', { origin: WIDGET_ORIGIN }, false],
    ['a message from another window', { origin: WIDGET_ORIGIN, source: window }, true],
    ['a message from another origin', { origin: 'https://evil.example' }, true],
  ])('the data of %s is never read', async (_, init, trusted) => {
    await openWithSpy();
    const data = { wink: 1, type: 'accountConnected', payload: account };
    const { event, reads } = countingMessage({ source: widget.window as never, ...init, data }, trusted);
    window.dispatchEvent(event);
    expect(reads.count).toBe(0);
    // Control: the widget's own message is read, once.
    const control = countingMessage({ source: widget.window as never, origin: WIDGET_ORIGIN, data });
    window.dispatchEvent(control.event);
    expect(control.reads.count).toBe(1);
  });

  it('listeners get a copy: later changes to the event data never reach them', async () => {
    const onAccountConnected = await openWithSpy();
    const payload = { ...account };
    widget.post({ wink: 1, type: 'accountConnected', payload });
    const heard = onAccountConnected.mock.calls[0]![0];
    expect(heard).toEqual(account);
    expect(heard).not.toBe(payload);
    payload.accountId = 'acc_evil'; // other page code mutates event.data afterwards
    expect(heard.accountId).toBe('acc_1');
  });

  it('every value is read once: a getter cannot pass validation and then change', async () => {
    const onAccountConnected = await openWithSpy();
    let reads = 0;
    const payload = {
      ...account,
      get providerId() {
        return ++reads === 1 ? 'prv_1' : { evil: true };
      },
    };
    widget.post({ wink: 1, type: 'accountConnected', payload });
    expect(reads).toBe(1);
    expect(onAccountConnected).toHaveBeenCalledWith(account);
  });
});

describe('widget side (wink-link/widget)', () => {
  const HOST = 'https://host.example';

  function frame(allowedOrigins?: string[]) {
    const parent = { postMessage: vi.fn() };
    const win = Object.assign(new EventTarget(), { parent, document }) as unknown as Window;
    const connection = connect({ window: win, autoResize: false, allowedOrigins });
    const onInit = vi.fn();
    connection.on('init', onInit);
    const { accessToken, mode, expiresAt } = makeToken();
    const data = { wink: 1, type: 'init', payload: { accessToken, mode, expiresAt, sdkVersion: 'dev' } };
    const deliver = (origin: string, source: unknown = parent, trusted = true) => {
      const { event, reads } = countingMessage({ data, origin, source: source as never }, trusted);
      win.dispatchEvent(event);
      return reads.count;
    };
    return { connection, onInit, deliver };
  }

  it('before pinning: the data of an untrusted message, another window or a disallowed origin is never read', () => {
    const { connection, onInit, deliver } = frame([HOST]);
    expect(deliver(HOST, undefined, false)).toBe(0);
    expect(deliver(HOST, window)).toBe(0);
    expect(deliver('https://evil.example')).toBe(0);
    expect(onInit).not.toHaveBeenCalled();
    expect(deliver(HOST)).toBe(1); // control
    expect(connection.hostOrigin).toBe(HOST);
    expect(onInit).toHaveBeenCalledTimes(1);
  });

  it('after pinning: the data of a message from another origin is never read', () => {
    const { onInit, deliver } = frame([HOST, 'https://evil.example']);
    expect(deliver(HOST)).toBe(1); // pins HOST, although the other origin was allowed too
    expect(deliver('https://evil.example')).toBe(0);
    expect(onInit).toHaveBeenCalledTimes(1);
  });
});
