/**
 * The widget side (wink-link/widget): a widget app that subscribes late still gets its token,
 * and the latest one.
 */
import { describe, expect, it, vi } from 'vitest';
import { connect } from '../../src/widget/index';
import { deliveredMessage, makeToken, useHarness } from './harness';

useHarness();

const HOST = 'https://host.example';

describe('a late init subscriber', () => {
  // Was a bug: connect() says `ready` at once, and `init` went only to whoever was subscribed
  // when it arrived. A widget app that subscribes after an await (`const host = connect(); await
  // loadConfig(); host.on('init', …)`) or from a framework effect a tick later never got its
  // token, which the host had already spent: the widget was stuck until the token expired.
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
    expect(host.hostOrigin).toBe(HOST); // init was accepted…
    expect(onInit).toHaveBeenCalledTimes(1); // …and the late subscriber gets it (the bug: never)
    host.destroy();
  });
});

describe('replay to late subscribers', () => {
  // Was a bug: after a `token` replaced the credential of `init`, a late `init` subscriber was
  // replayed the original init, whose token the host had already superseded (and which may have
  // expired). An app that subscribed to `token` before `init` (or handled only `init`) ended up
  // on the stale credential; its server refused it, the widget reported tokenExpired, and the
  // host threw away its current, valid token and spent another. The replayed init carries the
  // latest credential.
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
    expect(current).toBe(second.accessToken); // the bug: the first (superseded)
    host.destroy();
  });
});
