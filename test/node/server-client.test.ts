import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSmileClient, SmileApiError } from '../../src/server/index';
import { json, startMockServer, type MockServer } from './server-mock';

const API_KEY = 'sk_test_7f3a9c1e5b';
const TOKEN = { expiresAt: '2030-01-01T00:00:00Z', mode: 'SANDBOX', accessToken: 'eyJ.abc-def.123_xyz' };
let server: MockServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(
  handle: Parameters<typeof startMockServer>[0],
  options: { timeoutMs?: number; path?: string } = {},
) {
  server = await startMockServer(handle);
  return createSmileClient({
    baseUrl: `${server.url}${options.path ?? ''}`,
    apiKey: API_KEY,
    timeoutMs: options.timeoutMs,
  });
}

/** Awaits a rejection and returns the SmileApiError it carries. */
async function failure(promise: Promise<unknown>): Promise<SmileApiError> {
  const error = await promise.then(
    () => expect.unreachable('should have rejected'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmileApiError);
  return error as SmileApiError;
}

describe('createSmileClient().createToken', () => {
  it('POSTs /tokens?userId= with the API key and returns the validated token, stamped with the API clock', async () => {
    const client = await clientFor((_req, res) => json(res, 201, TOKEN, { date: 'Thu, 26 Nov 2026 12:00:00 GMT' }), {
      path: '/v1',
    });
    const token = await client.createToken('usr 1/ä');
    expect(token).toEqual({ ...TOKEN, serverTime: '2026-11-26T12:00:00.000Z' });
    const [request] = server!.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/v1/tokens?userId=usr%201%2F%C3%A4' });
    expect(request!.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('keeps a serverTime the body already has', async () => {
    const client = await clientFor((_req, res) => json(res, 201, { ...TOKEN, serverTime: '2026-01-01T00:00:00Z' }));
    expect((await client.createToken('u')).serverTime).toBe('2026-01-01T00:00:00Z');
  });

  it('reports an HTTP error with status and body excerpt, never the API key', async () => {
    const client = await clientFor((_req, res) =>
      json(res, 401, { error: 'UNAUTHORIZED', key: API_KEY, pad: 'x'.repeat(1000) }),
    );
    const error = await failure(client.createToken('u'));
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 401 });
    expect(error.bodyExcerpt).toContain('UNAUTHORIZED');
    expect(error.bodyExcerpt!.length).toBeLessThanOrEqual(301);
    expect(`${error.message} ${error.bodyExcerpt}`).not.toContain(API_KEY);
  });

  it('rejects a Token that fails the browser schema, naming the field but not the accessToken', async () => {
    const client = await clientFor((_req, res) => json(res, 201, { ...TOKEN, expiresAt: 'tomorrow' }));
    const error = await failure(client.createToken('u'));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toContain('expiresAt');
    expect(error.message).not.toContain(TOKEN.accessToken);
  });

  it('rejects a 2xx body that is not JSON', async () => {
    const client = await clientFor((_req, res) => json(res, 200, '<html>proxy login</html>'));
    expect(await failure(client.createToken('u'))).toMatchObject({
      code: 'INVALID_RESPONSE',
      bodyExcerpt: '<html>proxy login</html>',
    });
  });

  it('times out after timeoutMs', async () => {
    const client = await clientFor(() => {}, { timeoutMs: 100 });
    const started = Date.now();
    expect((await failure(client.createToken('u'))).code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports an unreachable API as NETWORK_ERROR', async () => {
    server = await startMockServer(() => {});
    const { url } = server;
    await server.close();
    server = undefined;
    const client = createSmileClient({ baseUrl: url, apiKey: API_KEY });
    expect((await failure(client.createToken('u'))).code).toBe('NETWORK_ERROR');
  });

  it("rejects with the caller's own reason when the caller aborts", async () => {
    const client = await clientFor(() => {});
    const controller = new AbortController();
    const reason = new Error('user left');
    const pending = client.createToken('u', { signal: controller.signal });
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('uses the injected fetch', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(TOKEN), { status: 201 }));
    const client = createSmileClient({ baseUrl: 'https://api.invalid/v2/', apiKey: API_KEY, fetch });
    expect(await client.createToken('u')).toEqual(TOKEN);
    expect(String((fetch.mock.calls[0] as unknown[])[0])).toBe('https://api.invalid/v2/tokens?userId=u');
  });

  it('refuses unusable arguments up front', async () => {
    expect(() => createSmileClient({ baseUrl: 'api.example', apiKey: API_KEY })).toThrow(/baseUrl/);
    expect(() => createSmileClient({ baseUrl: 'https://api.example', apiKey: '' })).toThrow(/apiKey/);
    expect(() => createSmileClient({ baseUrl: 'https://api.example', apiKey: API_KEY, timeoutMs: 0 })).toThrow(
      /timeoutMs/,
    );
    const client = createSmileClient({ baseUrl: 'https://api.example', apiKey: API_KEY });
    expect(await failure(client.createToken(''))).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('createSmileClient().createUser', () => {
  it('POSTs /users with the input and returns the user and its first token', async () => {
    const client = await clientFor((_req, res) =>
      json(res, 201, { id: 'usr_1', createdAt: '2026-11-26T12:00:00Z', token: TOKEN }),
    );
    const { user, token } = await client.createUser({ externalId: 'emp-42' });
    expect(user).toEqual({ id: 'usr_1', createdAt: '2026-11-26T12:00:00Z' });
    expect(token).toMatchObject(TOKEN);
    expect(server!.requests[0]).toMatchObject({ method: 'POST', url: '/users', body: '{"externalId":"emp-42"}' });
  });

  it('rejects an answer without a user id or a valid token', async () => {
    const client = await clientFor((req, res) => json(res, 201, req.url === '/users' ? { token: TOKEN } : {}));
    expect((await failure(client.createUser())).code).toBe('INVALID_RESPONSE');
  });
});
