import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http-util';

/**
 * How the mock answers, as the Smile Open API documents it (SmileAPI/smile-openapi
 * docs/english/api-reference/Chapter-2.md): Basic auth (:119-131), every answer wrapped as
 * `{ code, message, requestId, data }` (:180-187), errors with the documented status, code and
 * message (:162-174).
 */
const ERRORS = {
  INVALID_CREDENTIALS: [400, 'The credentials you provided are incorrect.'],
  INVALID_PARAMETERS: [400, 'Missing or invalid parameters were sent in your request.'],
  MISSING_RESOURCE: [404, 'The resource you provided cannot be found or is unavailable.'],
  SERVER_ERROR: [500, 'Our system is currently experiencing issues. Please try again later or contact support.'],
} as const;

export type SmileErrorCode = keyof typeof ERRORS;

export function sendSmile(res: ServerResponse, status: number, data: unknown): void {
  sendJson(res, status, { code: 'OK', message: 'Success', requestId: randomUUID(), data });
}

export function sendSmileError(res: ServerResponse, code: SmileErrorCode): void {
  const [status, message] = ERRORS[code];
  sendJson(res, status, { code, message, requestId: randomUUID() });
}

/** `Authorization: Basic base64(apiKeyId:apiKeySecret)`, computed as Smile's quickstart does (node/index.js:12-14). */
export function basicAuthorized(req: IncomingMessage, apiKeyId: string, apiKeySecret: string): boolean {
  return req.headers.authorization === `Basic ${Buffer.from(`${apiKeyId}:${apiKeySecret}`).toString('base64')}`;
}
