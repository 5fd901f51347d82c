import * as z from 'zod/mini';
import { secureUrl } from '../shared/url.js';
import { SmileApiError } from './errors.js';
import { validateExternalMetadata, type ExternalMetadata } from './external-metadata.js';
import { smileRequest, type SmileHttpConfig } from './http.js';
import { basicAuthorization, createRedactor } from './redact.js';
import { readToken, type SmileToken } from './smile-token.js';

/**
 * The Smile Open API's hosts, one per mode; each API key works in one mode only
 * (SmileAPI/smile-openapi docs/english/api-reference/Chapter-2.md:90-95, openapi-v1.yaml `servers`).
 */
export const SMILE_SANDBOX_API_URL = 'https://sandbox.smileapi.io/v1';
export const SMILE_PRODUCTION_API_URL = 'https://open.smileapi.io/v1';

export interface SmileClientOptions {
  /** `SMILE_SANDBOX_API_URL` or `SMILE_PRODUCTION_API_URL` (https:; http: only on localhost, for a local mock). */
  baseUrl: string;
  /** Your API key ("API Key" in Smile's Developer Portal). Server side only. */
  apiKeyId: string;
  /** Its secret ("API Secret"). Sent only as HTTP Basic auth, `base64(apiKeyId:apiKeySecret)`. */
  apiKeySecret: string;
  /** Give up on a call after this long (default 10 000 ms). */
  timeoutMs?: number | undefined;
  /** A fetch implementation (tests, proxies, instrumentation). Default: the global fetch. */
  fetch?: typeof fetch | undefined;
}

/** A Smile user as `POST /users` answers it (openapi-v1.yaml `User`); other fields are passed through. */
export interface SmileUser {
  /** Keep it with your own user: every later Link token is asked for with it. */
  id: string;
  externalMetadata?: ExternalMetadata;
  createdAt?: string;
  [field: string]: unknown;
}

export interface CreateUserInput {
  /** Your own references for the user: at most 5 pairs of ASCII strings (keys ≤ 50, values ≤ 500 characters). */
  externalMetadata?: ExternalMetadata | undefined;
}

export interface CallOptions {
  /** Cancels the call; it then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

export interface SmileClient {
  /** `POST /users` → 201 `data: { user, token }`: creates the user; the answer carries its first Link token. */
  createUser(input?: CreateUserInput, options?: CallOptions): Promise<{ user: SmileUser; token: SmileToken }>;
  /** `POST /tokens?userId=` → 201 `data: Token`: a fresh, single-use Link token. One per launch. */
  createToken(userId: string, options?: CallOptions): Promise<SmileToken>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const userAnswer = z.object({
  user: z.looseObject({ id: z.string().check(z.minLength(1)) }),
  token: z.unknown(),
});

function invalidArgument(message: string): never {
  throw new SmileApiError('INVALID_ARGUMENT', message);
}

/** Header-safe and not padded: a stray newline or space from an env file fails here, not as a 401. */
function checkCredential(name: string, value: unknown, allowColon: boolean): string {
  if (typeof value !== 'string' || value === '') invalidArgument(`${name} must be a non-empty string.`);
  if (value.trim() !== value)
    invalidArgument(`${name} has leading or trailing white space (a stray newline in an env file?): remove it.`);
  if (/[^\x20-\x7e]/.test(value)) invalidArgument(`${name} may contain printable ASCII characters only.`);
  // RFC 7617: the user-id of a Basic credential cannot contain a colon.
  if (!allowColon && value.includes(':')) invalidArgument(`${name} cannot contain ":".`);
  return value;
}

/** The Smile Open API's Link token calls, for your server. Keep the key and secret out of the browser. */
export function createSmileClient(options: SmileClientOptions): SmileClient {
  if (typeof options !== 'object' || options === null)
    invalidArgument('createSmileClient needs { baseUrl, apiKeyId, apiKeySecret }.');
  const baseUrl = secureUrl(options.baseUrl);
  // The credentials go to baseUrl: never in clear text over the network, never in the URL.
  if (!baseUrl || baseUrl.username || baseUrl.password) {
    invalidArgument(
      `baseUrl must be an absolute https: URL without credentials, e.g. SMILE_SANDBOX_API_URL (${SMILE_SANDBOX_API_URL}); http: only on localhost for a local mock.`,
    );
  }
  const apiKeyId = checkCredential('apiKeyId', options.apiKeyId, false);
  const apiKeySecret = checkCredential('apiKeySecret', options.apiKeySecret, true);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // AbortSignal.timeout takes a whole number of ms up to 2^31 - 1: beyond, Node throws or wraps it to 1 ms.
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0 || timeoutMs > 2 ** 31 - 1)
    invalidArgument(`timeoutMs must be a whole number of milliseconds from 1 to 2147483647, got ${String(timeoutMs)}.`);
  const config: SmileHttpConfig = {
    baseUrl: options.baseUrl,
    // Both are printable ASCII (checked above), so btoa encodes their UTF-8 bytes exactly.
    authorization: basicAuthorization(apiKeyId, apiKeySecret),
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs,
    redact: createRedactor(apiKeyId, apiKeySecret),
  };

  return {
    async createUser(input = {}, { signal } = {}) {
      const body = validateExternalMetadata(input);
      const answer = await smileRequest(config, 'POST', 'users', { body, signal });
      const parsed = userAnswer.safeParse(answer.data);
      if (!parsed.success) {
        throw new SmileApiError(
          'INVALID_RESPONSE',
          "The Smile API's POST /users answer has no data { user: { id }, token }.",
          { requestId: answer.requestId },
        );
      }
      const user = parsed.data.user as SmileUser;
      return { user, token: readToken(parsed.data.token, answer, 'POST /users') };
    },

    async createToken(userId, { signal } = {}) {
      // openapi-v1.yaml:494-500: the query parameter userId, 1 to 200 characters.
      if (typeof userId !== 'string' || userId === '' || userId.length > 200)
        invalidArgument('createToken(userId) needs the Smile user id (user.id from createUser, 1 to 200 characters).');
      const answer = await smileRequest(config, 'POST', `tokens?userId=${encodeURIComponent(userId)}`, { signal });
      return readToken(answer.data, answer, 'POST /tokens');
    },
  };
}
