import { createNanoEvents } from 'nanoevents';
import type { HostToWidget, WidgetToHost } from '../shared/messages.js';
import { envelope, listen, post } from '../shared/protocol.js';
import { hostToWidget } from '../shared/schemas.js';

/**
 * wink-link/widget: the widget side of the protocol, for the page inside the iframe.
 * It announces `ready`, pins the host's origin from the first valid `init`, and from then on
 * talks to that origin only.
 */
export type { HostToWidget, WidgetToHost } from '../shared/messages.js';

export interface WidgetHostEvents {
  /** The host handed over a token (first load, or after the iframe reloaded). A listener added
   * later gets the current one at once. */
  init: (payload: HostToWidget['init']) => void;
  /** A fresh token, in place: keep the user where they are and use it from now on. A listener
   * added later gets the latest one at once. */
  token: (payload: HostToWidget['token']) => void;
  /** The host is closing the widget. */
  close: () => void;
}

export interface ConnectOptions {
  /** Host origins allowed to initialise this widget. Default: any (pinned at first `init`). */
  allowedOrigins?: string[];
  /** Send `close` when the user presses Escape inside the widget (default true). */
  closeOnEscape?: boolean;
  /** Report the page's height as `resize` for inline mode (default true). */
  autoResize?: boolean;
  /** The window to run in; defaults to the global one. */
  window?: Window;
}

export interface WidgetConnection {
  on<E extends keyof WidgetHostEvents>(event: E, listener: WidgetHostEvents[E]): () => void;
  /** Sends a message to the pinned host; false (nothing sent) until `init` arrived. */
  send<K extends Exclude<keyof WidgetToHost, 'ready'>>(type: K, payload: WidgetToHost[K]): boolean;
  /** The pinned host origin, once `init` arrived. */
  readonly hostOrigin: string | null;
  destroy(): void;
}

export function connect(options: ConnectOptions = {}): WidgetConnection {
  const win = options.window ?? window;
  const parent = win.parent;
  const emitter = createNanoEvents<WidgetHostEvents>();
  let hostOrigin: string | null = null;
  let resizeObserver: ResizeObserver | undefined;
  // The latest init and token, replayed to late subscribers: the token is single use, so a
  // widget app that subscribes after an await must still get the one it was sent.
  let lastInit: HostToWidget['init'] | undefined;
  let lastToken: HostToWidget['token'] | undefined;

  const send: WidgetConnection['send'] = (type, payload) => {
    // `ready` is the helper's own: sent again, it would read as a reload and spend a token.
    if (hostOrigin === null || (type as string) === 'ready') return false;
    post<WidgetToHost, typeof type>(parent, hostOrigin, type, payload);
    return true;
  };

  const stopListening = listen(win, {
    schemas: hostToWidget,
    source: () => (parent === win ? null : parent),
    acceptOrigin: (origin) =>
      hostOrigin === null ? !options.allowedOrigins || options.allowedOrigins.includes(origin) : origin === hostOrigin,
    onMessage(message, origin) {
      // Until a host is pinned, only its `init` counts.
      if (hostOrigin === null && message.type !== 'init') return;
      if (message.type === 'init') {
        hostOrigin = origin;
        lastInit = message.payload;
        lastToken = undefined;
        emitter.emit('init', message.payload);
        startResizeReports();
      } else if (message.type === 'token') {
        lastToken = message.payload;
        // A late init subscriber must start from the latest credential, not a superseded one.
        if (lastInit) lastInit = { ...lastInit, ...message.payload };
        emitter.emit('token', message.payload);
      } else {
        emitter.emit('close');
      }
    },
  });

  // Escape inside the cross-origin frame never reaches the host page's key handler.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && options.closeOnEscape !== false) send('close', { reason: 'escape' });
  };
  win.document.addEventListener('keydown', onKeyDown);

  function startResizeReports() {
    if (options.autoResize === false || resizeObserver || !('ResizeObserver' in win)) return;
    // The content's height, not the root's scrollHeight: that never drops below the frame's
    // own height, so an inline frame could grow but never shrink.
    const { body } = win.document;
    const report = () => {
      const margin = parseFloat(win.getComputedStyle(body).marginBottom) || 0;
      send('resize', { height: Math.ceil(body.getBoundingClientRect().bottom + margin + win.scrollY) });
    };
    resizeObserver = new ResizeObserver(report);
    resizeObserver.observe(body);
  }

  // `ready` carries no data, and the host origin is unknown until `init`: the one message
  // that may go to any origin. Everything after it goes to the pinned origin only.
  if (parent !== win) parent.postMessage(envelope('ready', {}), '*');

  return {
    on(event, listener) {
      const unsubscribe = emitter.on(event, listener);
      if (event === 'init' && lastInit) (listener as WidgetHostEvents['init'])(lastInit);
      if (event === 'token' && lastToken) (listener as WidgetHostEvents['token'])(lastToken);
      return unsubscribe;
    },
    send,
    get hostOrigin() {
      return hostOrigin;
    },
    destroy() {
      stopListening();
      win.document.removeEventListener('keydown', onKeyDown);
      resizeObserver?.disconnect();
      emitter.events = {};
    },
  };
}
