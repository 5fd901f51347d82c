/**
 * wink-link: launch the Smile API's Wink Widget and keep its single-use Link token fresh.
 * Importing this module has no side effects and needs no `window`.
 */
import { WinkLinkError } from '../shared/errors.js';
import type { Link, PreparedLink } from './handle.js';
import { LinkSession } from './session.js';
import { normalizeOptions, type WinkLinkOptions } from './options.js';
import type { TokenSource } from './timed-token.js';
import { SDK_VERSION } from '../shared/version.js';

function session(fetchToken: TokenSource, options: WinkLinkOptions, hidden: boolean): LinkSession {
  if (typeof window === 'undefined' || typeof document === 'undefined') {
    throw new WinkLinkError(
      'NOT_IN_BROWSER',
      'WinkLink needs a browser page; call it from client-side code, not during server rendering.',
    );
  }
  if (!document.body) {
    throw new WinkLinkError(
      'NOT_IN_BROWSER',
      "WinkLink needs the page's <body>: call it on a click or after DOMContentLoaded, not from a script in <head>.",
    );
  }
  // The oldest browsers that parse this bundle but lack `inert` would show a modal whose page
  // behind stays reachable: refused here, before anything is mounted (docs/guide/browsers.md).
  if (!('inert' in HTMLElement.prototype)) {
    throw new WinkLinkError(
      'UNSUPPORTED_BROWSER',
      'WinkLink needs HTMLElement.inert (Chrome/Edge 102, Firefox 112, Safari 16 or later).',
    );
  }
  return new LinkSession(normalizeOptions(fetchToken, options), hidden);
}

/**
 * Mounts the widget (a modal, or inline in `options.container`) and hands it a Link token.
 *
 * @param fetchToken - `({ signal }) => Promise<LinkToken | Response>`, called whenever a fresh
 *   token is needed (each launch, refresh and iframe reload), or one token object (then the
 *   link refreshes only when you hand it the next one: `refresh: 'manual'`).
 * @param options - `widgetUrl` and the rest: see {@link WinkLinkOptions}.
 * @returns The link at once; `link.ready` settles when the widget is showing with its token.
 * @throws {@link WinkLinkError} `INVALID_OPTIONS` (an argument it cannot use, named in the
 *   message) or `NOT_IN_BROWSER` (no `window`, or no `<body>` yet), before anything happens.
 *
 * @example
 * ```ts
 * const link = WinkLink.open(({ signal }) => fetch('/api/wink/link-token', { method: 'POST', signal }), {
 *   widgetUrl: 'https://widget.wink.example/link',
 *   onAccountConnected: ({ accountId }) => console.log('connected', accountId),
 * });
 * ```
 */
function open(fetchToken: TokenSource, options: WinkLinkOptions): Link {
  return session(fetchToken, options, false);
}

/**
 * Loads the widget and its token out of sight, so that `prepared.open()` shows it at once
 * (e.g. call it when the page loads, open on the Connect click). Takes the same arguments as
 * {@link WinkLink.open}, and throws the same errors. While out of sight, auto refresh pauses.
 */
function prepare(fetchToken: TokenSource, options: WinkLinkOptions): PreparedLink {
  return session(fetchToken, options, true);
}

/**
 * The SDK: `WinkLink.open` and `WinkLink.prepare` start a link; `WinkLink.version` is this
 * package's version. From the script tag, the same object is the global `WinkLink` (with
 * `WinkLinkError` on it).
 *
 * @namespace
 */
export const WinkLink = { open, prepare, version: SDK_VERSION };

export { WinkLinkError };
export type { WinkLinkErrorCode } from '../shared/errors.js';
export type { Link, PreparedLink } from './handle.js';
export type { WinkLinkOptions } from './options.js';
export type { LinkToken } from '../shared/token.js';
export type { TokenFetcher, TokenSource } from './timed-token.js';
export type { RetryPolicy } from './fetch-token.js';
export type {
  AccountErrorEvent,
  AccountEvent,
  CloseEvent,
  CloseReason,
  LinkEventName,
  LinkEvents,
  LinkState,
  SmileAccountErrorCode,
  StateChangeEvent,
  TokenExpiredEvent,
  Upload,
  UploadsEvent,
  WidgetCloseReason,
  WidgetEvent,
  WidgetOptions,
} from './events.js';
