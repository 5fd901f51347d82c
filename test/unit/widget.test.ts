import { describe, expect, it, vi } from 'vitest';
import { connect, WinkLinkError, type ConnectOptions } from '../../src/widget/index';
import { deliveredMessage, listeners, makeToken, useHarness } from './harness';

useHarness();

const HOST = 'https://host.example';

/** A widget page inside a frame: its own window (an EventTarget) and a parent to talk to. */
function frame(options: Omit<ConnectOptions, 'window'> = {}) {
  const parent = { postMessage: vi.fn() };
  const win = Object.assign(new EventTarget(), { parent, document }) as unknown as Window;
  const connection = connect({ window: win, autoResize: false, allowedOrigins: [HOST], ...options });
  const events = { init: vi.fn(), token: vi.fn(), close: vi.fn() };
  connection.on('init', events.init);
  connection.on('token', events.token);
  connection.on('close', events.close);
  const receive = (type: string, payload: unknown, origin = HOST, source: unknown = parent) =>
    win.dispatchEvent(deliveredMessage({ data: { wink: 1, type, payload }, origin, source: source as never }));
  const posted = () => parent.postMessage.mock.calls.map(([message, target]) => ({ type: message.type, target }));
  return { parent, win, connection, events, receive, posted };
}

function init(extra: Record<string, unknown> = {}) {
  const { accessToken, mode, expiresAt } = makeToken();
  return { accessToken, mode, expiresAt, sdkVersion: 'dev', ...extra };
}

