/**
 * The bridge (wink-link/smile) in happy-dom: a fake of Smile's SDK that renders into <body> as
 * smile.v2.js would, and a frame whose parent records what the bridge sends.
 */
import { afterEach, expect, vi } from 'vitest';
import { bridgeSmile, type BridgeOptions, type SmileLinkModalOptions } from '../../src/smile/index';
import { deliveredMessage, makeToken } from './harness';

export const HOST = 'https://host.example';

/** A fake of Smile's SDK: records each widget, and renders into <body> as smile.v2.js would. */
export class FakeSmileLinkModal {
  static instances: FakeSmileLinkModal[] = [];
  readonly node = document.createElement('div');
  opened = 0;
  constructor(readonly options: SmileLinkModalOptions) {
    FakeSmileLinkModal.instances.push(this);
  }
  open() {
    this.opened++;
    this.node.dataset.fake = String(FakeSmileLinkModal.instances.indexOf(this));
    document.body.append(this.node);
    document.body.style.overflow = 'hidden'; // a modal's scroll lock
  }
}

const bridges: Array<{ destroy(): void }> = [];

/** Registers the cleanup after each test; call once at the top of a test file. */
export function useBridgeHarness() {
  afterEach(() => {
    for (const running of bridges.splice(0)) running.destroy();
    FakeSmileLinkModal.instances = [];
    document.body.replaceChildren();
    document.body.removeAttribute('style');
    vi.restoreAllMocks();
  });
}

/** The bridge in a frame whose parent records what it is sent. */
export function bridge(options: Partial<BridgeOptions> = {}) {
  const parent = { postMessage: vi.fn() };
  const win = Object.assign(new EventTarget(), { parent, document }) as unknown as Window;
  const running = bridgeSmile({
    allowedOrigins: [HOST],
    SmileLinkModal: FakeSmileLinkModal as never,
    window: win,
    ...options,
  });
  bridges.push(running);
  const receive = (type: string, payload: unknown) =>
    win.dispatchEvent(deliveredMessage({ data: { wink: 1, type, payload }, origin: HOST, source: parent as never }));
  const sent = () =>
    parent.postMessage.mock.calls
      .filter(([message]) => message.type !== 'ready')
      .map(([message, target]) => {
        expect(target).toBe(HOST);
        return [message.type, message.payload];
      });
  const init = (extra: Record<string, unknown> = {}) => {
    const { accessToken, mode, expiresAt } = makeToken();
    receive('init', { accessToken, mode, expiresAt, sdkVersion: 'dev', ...extra });
    return accessToken;
  };
  const token = () => {
    const { accessToken, mode, expiresAt } = makeToken();
    receive('token', { accessToken, mode, expiresAt });
    return accessToken;
  };
  return { win, running, receive, sent, init, token, widget: () => FakeSmileLinkModal.instances.at(-1)! };
}
