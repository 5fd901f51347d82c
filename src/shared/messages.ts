import type { LinkToken } from './token.js';

/**
 * The payload of every protocol message, by type. Plain types (no zod in the shipped .d.ts);
 * src/schemas.ts checks at compile time that its schemas parse to exactly these.
 */
type Empty = Record<string, never>;

/** What the widget reports about an account. */
export interface AccountEvent {
  accountId: string;
  userId: string;
  providerId: string;
}

export interface AccountErrorEvent extends AccountEvent {
  errorCode: string;
  errorMessage: string;
}

export interface Upload {
  uploadId: string;
  [key: string]: unknown;
}

export interface UploadsCreatedEvent {
  userId: string;
  uploads: Upload[];
}

/** A free-form analytics event from the widget (screen views, clicks, searches). */
export interface WidgetEvent {
  name: string;
  metadata: Record<string, unknown>;
}

/** Messages the widget sends to the host page. */
export interface WidgetToHost {
  ready: Empty;
  accountCreated: AccountEvent;
  accountConnected: AccountEvent;
  accountRemoved: AccountEvent;
  accountError: AccountErrorEvent;
  uploadsCreated: UploadsCreatedEvent;
  /** The widget's own server refused the token. */
  tokenExpired: Empty;
  event: WidgetEvent;
  /** Inline mode: the widget's content height in CSS pixels. */
  resize: { height: number };
  /** The widget closed; `reason: 'escape'` when the user pressed Escape inside it. */
  close: { reason?: 'escape' };
  error: { code: string; message: string };
}

export type TokenPayload = Pick<LinkToken, 'accessToken' | 'mode' | 'expiresAt'>;

/** Messages the host page sends to the widget. */
export interface HostToWidget {
  /** The answer to `ready`: the widget's token (first load, or after the iframe reloaded). */
  init: TokenPayload & { templateId?: string; sdkVersion: string };
  /** A fresh token, in place. */
  token: TokenPayload;
  close: Empty;
}

/** A message of map `M`, as a tagged union, so `switch (message.type)` narrows the payload. */
export type Message<M> = { [K in keyof M]: { type: K; payload: M[K] } }[keyof M];
