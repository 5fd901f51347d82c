import { parseToken, type LinkToken } from '../shared/token.js';
import { SmileApiError } from './errors.js';
import type { SmileAnswer } from './http.js';

/**
 * Smile's Token (SmileAPI/smile-openapi openapi-v1.yaml `Token`, ~10281-10314): the browser's
 * LinkToken `{ expiresAt, mode, accessToken }`, plus Smile's own `id` ("tk-…") when it sends one.
 */
export interface SmileToken extends LinkToken {
  /** Smile's id for this token ("tk-…"), when the answer carries one: for support tickets. */
  id?: string;
}

/**
 * Validates a Token with the browser SDK's own schema (so the page will accept it), and stamps
 * it with the Smile API's clock (`serverTime`) so the browser can correct its clock skew.
 */
export function readToken(value: unknown, answer: SmileAnswer, label: string): SmileToken {
  let token: SmileToken;
  try {
    token = parseToken(value);
  } catch (error) {
    // parseToken's message names the field and never echoes the accessToken.
    throw new SmileApiError(
      'INVALID_RESPONSE',
      `The Smile API's ${label} answer has no valid Token in data: ${(error as Error).message}`,
      { requestId: answer.requestId, cause: error },
    );
  }
  const id = Object.hasOwn(value as object, 'id') ? (value as { id: unknown }).id : undefined;
  if (typeof id === 'string' && id !== '' && id.length <= 256) token = { ...token, id };
  return token.serverTime === undefined && answer.serverTime !== undefined
    ? { ...token, serverTime: answer.serverTime }
    : token;
}
