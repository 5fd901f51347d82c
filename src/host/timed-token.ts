import type { LinkToken } from '../shared/token.js';

/** What `fetchToken` may be: a token, or a function that fetches one. */
export type TokenSource = LinkToken | TokenFetcher;

/**
 * Resolves to a Link token, or to your endpoint's `Response`: then its JSON body is the token
 * and its `Date` header corrects this client's clock.
 */
export type TokenFetcher = (context: {
  signal: AbortSignal;
}) => LinkToken | Response | PromiseLike<LinkToken | Response>;

/** Below this, a measured skew is noise: an HTTP `Date` header has one-second resolution. */
const SKEW_NOISE_MS = 2000;

/** Server clock minus client clock, in ms, or 0 when unknown (NaN) or within measurement noise. */
export function clockSkew(serverTimeMs: number, clientNowMs: number): number {
  if (!Number.isFinite(serverTimeMs)) return 0;
  const skew = serverTimeMs - clientNowMs;
  return Math.abs(skew) < SKEW_NOISE_MS ? 0 : skew;
}

/** A validated token plus the moment, on this client's clock, when it stops being valid. */
export interface TimedToken {
  token: LinkToken;
  /** Client-clock epoch ms of expiry, corrected for the server's clock when known. */
  deadline: number;
}

export function timeToken(token: LinkToken, skewMs: number): TimedToken {
  return { token, deadline: Date.parse(token.expiresAt) - skewMs };
}

/**
 * When to fetch the next token in auto mode: `leadMs` before expiry, but never earlier than
 * half-way through the remaining life, so a short-lived token is still used.
 */
export function refreshTime(deadline: number, now: number, leadMs: number): number {
  return deadline - Math.min(leadMs, Math.max(0, deadline - now) / 2);
}
