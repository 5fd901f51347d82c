import type { LinkToken } from './token.js';

/**
 * The payload of every protocol message, by type. Plain types (no validator in the shipped
 * .d.ts); src/shared/schemas.ts checks at compile time that its schemas parse to exactly these.
 * The widget → host payloads follow the callbacks of Smile's own widget SDK (SmileAPI/smile-openapi,
 * docs/english/api-reference/Chapter-3.md "Client SDK callbacks"; docs/english/Chapter-4.md).
 */
type Empty = Record<string, never>;

/** What the widget reports about an account (Smile's onAccountCreated / Connected / Removed). */
export interface AccountEvent {
  accountId: string;
  userId: string;
  providerId: string;
}

/**
 * The `errorCode`s Smile documents for onAccountError (SmileAPI/smile-openapi
 * docs/english/Chapter-4.md, "Account errors"). Any other string is passed on too: Smile may add codes.
 */
export type SmileAccountErrorCode =
  | 'ACCOUNT_DISABLED'
  | 'ACCOUNT_INACCESSIBLE'
  | 'ACCOUNT_INCOMPLETE'
  | 'ACCOUNT_LOCKED'
  | 'AUTH_REQUIRED'
  | 'EXPIRED_CREDENTIALS'
  | 'INVALID_ACCOUNT_TYPE'
  | 'INVALID_AUTH'
  | 'INVALID_CREDENTIALS'
  | 'INVALID_MFA'
  | 'MFA_TIMEOUT'
  | 'SERVICE_UNAVAILABLE'
  | 'SYSTEM_ERROR'
  | 'TOS_REQUIRED'
  | 'UNSUPPORTED_AUTH_TYPE'
  | 'UNSUPPORTED_MFA_METHOD';

/** Smile's onAccountError: the account fields plus `errorCode`; Smile sends no message. */
export interface AccountErrorEvent extends AccountEvent {
  // `string & {}` keeps the documented codes as editor suggestions while accepting any string.
  errorCode: SmileAccountErrorCode | (string & {});
  /** Only from widgets that have one (Smile's own widget sends none). */
  errorMessage?: string;
}

/** One upload (Smile's Upload object: `id` "u-…", plus `type`, `state`, `rawFiles`… passed through). */
export interface Upload {
  id: string;
  [key: string]: unknown;
}

/** Smile's onUploadsCreated / onUploadsRemoved. */
export interface UploadsEvent {
  userId: string;
  uploads: Upload[];
}

/**
 * A UI event from the widget: Smile's onUIEvent `{ eventName, … }` arrives as `{ name: eventName,
 * metadata: { eventTime, mode, userId, account, archive } }`.
 */
export interface WidgetEvent {
  name: string;
  metadata: Record<string, unknown>;
}

/**
 * Why the widget closed itself. Smile's onClose reasons: `close` (the × icon), `exit` ("Done" on
 * the success screen), `error` ("Exit" on the error page); `escape`: the user pressed Escape in it.
 */
export type WidgetCloseReason = 'close' | 'exit' | 'error' | 'escape';

/** Smile's widget options (SmileAPI/smile-openapi docs/english/Chapter-4.md), forwarded in `init`. */
export interface WidgetOptions {
  /** Provider ids pinned to the top of the list; at most 10. */
  topProviders?: string[];
  /** Only these providers; a single one skips the selection list. */
  providers?: string[];
  /** Show the search bar (Smile's default: true). */
  enableSearchBar?: boolean;
  /** Show the provider-type bar (Smile's default: true). */
  enableTypeBar?: boolean;
  /** Allow document uploads (Smile's default: false; always off in sandbox). */
  enableUpload?: boolean;
  /** Your company's name, shown on the consent and log-in screens. */
  companyName?: string;
  /** With exactly one `providers` entry, `false` skips the consent page (default true). */
  enableConsentPage?: boolean;
}

/** Messages the widget sends to the host page. */
export interface WidgetToHost {
  ready: Empty;
  accountCreated: AccountEvent;
  accountConnected: AccountEvent;
  accountRemoved: AccountEvent;
  accountError: AccountErrorEvent;
  uploadsCreated: UploadsEvent;
  uploadsRemoved: UploadsEvent;
  /** The widget's own server refused the token. */
  tokenExpired: Empty;
  event: WidgetEvent;
  /** Inline mode: the widget's content height in CSS pixels. */
  resize: { height: number };
  /** The widget closed itself. */
  close: { reason?: WidgetCloseReason };
  error: { code: string; message: string };
}

export type TokenPayload = Pick<LinkToken, 'accessToken' | 'mode' | 'expiresAt'>;

/** Messages the host page sends to the widget. */
export interface HostToWidget {
  /** The answer to `ready`: the widget's token (first load, or after the iframe reloaded). */
  init: TokenPayload & { templateId?: string; widgetOptions?: WidgetOptions; locale?: string; sdkVersion: string };
  /** A fresh token, in place. */
  token: TokenPayload;
  close: Empty;
}

/** A message of map `M`, as a tagged union, so `switch (message.type)` narrows the payload. */
export type Message<M> = { [K in keyof M]: { type: K; payload: M[K] } }[keyof M];