describe('connect() (widget side)', () => {
  it('announces ready to its parent; the only message that may go to any origin', () => {
    const { posted } = frame();
    expect(posted()).toEqual([{ type: 'ready', target: '*' }]);
  });

  it('pins the host origin from the first valid init, then ignores every other origin', () => {
    const { connection, events, receive } = frame();
    expect(connection.hostOrigin).toBeNull();
    const payload = init();
    receive('init', payload);
    expect(connection.hostOrigin).toBe(HOST);
    expect(events.init).toHaveBeenCalledWith(payload);
    receive('init', init(), 'https://evil.example');
    receive('token', init(), 'https://evil.example');
    receive('close', {}, 'https://evil.example');
    expect(events.init).toHaveBeenCalledTimes(1);
    expect(events.token).not.toHaveBeenCalled();
    expect(events.close).not.toHaveBeenCalled();
    expect(connection.hostOrigin).toBe(HOST);
    const { accessToken, mode, expiresAt } = init();
    receive('token', { accessToken, mode, expiresAt });
    receive('close', {});
    expect(events.token).toHaveBeenCalledWith({ accessToken, mode, expiresAt });
    expect(events.close).toHaveBeenCalledTimes(1);
  });

  it('accepts messages only from window.parent', () => {
    const { connection, events, receive } = frame();
    receive('init', init(), HOST, { postMessage() {} });
    receive('init', init(), HOST, null);
    expect(events.init).not.toHaveBeenCalled();
    expect(connection.hostOrigin).toBeNull();
  });

  it('nothing but init counts before init; a malformed init pins nothing', () => {
    const { connection, events, receive } = frame();
    const { accessToken, mode, expiresAt } = init();
    receive('token', { accessToken, mode, expiresAt });
    receive('close', {});
    receive('init', { ...init(), accessToken: '' }, 'https://evil.example');
    receive('init', { ...init(), extra: 1 }, 'https://evil.example');
    expect(connection.hostOrigin).toBeNull();
    expect(events.token).not.toHaveBeenCalled();
    expect(events.close).not.toHaveBeenCalled();
    receive('init', init());
    expect(connection.hostOrigin).toBe(HOST);
  });

  it('without allowedOrigins it refuses to start (INVALID_OPTIONS): no ready, no listener', () => {
    const parent = { postMessage: vi.fn() };
    const win = Object.assign(new EventTarget(), { parent, document }) as unknown as Window;
    const add = vi.spyOn(win, 'addEventListener');
    for (const options of [{}, { allowedOrigins: [] }, undefined]) {
      let error: unknown;
      try {
        connect({ window: win, ...options } as ConnectOptions);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(WinkLinkError);
      expect(error).toMatchObject({ code: 'INVALID_OPTIONS', message: expect.stringContaining('allowedOrigins') });
    }
    expect(() => (connect as (o?: unknown) => unknown)()).toThrow(/allowedOrigins/);
    expect(parent.postMessage).not.toHaveBeenCalled();
    expect(add).not.toHaveBeenCalled();
  });

  it('allowedOrigins must be exact origins: a path, a trailing slash or * is refused, naming the entry', () => {
    for (const bad of ['https://host.example/', 'https://host.example/app', '*', 'host.example', 'null', 42]) {
      expect(() => frame({ allowedOrigins: [HOST, bad as string] })).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringContaining('allowedOrigins[1]') }),
      );
    }
    expect(() => frame({ allowedOrigins: ['http://localhost:5173', 'https://a.example:8443'] })).not.toThrow();
  });

  it("allowAnyOrigin: 'UNSAFE_local_development_only' accepts a first init from anywhere (then pins it), loudly", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { connection, events, receive } = frame({
      allowedOrigins: undefined,
      allowAnyOrigin: 'UNSAFE_local_development_only',
    });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/any site may frame this widget/));
    receive('init', init(), 'https://anyone.example');
    expect(connection.hostOrigin).toBe('https://anyone.example');
    receive('init', init(), HOST);
    expect(events.init).toHaveBeenCalledTimes(1);
    expect(() => frame({ allowAnyOrigin: 'yes' as never, allowedOrigins: undefined })).toThrow(/allowAnyOrigin/);
    expect(() => frame({ allowAnyOrigin: 'UNSAFE_local_development_only' })).toThrow(/not both/);
    warn.mockRestore();
  });

  it('allowedOrigins: only those origins may initialise it', () => {
    const { connection, events, receive } = frame({ allowedOrigins: ['https://shop.example', HOST] });
    receive('init', init(), 'https://evil.example');
    expect(connection.hostOrigin).toBeNull();
    receive('init', init(), 'https://shop.example');
    expect(connection.hostOrigin).toBe('https://shop.example');
    expect(events.init).toHaveBeenCalledTimes(1);
    receive('init', init(), HOST); // allowed, but another origin was pinned
    expect(events.init).toHaveBeenCalledTimes(1);
  });

  it('sends only to the pinned origin, and nothing before init', () => {
    const { connection, receive, parent, posted } = frame();
    parent.postMessage.mockClear();
    expect(connection.send('accountConnected', { accountId: 'a', userId: 'u', providerId: 'p' })).toBe(false);
    expect(parent.postMessage).not.toHaveBeenCalled();
    receive('init', init());
    expect(connection.send('accountConnected', { accountId: 'a', userId: 'u', providerId: 'p' })).toBe(true);
    expect(posted()).toEqual([{ type: 'accountConnected', target: HOST }]);
    expect(parent.postMessage.mock.calls[0]![0]).toEqual({
      wink: 1,
      type: 'accountConnected',
      payload: { accountId: 'a', userId: 'u', providerId: 'p' },
    });
  });

  it('Escape sends close to the host (once initialised; not with closeOnEscape: false)', () => {
    const a = frame();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(a.posted().filter((m) => m.type === 'close')).toEqual([]);
    a.receive('init', init());
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(a.posted().filter((m) => m.type === 'close')).toEqual([{ type: 'close', target: HOST }]);
    a.connection.destroy();
    const b = frame({ closeOnEscape: false });
    b.receive('init', init());
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(b.posted().filter((m) => m.type === 'close')).toEqual([]);
  });

  it('reports its height as resize once initialised (autoResize)', () => {
    let observed: (() => void) | undefined;
    class FakeResizeObserver {
      constructor(callback: () => void) {
        observed = callback;
      }
      observe() {}
      disconnect = vi.fn();
    }
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
    const parent = { postMessage: vi.fn() };
    const win = Object.assign(new EventTarget(), {
      parent,
      document,
      ResizeObserver: FakeResizeObserver,
      scrollY: 0,
      getComputedStyle: window.getComputedStyle.bind(window),
    }) as unknown as Window;
    const connection = connect({ window: win, allowedOrigins: [HOST] });
    expect(observed).toBeUndefined();
    win.dispatchEvent(
      deliveredMessage({
        data: { wink: 1, type: 'init', payload: init() },
        origin: HOST,
        source: parent as never,
      }),
    );
    observed!();
    expect(parent.postMessage).toHaveBeenLastCalledWith(
      { wink: 1, type: 'resize', payload: { height: expect.any(Number) } },
      HOST,
    );
    connection.destroy();
    vi.unstubAllGlobals();
  });

  it('in a top-level window (no parent) it says nothing and accepts nothing', () => {
    const win = new EventTarget() as unknown as Window & { parent: unknown; document: Document };
    Object.assign(win, { document });
    win.parent = win;
    const spy = vi.fn();
    (win as unknown as { postMessage: typeof spy }).postMessage = spy;
    const connection = connect({ window: win, autoResize: false, allowedOrigins: [HOST] });
    const onInit = vi.fn();
    connection.on('init', onInit);
    win.dispatchEvent(
      deliveredMessage({
        data: { wink: 1, type: 'init', payload: init() },
        origin: HOST,
        source: win as never,
      }),
    );
    expect(spy).not.toHaveBeenCalled();
    expect(onInit).not.toHaveBeenCalled();
    connection.destroy();
  });

  it('destroy() removes its listeners: nothing is received or sent after it', () => {
    const { connection, events, receive, win, posted } = frame();
    const remove = vi.spyOn(win, 'removeEventListener');
    connection.destroy();
    expect(remove).toHaveBeenCalledWith('message', expect.any(Function));
    receive('init', init());
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(events.init).not.toHaveBeenCalled();
    expect(posted().map((m) => m.type)).toEqual(['ready']);
    expect(listeners.describe()).toEqual([]);
  });
});
