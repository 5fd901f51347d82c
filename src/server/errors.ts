/**
 * Errors of `wink-link/server`. Messages say what to fix and never contain the API key id, its
 * secret, a Basic credential or a Link token: they end up in logs.
 */
export type SmileApiErrorCode =
  /** The Smile API answered with a non-2xx status; see `status`, `smileCode`, `requestId`. */
  | 'HTTP_ERROR'
  /** No answer within `timeoutMs`. */
  | 'TIMEOUT'
  /** The request did not complete (DNS, refused connection, reset…). */
  | 'NETWORK_ERROR'
  /** A 2xx answer that is not what the endpoint documents (not Smile's envelope, an invalid Token…). */
  | 'INVALID_RESPONSE'
  /** The answer's body is larger than any Smile answer should be (a proxy error page, a decompression bomb). */
  | 'RESPONSE_TOO_LARGE'
  /** The API answered with a redirect: never followed, since it would carry your credentials elsewhere. */
  | 'UNEXPECTED_REDIRECT'
  /** The client was created or called with arguments it cannot use. */
  | 'INVALID_ARGUMENT';

export interface SmileApiErrorDetails {
  status?: number | undefined;
  smileCode?: string | undefined;
  requestId?: string | undefined;
  bodyExcerpt?: string | undefined;
  cause?: unknown;
}

export class SmileApiError extends Error {
  readonly code: SmileApiErrorCode;
  /** The HTTP status, when there was an answer. */
  readonly status?: number | undefined;
  /**
   * Smile's own `code` from its answer envelope (e.g. `INVALID_CREDENTIALS`, `MISSING_RESOURCE`,
   * `REQUEST_LIMIT_EXCEEDED`: SmileAPI/smile-openapi docs/english/api-reference/Chapter-2.md:162-174).
   */
  readonly smileCode?: string | undefined;
  /** Smile's `requestId` for the call: quote it in a support ticket. */
  readonly requestId?: string | undefined;
  /** The first characters of the answer's body, credentials masked, for logs. */
  readonly bodyExcerpt?: string | undefined;

  constructor(code: SmileApiErrorCode, message: string, details: SmileApiErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SmileApiError';
    this.code = code;
    this.status = details.status;
    this.smileCode = details.smileCode;
    this.requestId = details.requestId;
    this.bodyExcerpt = details.bodyExcerpt;
  }
}

export type WebhookErrorCode =
  /** The body is not JSON, or not a well-formed Smile event (the message names the field). */
  | 'MALFORMED'
  /** No `Smile-Signature` header. */
  | 'MISSING_SIGNATURE'
  /** The signature does not match the body: forged, altered, or signed with another secret. */
  | 'BAD_SIGNATURE'
  /** The signed `createdAt` is further from now than `maxAgeMs`: a replay, or a very late retry. */
  | 'STALE'
  /** The dedupe store failed or did not answer in time: answer 503 (Smile retries), nothing was handled. */
  | 'STORE_UNAVAILABLE'
  /** parseWebhook was called wrongly (e.g. no secret): a bug or a missing setting on your side, not a bad request. */
  | 'INVALID_ARGUMENT';

/**
 * A webhook request to refuse (answer 401 for the signature codes, 400 otherwise: Smile retries
 * a non-2xx answer twice), or a misuse (`INVALID_ARGUMENT`: answer 500 and fix the configuration).
 */
export class WebhookError extends Error {
  readonly code: WebhookErrorCode;

  constructor(code: WebhookErrorCode, message: string) {
    super(message);
    this.name = 'WebhookError';
    this.code = code;
  }
}
