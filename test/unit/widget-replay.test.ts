/**
 * Regression tests from the code review: late init/token subscribers on the widget side.
 */
import { describe, expect, it, vi } from 'vitest';
import { connect } from '../../src/widget/index';
import { deliveredMessage, makeToken, useHarness } from './harness';

useHarness();

const HOST = 'https://host.example';

describe('a late init subscriber', () => {
  // API hazard (widget.ts connect(): `ready` goes out at once and `init` is emitted to whoever is
  // subscribed at that moment; nothing is kept). A widget app that subscribes after an await
  // (`const host = connect(); await loadConfig(); host.on('init', …)`) or from a framework
  // effect that runs a tick later never gets its token — and the host has already marked that
  // single-use token as spent, so the widget is stuck until it expires. The connection should
  // replay the current init (and last token) to late subscribers, or expose it (`host.init`).
  it('an init listener added after init arrived still receives it', async () => {
    const parent = { postMessage: vi.fn() };
    const win = Object.assign(new EventTarget(), { parent, document }) as unknown as Window;
    const host = connect({ window: win, autoResize: false, allowedOrigins: [HOST] });
    const { accessToken, mode, expiresAt } = makeToken();
    win.dispatchEvent(
      deliveredMessage({
        data: { wink: 1, type: 'init', payload: { accessToken, mode, expiresAt, sdkVersion: 'dev' } },
        origin: HOST,
        source: parent as never,
      }),
    );
    await Promise.resolve(); // the app subscribes a tick later
    const onInit = vi.fn();
    host.on('init', onInit);
    expect(host.hostOrigin).toBe(HOST); // init WAS accepted…
    expect(onInit).toHaveBeenCalledTimes(1); // …but the app never sees its token
    host.destroy();
  });
});

describe('replay to late subscribers', () => {
  // Was a bug (widget.ts connect().on: `if (event === 'init' && lastInit) listener(lastInit)`). After a
  // `token` replaced the init's credential, a late `init` subscriber is still replayed the
  // ORIGINAL init payload, whose accessToken the host has already superseded (and which may be
  // expired by now). An app that subscribes to `token` before `init` (or handles only `init`)
  // ends up on the stale credential; its server refuses it, the widget reports tokenExpired,
  // and the host then throws away its current, valid token and spends another. Expected: the
  // replayed init carries the latest credential (lastToken merged into lastInit), or `init` is
  // not replayed once a `token` superseded it.
  it('a late init subscriber is not handed a credential that a later token superseded', async () => {
    const parent = { postMessage: vi.fn() };
    const win = Object.assign(new EventTarget(), { parent, document }) as unknown as Window;
    const host = connect({ window: win, autoResize: false, allowedOrigins: [HOST] });
    const say = (type: string, payload: unknown) =>
      win.dispatchEvent(deliveredMessage({ data: { wink: 1, type, payload }, origin: HOST, source: parent as never }));
    const first = makeToken(60_000);
    const second = makeToken(60_000);
    say('init', { accessToken: first.accessToken, mode: first.mode, expiresAt: first.expiresAt, sdkVersion: 'dev' });
    say('token', { accessToken: second.accessToken, mode: second.mode, expiresAt: second.expiresAt });
    await Promise.resolve(); // the app subscribes a tick later
    let current = '';
    host.on('token', ({ accessToken }) => (current = accessToken));
    host.on('init', ({ accessToken }) => (current = accessToken));
    expect(current).toBe(second.accessToken); // actually: first (superseded)
    host.destroy();
  });
});
