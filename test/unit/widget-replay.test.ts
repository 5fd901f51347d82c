/**
 * Regression tests from the code review: late init/token subscribers on the widget side.
 */
import { describe, expect, it, vi } from 'vitest';
import { connect } from '../../src/widget';
import { makeToken, useHarness } from './harness';

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
    const host = connect({ window: win, autoResize: false });
    const { accessToken, mode, expiresAt } = makeToken();
    win.dispatchEvent(new MessageEvent('message', {
      data: { wink: 1, type: 'init', payload: { accessToken, mode, expiresAt, sdkVersion: 'dev' } },
      origin: HOST, source: parent as never,
    }));
    await Promise.resolve(); // the app subscribes a tick later
    const onInit = vi.fn();
    host.on('init', onInit);
    expect(host.hostOrigin).toBe(HOST); // init WAS accepted…
    expect(onInit).toHaveBeenCalledTimes(1); // …but the app never sees its token
    host.destroy();
  });
});
