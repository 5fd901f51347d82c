// What the runtime-neutral handler cases share: Smile's documented examples, a Smile Open API
// answering with them, the handlers set up as an app would, and plain assertions.
import { api, contract, docs } from './fixtures.mjs';

export const APP = 'https://app.example';
export const SECRET = contract.signature.exampleSecret;
export const { apiKeyId, apiKeySecret, authorization } = api.basicAuth;
export const USER_CREATED = docs.examples[0].event;
export const UNAVAILABLE = api.errors.rows.find((row) => row.code === 'SERVER_UNAVAILABLE');

export function check(condition, message) {
  if (!condition) throw new Error(message);
}
export const equal = (actual, expected, what) =>
  check(actual === expected, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);

/** A Smile Open API answering as Chapter-2.md and openapi-v1.yaml document it; records each call. */
export function smileApi({ failWith, hold } = {}) {
  const calls = [];
  const envelope = (data) => ({ code: 'OK', message: 'Success', requestId: api.createToken.answer.requestId, data });
  const fetch = async (url, init) => {
    const call = { url: String(url), method: init.method, headers: new Headers(init.headers), signal: init.signal };
    calls.push(call);
    if (hold) {
      // Answers only when the caller gives up, as a slow Smile would: proves the abort arrives.
      await new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
    }
    if (failWith) {
      const body = { code: failWith.code, message: failWith.message, requestId: api.errors.requestId };
      return Response.json(body, { status: failWith.status });
    }
    const path = new URL(url).pathname;
    if (path === '/v1/users')
      return Response.json(envelope({ user: api.createUser.user, token: api.token.value }), { status: 201 });
    if (path === '/v1/tokens') return Response.json(api.createToken.answer, { status: api.createToken.status });
    return Response.json({ code: 'MISSING_RESOURCE', message: 'no such path' }, { status: 404 });
  };
  return { calls, fetch };
}

export function tokenSetup(server, { fake = smileApi(), user = { id: 'u-1' }, ...options } = {}) {
  const saved = [];
  const errors = [];
  const client = server.createSmileClient({
    baseUrl: server.SMILE_SANDBOX_API_URL,
    apiKeyId,
    apiKeySecret,
    fetch: fake.fetch,
  });
  const handler = server.createLinkTokenHandler({
    smile: client,
    getUser: () => user,
    saveSmileUserId: (userId, smileUserId) => saved.push([userId, smileUserId]),
    onError: (error) => errors.push(error),
    ...options,
  });
  return { handler, smile: fake, saved, errors };
}

export const tokenRequest = (headers = { origin: APP }, init = {}) =>
  new Request(`${APP}/api/link-token`, { method: 'POST', headers, ...init });

export async function signed(server, event, headers = {}) {
  const body = JSON.stringify(event);
  const signature = await server.signWebhook(body, SECRET);
  return new Request(`${APP}/api/webhooks/smile`, {
    method: 'POST',
    headers: { [contract.signature.header]: signature, 'content-type': 'application/json', ...headers },
    body,
  });
}

export const fresh = (event, fields = {}) => ({ ...event, createdAt: new Date().toISOString(), ...fields });

export function webhookSetup(server, options = {}) {
  const seen = [];
  const errors = [];
  const handler = server.createWebhookHandler({
    secret: SECRET,
    on: { USER_CREATED: (event) => seen.push(`on:${event.data.userId}`) },
    onEvent: (event) => seen.push(`any:${event.type}`),
    onError: (error) => errors.push(error),
    ...options,
  });
  return { handler, seen, errors };
}

export async function errorCode(response) {
  return (await response.json()).error?.code;
}
