import type { WidgetOptions } from '../shared/messages.js';

/**
 * Smile's own browser SDK (`https://web.smileapi.io/v2/smile.v2.js`), as its docs describe it:
 * a global constructor `new SmileLinkModal(options).open()`, no other public method. Sources:
 * SmileAPI/smile-openapi docs/english/api-reference/Chapter-4.md (the current sample and the
 * options), docs/english/Chapter-4.md (the option table), docs/english/api-reference/Chapter-3.md
 * ("List of Callbacks" and their payloads); SmileAPI/quickstart frontend/index.html.
 */

/** onAccountCreated / onAccountConnected / onAccountRemoved (Chapter-3.md). */
export interface SmileAccountEvent {
  accountId: string;
  userId: string;
  providerId: string;
}

/** onAccountError: the account fields plus `errorCode` (Chapter-3.md; no message is documented). */
export interface SmileAccountErrorEvent extends SmileAccountEvent {
  errorCode: string;
}

/** onUploadsCreated / onUploadsRemoved: `uploads` is typed "object" (Chapter-3.md). */
export interface SmileUploadsEvent {
  uploads: unknown;
  userId: string;
}

/** onUIEvent: "fired whenever a new widget screen is shown" (Chapter-3.md, with 12 event names). */
export interface SmileUIEvent {
  /** The screen, e.g. `ProviderListPageOpened`, `LoginPageOpened`. */
  eventName: string;
  /** When it was shown (a date-time string). */
  eventTime?: string;
  /** `SANDBOX` or `PRODUCTION`. */
  mode?: string;
  /** Smile's user id. */
  userId?: string;
  account?: unknown;
  archive?: unknown;
}

/** Smile's close reasons: the × icon, "Done" on the success screen, "Exit" on the error page. */
export type SmileCloseReason = 'close' | 'exit' | 'error';

/** The callbacks Smile's SDK takes ("List of Callbacks", Chapter-3.md). */
export interface SmileCallbacks {
  /** The user picked a provider. */
  onAccountCreated?: (event: SmileAccountEvent) => void;
  /** The account is connected. */
  onAccountConnected?: (event: SmileAccountEvent) => void;
  /** The user removed an account. */
  onAccountRemoved?: (event: SmileAccountEvent) => void;
  /** Connecting the account failed. */
  onAccountError?: (event: SmileAccountErrorEvent) => void;
  /** Documents were uploaded instead of a connection. */
  onUploadsCreated?: (event: SmileUploadsEvent) => void;
  /** The user removed or revoked uploads. */
  onUploadsRemoved?: (event: SmileUploadsEvent) => void;
  /** A new widget screen is shown. */
  onUIEvent?: (event: SmileUIEvent) => void;
  /** No payload ("-" in Chapter-3.md). */
  onTokenExpired?: () => void;
  /**
   * The docs disagree: `onClose: ({ reason }) =>` (api-reference/Chapter-4.md, the quickstart)
   * and `onClose: ( reason ) =>` (api-reference/Chapter-3.md). Typed for the samples that run.
   */
  onClose?: (event: { reason?: SmileCloseReason }) => void;
}

export interface SmileLinkModalOptions extends WidgetOptions, SmileCallbacks {
  /** The Link token's `accessToken` (quickstart: `userToken: data.accessToken`). */
  userToken: string;
  /** The Wink template, `wtpl-…` (developer portal). */
  templateId?: string;
}

/** What `new SmileLinkModal(options)` returns. */
export interface SmileLinkModalInstance {
  /** Shows Smile's modal with the token it was given (its one public method). */
  open(): void;
}

/** The global `SmileLinkModal` that smile.v2.js defines. */
export type SmileLinkModalConstructor = new (options: SmileLinkModalOptions) => SmileLinkModalInstance;
