import { WinkLinkError } from '../shared/errors.js';
import type { CloseReason } from './events.js';
import { mountFrame, type Frame } from './frame.js';
import type { HostToWidget, Message, WidgetToHost } from '../shared/messages.js';
import type { LinkConfig } from './options.js';
import { listen, post } from '../shared/protocol.js';
import { widgetToHost } from '../shared/schemas.js';
import type { LinkToken } from '../shared/token.js';

/**
 * The widget of one launch: its frame on the page and the message channel to it. Loads the
 * widget page (at once, or once the token's mode picks it), accepts only the frame's own,
 * well-formed messages from the widget's origin, sends only to that origin, and gives the
 * page `loadTimeoutMs` to say `ready`.
 */
export interface ChannelHooks {
  onMessage(message: Message<WidgetToHost>): void;
  onDismiss(reason: Extract<CloseReason, 'escape' | 'button'>): void;
  onLoadTimeout(error: WinkLinkError): void;
  log(...args: unknown[]): void;
}

export class WidgetChannel {
  readonly frame: Frame;
  readonly #config: LinkConfig;
  readonly #hooks: ChannelHooks;
  readonly #stopListening: () => void;
  #origin?: string;
  /** With a per-mode widgetUrl: the mode the page was loaded for. */
  #mode?: LinkToken['mode'];
  #cancelLoadTimer?: () => void;

  constructor(config: LinkConfig, hidden: boolean, hooks: ChannelHooks) {
    this.#config = config;
    this.#hooks = hooks;
    const url = typeof config.widgetUrl === 'string' ? config.widgetUrl : undefined;
    const frame = mountFrame(document, {
      container: config.container,
      chrome: config.chrome,
      labels: config.labels,
      hidden,
      // The widget page loads in parallel with the token fetch, unless its URL depends on the mode.
      url,
      onDismiss: hooks.onDismiss,
    });
    this.frame = frame;
    this.#stopListening = listen(window, {
      schemas: widgetToHost,
      source: () => frame.iframe.contentWindow,
      acceptOrigin: (origin) => origin === this.#origin,
      onMessage: hooks.onMessage,
      onDrop: (reason, event) => hooks.log(`dropped a message (${reason}) from ${event.origin}`),
    });
    if (url) this.#watch(url);
  }

  /**
   * With a per-mode widgetUrl, loads the page of the first token's mode; the link then stays in
   * that mode, so a credential never reaches the other environment's widget.
   */
  useMode(mode: LinkToken['mode']) {
    const { widgetUrl } = this.#config;
    if (typeof widgetUrl === 'string') return;
    if (this.#mode === undefined) {
      this.#mode = mode;
      this.frame.load(widgetUrl[mode]);
      this.#watch(widgetUrl[mode]);
    } else if (mode !== this.#mode) {
      throw new WinkLinkError(
        'INVALID_TOKEN',
        `fetchToken returned a ${mode} token, but this link's widget runs in ${this.#mode} mode; open a new link for the other mode.`,
      );
    }
  }

  /** The widget said `ready`: it loaded in time. */
  loaded() {
    this.#cancelLoadTimer?.();
  }

  send<K extends keyof HostToWidget & string>(type: K, payload: HostToWidget[K]) {
    const target = this.frame.iframe.contentWindow;
    if (!target || !this.#origin) return;
    this.#hooks.log('sent', type, payload);
    post<HostToWidget, K>(target, this.#origin, type, payload);
  }

  /** Removes the frame, the listener and the timer. */
  remove() {
    this.#cancelLoadTimer?.();
    this.#stopListening();
    this.frame.remove();
  }

  /** From now on, messages count from `url`'s origin, which must say `ready` in time. */
  #watch(url: string) {
    this.#origin = new URL(url).origin;
    const { loadTimeoutMs } = this.#config;
    const timer = setTimeout(
      () =>
        this.#hooks.onLoadTimeout(
          new WinkLinkError(
            'LOAD_TIMEOUT',
            `The widget at ${url} did not say ready within ${loadTimeoutMs} ms; check widgetUrl and your CSP's frame-src.`,
          ),
        ),
      loadTimeoutMs,
    );
    this.#cancelLoadTimer = () => clearTimeout(timer);
  }
}
