/**
 * Every failure wink-link reports is a `WinkLinkError`: a stable `code` to branch on, a
 * message that says what to fix, and the underlying `cause` when there is one.
 */
export type WinkLinkErrorCode =
  /** `fetchToken` returned something that is not a valid, fresh Link token. */
  | 'INVALID_TOKEN'
  /** The token expired before the widget could use it, and fetching a new one did not help. */
  | 'TOKEN_EXPIRED'
  /** `fetchToken` threw or rejected. */
  | 'FETCH_FAILED'
  /** `fetchToken` took longer than `fetchTimeoutMs`. */
  | 'FETCH_TIMEOUT'
  /** The widget did not announce itself within `loadTimeoutMs`. */
  | 'LOAD_TIMEOUT'
  /** `WinkLink.open` (or `refresh`) was called with arguments it cannot use. */
  | 'INVALID_OPTIONS'
  /** `open` was called where there is no `window` / `document` (SSR, Node). */
  | 'NOT_IN_BROWSER'
  /** The browser lacks a feature wink-link needs (named in the message); see docs/guide/browsers.md. */
  | 'UNSUPPORTED_BROWSER'
  /** The link was destroyed while this work was pending. */
  | 'DESTROYED'
  /** The link was closed (by the user, the widget or the host) before this work finished: the
   * widget was not ready yet (`ready`), or a `refresh()` was under way or waiting. */
  | 'CLOSED'
  /** The widget reported an error of its own. */
  | 'WIDGET_ERROR'
  /** One of your event listeners threw; wink-link carried on. */
  | 'LISTENER_FAILED';

/**
 * The error wink-link reports, rejects and throws: branch on `code` (each code has its own
 * page in the docs: what happened, the likely cause, the fix); the message says what to fix
 * and never contains a token; `cause` is what your own code (or the browser) threw, if anything.
 */
export class WinkLinkError extends Error {
  /** Stable: safe to branch on and to count in your monitoring. */
  readonly code: WinkLinkErrorCode;

  constructor(code: WinkLinkErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'WinkLinkError';
    this.code = code;
  }
}

/** A misuse of an API call: INVALID_OPTIONS, with a message that says what to fix. */
export function invalid(message: string): never {
  throw new WinkLinkError('INVALID_OPTIONS', message);
}

/** Wraps anything thrown into a WinkLinkError, keeping one that already is. */
export function toWinkLinkError(error: unknown, code: WinkLinkErrorCode, message: string): WinkLinkError {
  return error instanceof WinkLinkError ? error : new WinkLinkError(code, message, error);
}
