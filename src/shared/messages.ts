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
  /** Smile's account id. */
  accountId: string;
  /** Smile's user id: the user the Link token was created for. */
  userId: string;
  /** The payroll or employment provider the user picked (e.g. `gusto`, `adp`, `upwork`). */
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
  /** Why connecting failed: one of Smile's documented codes, or a newer one. */
  errorCode: SmileAccountErrorCode | (string & {});
  /** Only from widgets that have one (Smile's own widget sends none). */
  errorMessage?: string;
}

/** One upload (Smile's Upload object: `id` "u-…", plus `type`, `state`, `rawFiles`… passed through). */
export interface Upload {
  /** Smile's upload id (`u-…`). */
  id: string;
  [key: string]: unknown;
}

/** Smile's onUploadsCreated / onUploadsRemoved. */
export interface UploadsEvent {
  /** Smile's user id. */
  userId: string;
  /** The uploads: always a list, each with its `id`. */
  uploads: Upload[];
}

/**
 * A UI event from the widget: Smile's onUIEvent `{ eventName, … }` arrives as `{ name: eventName,
 * metadata: { eventTime, mode, userId, account, archive } }`.
 */
export interface WidgetEvent {
  /** The screen or action, e.g. `ProviderListPageOpened`, `LoginPageOpened` (Smile's `eventName`). */
  name: string;
  /** Everything else the widget sent with it (with Smile: `eventTime`, `mode`, `userId`, `account`, `archive`). */
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
  /** The page is up: the host answers with `init` (again after a reload, with a fresh token). */
  ready: Empty;
  /** Smile's onAccountCreated: the user picked a provider. */
  accountCreated: AccountEvent;
  /** Smile's onAccountConnected. */
  accountConnected: AccountEvent;
  /** Smile's onAccountRemoved. */
  accountRemoved: AccountEvent;
  /** Smile's onAccountError. */
  accountError: AccountErrorEvent;
  /** Smile's onUploadsCreated. */
  uploadsCreated: UploadsEvent;
  /** Smile's onUploadsRemoved. */
  uploadsRemoved: UploadsEvent;
  /** The widget's own server refused the token. */
  tokenExpired: Empty;
  /** Smile's onUIEvent: `name` is its `eventName`. */
  event: WidgetEvent;
  /** Inline mode: the widget's content height in CSS pixels. */
  resize: { height: number };
  /** The widget closed itself. */
  close: { reason?: WidgetCloseReason };
  /** An error of the widget's own: the host reports it as `WIDGET_ERROR`, with this code and message. */
  error: { code: string; message: string };
}

export type TokenPayload = Pick<LinkToken, 'accessToken' | 'mode' | 'expiresAt'>;

/** Messages the host page sends to the widget. */
export interface HostToWidget {
  /** The answer to `ready`: the widget's token (first load, or after the iframe reloaded). */
  init: TokenPayload & {
    /** The host's `templateId` option, when it set one. */
    templateId?: string;
    /** The host's `widgetOptions`, checked. */
    widgetOptions?: WidgetOptions;
    /** The host's `locale`, canonicalised (BCP 47). */
    locale?: string;
    /** The host SDK's version, e.g. `0.1.0`. */
    sdkVersion: string;
  };
  /** A fresh token, in place. */
  token: TokenPayload;
  /** The host is closing the widget. */
  close: Empty;
}

/** A message of map `M`, as a tagged union, so `switch (message.type)` narrows the payload. */
export type Message<M> = { [K in keyof M]: { type: K; payload: M[K] } }[keyof M];
