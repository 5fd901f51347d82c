/**
 * Contract tests: createSmileClient against a loopback Smile Open API that follows Smile's
 * documentation (smile-mock.ts, fixtures in test/fixtures/smile/open-api.json). They fail when
 * the auth scheme, the paths, the envelope or the error mapping drift from what Smile documents.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createSmileClient,
  SMILE_PRODUCTION_API_URL,
  SMILE_SANDBOX_API_URL,
  type SmileClientOptions,
} from '../../src/server/index';
import api from '../fixtures/smile/open-api.json';
import { json, startLoopback, type Handler, type Loopback } from './loopback';
import { failure } from './failure';
import { startSmileMock } from './smile-mock';

const CREDENTIALS = { apiKeyId: 'key_7f3a9c1e5b', apiKeySecret: 'secret_5d1c8e2a90' };
const DATE = 'Thu, 26 Nov 2026 12:00:00 GMT';
let server: Loopback | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function mock(options: Partial<Parameters<typeof startSmileMock>[0]> = {}) {
  const smile = await startSmileMock({ ...CREDENTIALS, headers: { date: DATE }, ...options });
  server = smile;
  return { smile, client: createSmileClient({ baseUrl: smile.baseUrl, ...CREDENTIALS }) };
}

async function hostile(handle: Handler, options: Partial<SmileClientOptions> = {}) {
  server = await startLoopback(handle);
  return createSmileClient({ baseUrl: `${server.url}/v1`, ...CREDENTIALS, ...options });
}

describe('Smile Open API contract', () => {
  it('names the documented hosts', () => {
    expect(SMILE_SANDBOX_API_URL).toBe(api.hosts.sandbox);
    expect(SMILE_PRODUCTION_API_URL).toBe(api.hosts.production);
  });

  it("authenticates with HTTP Basic exactly as Smile's example (Chapter-2.md:129)", async () => {
    const { apiKeyId, apiKeySecret, authorization } = api.basicAuth;
    const { smile } = await mock({ apiKeyId, apiKeySecret });
    const client = createSmileClient({ baseUrl: smile.baseUrl, apiKeyId, apiKeySecret });
    await client.createToken('known-user');
    expect(smile.requests[0]!.headers.authorization).toBe(authorization);
  });

  it('createToken: POST /tokens?userId= → 201 data: Token, unwrapped and stamped with the API clock', async () => {
    const { smile, client } = await mock();
    const token = await client.createToken('known-user');
    expect(token).toEqual({ ...api.createToken.answer.data, serverTime: '2026-11-26T12:00:00.000Z' });
    expect(smile.requests[0]).toMatchObject({ method: 'POST', url: '/v1/tokens?userId=known-user', body: '' });
  });

  it("keeps the Token's documented id (tk-…)", async () => {
    const { client } = await mock({ token: api.token.value });
    expect(await client.createToken('known-user')).toMatchObject(api.token.value);
  });

  it('encodes the userId as a query parameter', async () => {
    const { smile, client } = await mock();
    await failure(client.createToken('usr 1/ä&x=y'));
    expect(smile.requests[0]!.url).toBe('/v1/tokens?userId=usr%201%2F%C3%A4%26x%3Dy');
  });

  it('createUser: POST /users { externalMetadata } → 201 data: { user, token }', async () => {
    const { smile, client } = await mock();
    const { user, token } = await client.createUser({ externalMetadata: api.createUser.request.externalMetadata });
    expect(user).toEqual(api.createUser.user);
    expect(token).toMatchObject(api.token.value);
    expect(token.serverTime).toBe('2026-11-26T12:00:00.000Z');
    const [request] = smile.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/v1/users' });
    expect(request!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request!.body)).toEqual(api.createUser.request);
    // The token's user can then get fresh tokens.
    await client.createToken(user.id);
  });

  it('createUser() without metadata posts an empty object, as the quickstart does', async () => {
    const { smile, client } = await mock();
    await client.createUser();
    expect(smile.requests[0]!.body).toBe('{}');
  });

  it('wrong credentials: Smile’s INVALID_CREDENTIALS envelope becomes smileCode and requestId', async () => {
    const { smile } = await mock();
    const client = createSmileClient({ baseUrl: smile.baseUrl, ...CREDENTIALS, apiKeySecret: 'wrong' });
    const error = await failure(client.createToken('known-user'));
    expect(error).toMatchObject({
      code: 'HTTP_ERROR',
      status: 400,
      smileCode: 'INVALID_CREDENTIALS',
      requestId: api.errors.requestId,
    });
    expect(error.message).toContain('INVALID_CREDENTIALS: The credentials you provided are incorrect.');
    expect(error.message).toContain(api.errors.requestId);
  });

  it.each(api.errors.rows)('maps the documented error $status $code', async ({ status, code, message }) => {
    const client = await hostile((_req, res) => json(res, status, { code, message, requestId: api.errors.requestId }));
    const error = await failure(client.createToken('u'));
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status, smileCode: code, requestId: api.errors.requestId });
    expect(error.message).toContain(`${code}: ${message}`);
  });

  it('refuses an answer that is not the envelope: a bare Token, or data missing', async () => {
    const bare = await hostile((_req, res) => json(res, 201, api.token.value));
    expect(await failure(bare.createToken('u'))).toMatchObject({ code: 'INVALID_RESPONSE', status: 201 });
    await server!.close();
    const { data: _data, ...noData } = api.createToken.answer;
    const empty = await hostile((_req, res) => json(res, 201, noData));
    expect((await failure(empty.createToken('u'))).code).toBe('INVALID_RESPONSE');
  });

  it('refuses a POST /users answer without data.user or data.token', async () => {
    const client = await hostile((_req, res) => json(res, 201, { ...api.createToken.answer, data: api.token.value }));
    expect((await failure(client.createUser())).code).toBe('INVALID_RESPONSE');
  });

  it('rejects a Token that fails the browser schema, naming the field but not the accessToken', async () => {
    const data = { ...api.token.value, accessToken: 'eyJ.secret-token', expiresAt: 'tomorrow' };
    const client = await hostile((_req, res) => json(res, 201, { ...api.createToken.answer, data }));
    const error = await failure(client.createToken('u'));
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', requestId: api.createToken.answer.requestId });
    expect(error.message).toContain('expiresAt');
    expect(error.message).not.toContain('eyJ.secret-token');
  });

  it('rejects a 2xx body that is not JSON, with an excerpt', async () => {
    const client = await hostile((_req, res) => json(res, 200, '<html>proxy login</html>'));
    expect(await failure(client.createToken('u'))).toMatchObject({
      code: 'INVALID_RESPONSE',
      bodyExcerpt: '<html>proxy login</html>',
    });
  });

  it('reports a non-JSON error body with a short excerpt', async () => {
    const client = await hostile((_req, res) => json(res, 502, `<h1>Bad gateway</h1>${'x'.repeat(1000)}`));
    const error = await failure(client.createToken('u'));
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 502, smileCode: undefined });
    expect(error.bodyExcerpt!.startsWith('<h1>Bad gateway</h1>')).toBe(true);
    expect(error.bodyExcerpt!.length).toBeLessThanOrEqual(301);
  });
});

describe('createSmileClient: time, network, abort, injection', () => {
  it('times out after timeoutMs', async () => {
    const client = await hostile(() => {}, { timeoutMs: 100 });
    const started = Date.now();
    expect((await failure(client.createToken('u'))).code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports an unreachable API as NETWORK_ERROR', async () => {
    const closed = await startLoopback(() => {});
    await closed.close();
    const client = createSmileClient({ baseUrl: closed.url, ...CREDENTIALS });
    const error = await failure(client.createToken('u'));
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it("rejects with the caller's own reason when the caller aborts", async () => {
    const client = await hostile(() => {});
    const controller = new AbortController();
    const reason = new Error('user left');
    const pending = client.createToken('u', { signal: controller.signal });
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('uses the injected fetch, with Basic auth and no redirect following', async () => {
    const answer = JSON.stringify(api.createToken.answer);
    const fetch = vi.fn(async (_url: URL | RequestInfo, _init?: RequestInit) => new Response(answer, { status: 201 }));
    const client = createSmileClient({ baseUrl: 'https://api.invalid/v1/', ...CREDENTIALS, fetch });
    expect(await client.createToken('u')).toEqual(api.createToken.answer.data);
    const [url, init] = fetch.mock.calls[0]!;
    expect(String(url)).toBe('https://api.invalid/v1/tokens?userId=u');
    expect(init).toMatchObject({ method: 'POST', redirect: 'manual' });
    const expected = Buffer.from(`${CREDENTIALS.apiKeyId}:${CREDENTIALS.apiKeySecret}`).toString('base64');
    expect((init!.headers as Record<string, string>).authorization).toBe(`Basic ${expected}`);
  });
});
