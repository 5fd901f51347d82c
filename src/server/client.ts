import * as z from 'zod/mini';
import { parseToken, type LinkToken } from '../shared/token.js';
import { SmileApiError } from './errors.js';
import { secureUrl } from '../shared/url.js';
import { smileRequest, type SmileAnswer, type SmileHttpConfig } from './http.js';

export interface SmileClientOptions {
  /** The Smile API's base URL, e.g. `https://api.sandbox.example/v1` (https:, or http: for a local mock). */
  baseUrl: string;
  /** Your secret API key. Server side only; sent as `Authorization: Bearer …`. */
  apiKey: string;
  /** A fetch implementation (tests, proxies, instrumentation). Default: the global fetch. */
  fetch?: typeof fetch;
  /** Give up on a call after this long (default 10 000 ms). */
  timeoutMs?: number;
}

/** A Smile API user as `POST /users` returns it (fields beyond `id` are passed through). */
export interface SmileUser {
  id: string;
  [field: string]: unknown;
}

export interface SmileClient {
  /** `POST /users`: creates a user; the answer carries the user's first Link token. */
  createUser(
    input?: Record<string, unknown>,
    options?: { signal?: AbortSignal },
  ): Promise<{ user: SmileUser; token: LinkToken }>;
  /** `POST /tokens?userId=`: a fresh, single-use Link token for the user. One per launch. */
  createToken(userId: string, options?: { signal?: AbortSignal }): Promise<LinkToken>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const userSchema = z.looseObject({ id: z.string().check(z.minLength(1)), token: z.unknown() });

function invalidArgument(message: string): never {
  throw new SmileApiError('INVALID_ARGUMENT', message);
}

/**
 * Validates a Token with the browser SDK's own schema, and stamps it with the Smile API's
 * clock (`serverTime`) so the browser can correct its clock skew.
 */
function readToken(value: unknown, answer: SmileAnswer, label: string): LinkToken {
  let token: LinkToken;
  try {
    token = parseToken(value);
  } catch (error) {
    throw new SmileApiError(
      'INVALID_RESPONSE',
      `The Smile API's ${label} answer has no valid Token: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return token.serverTime === undefined && answer.serverTime !== undefined
    ? { ...token, serverTime: answer.serverTime }
    : token;
}

/** The Smile API's token calls, for your server. Keep the API key out of the browser. */
export function createSmileClient(options: SmileClientOptions): SmileClient {
  // The API key goes to baseUrl: never in clear text over the network.
  if (!secureUrl(options.baseUrl)) {
    invalidArgument(
      `baseUrl must be an absolute https: URL (http: only on localhost for a local mock), got ${JSON.stringify(String(options.baseUrl))}.`,
    );
  }
  if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '')
    invalidArgument('apiKey must be a non-empty string.');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    invalidArgument(`timeoutMs must be a positive number, got ${String(timeoutMs)}.`);
  const config: SmileHttpConfig = {
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs,
  };

  return {
    async createUser(input = {}, { signal } = {}) {
      const answer = await smileRequest(config, 'POST', 'users', { body: input, signal });
      const parsed = userSchema.safeParse(answer.body);
      if (!parsed.success) {
        throw new SmileApiError('INVALID_RESPONSE', "The Smile API's POST /users answer is not a user { id, token }.");
      }
      const { token, ...user } = parsed.data;
      return { user: user as SmileUser, token: readToken(token, answer, 'POST /users') };
    },

    async createToken(userId, { signal } = {}) {
      if (typeof userId !== 'string' || userId === '')
        invalidArgument('createToken(userId) needs the Smile user id (a non-empty string).');
      const answer = await smileRequest(config, 'POST', `tokens?userId=${encodeURIComponent(userId)}`, { signal });
      return readToken(answer.body, answer, 'POST /tokens');
    },
  };
}
