/**
 * Errors of `wink-link/server`. Messages say what to fix and never contain the API key or a
 * Link token: they end up in logs.
 */
export type SmileApiErrorCode =
  /** The Smile API answered with a non-2xx status; see `status` and `bodyExcerpt`. */
  | 'HTTP_ERROR'
  /** No answer within `timeoutMs`. */
  | 'TIMEOUT'
  /** The request did not complete (DNS, refused connection, reset…). */
  | 'NETWORK_ERROR'
  /** A 2xx answer whose body is not what the endpoint promises (e.g. an invalid Token). */
  | 'INVALID_RESPONSE'
  /** The client was created or called with arguments it cannot use. */
  | 'INVALID_ARGUMENT';

export class SmileApiError extends Error {
  readonly code: SmileApiErrorCode;
  /** The HTTP status, when there was an answer. */
  readonly status?: number;
  /** The first characters of the answer's body, secrets masked, for logs. */
  readonly bodyExcerpt?: string;

  constructor(
    code: SmileApiErrorCode,
    message: string,
    details: { status?: number; bodyExcerpt?: string; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SmileApiError';
    this.code = code;
    this.status = details.status;
    this.bodyExcerpt = details.bodyExcerpt;
  }
}

export type WebhookErrorCode =
  /** The body is not JSON, or not a well-formed event of a known type. */
  | 'MALFORMED'
  /** A well-formed event of a type this version does not know. */
  | 'UNKNOWN_TYPE'
  /** A secret is configured but the request carries no signature header. */
  | 'MISSING_SIGNATURE'
  /** The signature does not match the body: forged, altered, or signed with another secret. */
  | 'BAD_SIGNATURE'
  /** parseWebhook was called wrongly (e.g. `secret` given but empty): a bug on your side, not a bad request. */
  | 'INVALID_ARGUMENT';

/** A webhook request that must be refused (answer 400, or 401 for signature codes), or a misuse (INVALID_ARGUMENT). */
export class WebhookError extends Error {
  readonly code: WebhookErrorCode;

  constructor(code: WebhookErrorCode, message: string) {
    super(message);
    this.name = 'WebhookError';
    this.code = code;
  }
}
