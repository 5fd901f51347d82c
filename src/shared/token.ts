import { WinkLinkError } from './errors.js';
import { check } from './rules.js';
import { tokenSchema } from './schemas.js';

/** A Smile API Link token: single use, short lived. Fetch a new one for every launch. */
export interface LinkToken {
  /** ISO 8601 date-time with an offset, e.g. `2026-11-26T12:00:00Z`. */
  expiresAt: string;
  /** The Smile environment the token belongs to; a per-mode `widgetUrl` picks its page by it. */
  mode: 'SANDBOX' | 'PRODUCTION';
  /** The credential itself: sent only to the widget, by `postMessage`, never logged or put in a URL. */
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
