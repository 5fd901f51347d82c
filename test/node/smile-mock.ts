import type { IncomingMessage, ServerResponse } from 'node:http';
import api from '../fixtures/smile/open-api.json';
import { json, startLoopback, type Loopback } from './loopback';

/**
 * A loopback Smile Open API built from Smile's documentation (test/fixtures/smile/open-api.json),
 * not from wink-link's code: it enforces HTTP Basic auth, computed here as Smile's quickstart
 * does (node/index.js:12-14, `Buffer.from(API_KEY + ':' + API_SECRET).toString('base64')`), and
 * answers every call in the documented envelope { code, message, requestId, data }.
 */
export interface SmileMockOptions {
  apiKeyId: string;
  apiKeySecret: string;
  /** Where the API lives under the server, like the real `/v1`. */
  basePath?: string;
  /** The `data` of a `POST /tokens` answer (default: the documented example's). */
  token?: unknown;
  /** Extra answer headers (e.g. a fixed Date). */
  headers?: Record<string, string>;
}

export interface SmileMock extends Loopback {
  baseUrl: string;
}

const REQUEST_ID = api.errors.requestId;
const row = (code: string) => api.errors.rows.find((r) => r.code === code)!;

function fail(res: ServerResponse, code: string) {
  const { status, message } = row(code);
  json(res, status, { code, message, requestId: REQUEST_ID });
}

export async function startSmileMock(options: SmileMockOptions): Promise<SmileMock> {
  const basePath = options.basePath ?? '/v1';
  const expected = `Basic ${Buffer.from(`${options.apiKeyId}:${options.apiKeySecret}`).toString('base64')}`;
  const users = new Set<string>();
  const ok = (res: ServerResponse, data: unknown) =>
    json(res, 201, { ...api.createToken.answer, data }, options.headers);

  const loopback = await startLoopback((req: IncomingMessage, res, body) => {
    const url = new URL(req.url!, 'http://mock');
    if (req.headers.authorization !== expected) return fail(res, 'INVALID_CREDENTIALS');
    const route = `${req.method} ${url.pathname}`;
    if (route === `POST ${basePath}/users`) {
      let input: unknown;
      try {
        input = body === '' ? {} : JSON.parse(body);
      } catch {
        return fail(res, 'INVALID_PARAMETERS');
      }
      const user = {
        ...api.createUser.user,
        externalMetadata: (input as { externalMetadata?: unknown }).externalMetadata ?? {},
      };
      users.add(user.id);
      return ok(res, { user, token: options.token ?? api.token.value });
    }
    if (route === `POST ${basePath}/tokens`) {
      const userId = url.searchParams.get('userId');
      if (!userId) return fail(res, 'INVALID_PARAMETERS');
      if (!users.has(userId) && userId !== 'known-user') return fail(res, 'MISSING_RESOURCE');
      return ok(res, options.token ?? api.createToken.answer.data);
    }
    fail(res, 'MISSING_RESOURCE');
  });
  return { ...loopback, baseUrl: `${loopback.url}${basePath}` };
}
