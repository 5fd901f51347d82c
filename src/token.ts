import { WinkLinkError } from './errors.js';
import { check } from './rules.js';
import { tokenSchema } from './schemas.js';

/** A Smile API Link token: single use, short lived. Fetch a new one for every launch. */
export interface LinkToken {
  /** ISO 8601 date-time with an offset, e.g. `2026-11-26T12:00:00Z`. */
  expiresAt: string;
  mode: 'SANDBOX' | 'PRODUCTION';
  accessToken: string;
  /**
   * Optional: the server's clock at the moment this token is handed to the page (ISO 8601).
   * When present, expiry is computed on the server's clock, so a wrong client clock cannot fire
   * early or late. `wink-link/server` fills it in from the Smile API's `Date` header as the token
   * is created. A token kept for later (rendered into a page, cached) must not carry it: its age
   * would read as client clock skew. A `Response`'s own `Date` header, when there is one, wins.
   */
  serverTime?: string;
}

/** What `fetchToken` may be: a token, or a function that fetches one. */
export type TokenSource = LinkToken | TokenFetcher;

/**
 * Resolves to a Link token, or to your endpoint's `Response`: then its JSON body is the token
 * and its `Date` header corrects this client's clock.
 */
export type TokenFetcher = (context: { signal: AbortSignal }) =>
  | LinkToken
  | Response
  | PromiseLike<LinkToken | Response>;

const FIELD_RULES: Record<string, string> = {
  expiresAt: 'an ISO 8601 date-time with an offset, e.g. "2026-11-26T12:00:00Z"',
  mode: '"SANDBOX" or "PRODUCTION"',
  accessToken: 'a non-empty string (at most 8192 characters)',
  serverTime: 'an ISO 8601 date-time with an offset, or absent',
};

/** Describes a value for an error message without ever echoing a credential. */
function describe(value: unknown, secret: boolean): string {
  if (value === null || value === undefined) return String(value);
  if (secret || typeof value !== 'string') return `a ${typeof value}`;
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/** Validates what `fetchToken` produced; throws INVALID_TOKEN saying which field is wrong. */
export function parseToken(value: unknown): LinkToken {
  const checked = check(tokenSchema.shape, value);
  if ('data' in checked) return checked.data;
  const field = checked.invalidKey;
  if (field === '') {
    // A bare string is most likely the accessToken itself: never echo it.
    throw new WinkLinkError(
      'INVALID_TOKEN',
      `fetchToken must resolve to a Link token { expiresAt, mode, accessToken }, got ${describe(value, true)}.`,
    );
  }
  const got = describe((value as Record<string, unknown>)[field], field === 'accessToken');
  throw new WinkLinkError(
    'INVALID_TOKEN',
    `Invalid Link token: ${field} must be ${FIELD_RULES[field] ?? 'valid'}, got ${got}.`,
  );
}

/** Below this, a measured skew is noise: an HTTP `Date` header has one-second resolution. */
const SKEW_NOISE_MS = 2000;

/** Server clock minus client clock, in ms, or 0 when unknown or within measurement noise. */
export function clockSkew(serverTimeMs: number | undefined, clientNowMs: number): number {
  if (serverTimeMs === undefined || !Number.isFinite(serverTimeMs)) return 0;
  const skew = serverTimeMs - clientNowMs;
  return Math.abs(skew) < SKEW_NOISE_MS ? 0 : skew;
}

/** A validated token plus the moment, on this client's clock, when it stops being valid. */
export interface HeldToken {
  token: LinkToken;
  /** Client-clock epoch ms of expiry, corrected for the server's clock when known. */
  deadline: number;
}

export function holdToken(token: LinkToken, skewMs: number): HeldToken {
  return { token, deadline: Date.parse(token.expiresAt) - skewMs };
}

/**
 * When to fetch the next token in auto mode: `leadMs` before expiry, but never earlier than
 * half-way through the remaining life, so a short-lived token is still used.
 */
export function refreshTime(deadline: number, now: number, leadMs: number): number {
  return deadline - Math.min(leadMs, Math.max(0, deadline - now) / 2);
}
