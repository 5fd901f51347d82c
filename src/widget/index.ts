import { createNanoEvents } from 'nanoevents';
import { invalid } from '../shared/errors.js';
import type { HostToWidget, WidgetToHost } from '../shared/messages.js';
import { envelope, listen, post } from '../shared/protocol.js';
import { hostToWidget } from '../shared/schemas.js';

/**
 * wink-link/widget: the widget side of the protocol, for the page inside the iframe.
 * It announces `ready`, accepts `init` only from the host origins it was given, pins the origin
 * of the first one, and from then on talks to that origin only.
 */
export type { HostToWidget, WidgetToHost } from '../shared/messages.js';
export { WinkLinkError, type WinkLinkErrorCode } from '../shared/errors.js';

/** What the host page tells the widget; `connection.on(name, listener)` is typed from this. */
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

/** The value that turns off the origin check, named so that it cannot pass a code review. */
export const UNSAFE_ANY_ORIGIN = 'UNSAFE_local_development_only';

/** `connect()`'s options: `allowedOrigins` is required (or the development opt-out). */
export interface ConnectOptions {
  /**
   * The host origins allowed to initialise this widget (`https://app.example.com`: scheme, host,
   * port; no path). Required: a widget that took `init` from anyone could be framed by any site,
   * handed that site's own token, and made to report the user's accounts to it.
   */
  allowedOrigins?: readonly string[];
  /**
   * Local development only: accept `init` from any origin (the first one is pinned). Never ship
   * it: any site could frame the widget and receive what the user does in it.
   */
  allowAnyOrigin?: typeof UNSAFE_ANY_ORIGIN;
  /** Send `close` when the user presses Escape inside the widget (default true). */
  closeOnEscape?: boolean;
  /** Report the page's height as `resize` for inline mode (default true). */
  autoResize?: boolean;
  /** The window to run in; defaults to the global one. */
  window?: Window;
}

/** The widget's end of the link, from `connect()`. */
export interface WidgetConnection {
  /** Listens to the host (`init`, `token`, `close`); returns the function that unsubscribes. */
  on<E extends keyof WidgetHostEvents>(event: E, listener: WidgetHostEvents[E]): () => void;
  /** Sends a message to the pinned host; false (nothing sent) until `init` arrived. */
  send<K extends Exclude<keyof WidgetToHost, 'ready'>>(type: K, payload: WidgetToHost[K]): boolean;
  /** The pinned host origin, once `init` arrived. */
  readonly hostOrigin: string | null;
  /** Stops listening to the host and drops every listener (Escape, resize, messages). */
  destroy(): void;
}

/** The origins `init` may come from, or null for the development opt-out. Throws on misuse. */
function acceptedOrigins(options: ConnectOptions): ReadonlySet<string> | null {
  const { allowedOrigins, allowAnyOrigin } = options;
  if (allowAnyOrigin !== undefined) {
    if (allowAnyOrigin !== UNSAFE_ANY_ORIGIN) invalid(`allowAnyOrigin must be '${UNSAFE_ANY_ORIGIN}' or left out.`);
    if (allowedOrigins !== undefined) invalid('Pass allowedOrigins or allowAnyOrigin, not both.');
    console.warn(
      `[wink-link/widget] allowAnyOrigin: '${UNSAFE_ANY_ORIGIN}': any site may frame this widget and receive what the user does in it. Use allowedOrigins before you deploy.`,
    );
    return null;
  }
  if (!Array.isArray(allowedOrigins) || allowedOrigins.length === 0) {
    invalid(
      "connect() needs allowedOrigins, the host origins that may open this widget: connect({ allowedOrigins: ['https://app.example.com'] }).",
    );
  }
  for (const [index, origin] of allowedOrigins.entries()) {
    // An origin as `event.origin` spells it; `https://app.example.com/` would never match.
    let parsed: string | undefined;
    try {
      parsed = new URL(origin).origin;
    } catch {}
    if (typeof origin !== 'string' || parsed !== origin) {
      invalid(
        `allowedOrigins[${index}] must be an origin such as https://app.example.com (scheme, host and port; no path or trailing slash), got ${JSON.stringify(String(origin))}.`,
      );
    }
  }
  return new Set(allowedOrigins);
}

/**
 * Connects the widget page to its host. Throws `WinkLinkError` `INVALID_OPTIONS` without
 * `allowedOrigins` (or the explicit development opt-out): it fails closed.
 */
export function connect(options: ConnectOptions): WidgetConnection {
  const accepted = acceptedOrigins(options ?? {});
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
    acceptOrigin: (origin) => (hostOrigin === null ? accepted === null || accepted.has(origin) : origin === hostOrigin),
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

  // The host is not known until `init`: `ready` goes to each allowed origin (the browser drops it
  // unless the parent is one of them; a page framing the widget elsewhere hears nothing), to any
  // only with the development opt-out. Everything after it goes to the pinned origin only.
  if (parent !== win) for (const origin of accepted ?? ['*']) parent.postMessage(envelope('ready', {}), origin);

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
