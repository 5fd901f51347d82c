/**
 * Node's http servers, Express and Fastify, through @hono/node-server's adapter
 * (`getRequestListener`), as docs/guide/server.md shows them: no request conversion of our own.
 * The webhook route sees the raw body (Express: mounted before any body parser; Fastify: a scope
 * whose parser leaves the body unread); the client going away reaches the Smile call.
 */
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLinkTokenHandler,
  createSmileClient,
  createWebhookHandler,
  SMILE_SANDBOX_API_URL,
} from '../../src/server/index';
import api from '../fixtures/smile/open-api.json';
import contract from '../fixtures/smile/webhook-contract.json';
import docs from '../fixtures/smile/webhook-examples.json';

const SECRET = contract.signature.exampleSecret;
const smileSignals: AbortSignal[] = [];
const handled: string[] = [];
let holdSmile = false;

/** Smile's documented POST /tokens answer; held until aborted when `holdSmile` is set. */
async function smileFetch(_url: string | URL | Request, init?: RequestInit): Promise<Response> {
  const signal = init!.signal!;
  smileSignals.push(signal);
  if (holdSmile) await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
  return Response.json(api.createToken.answer, { status: api.createToken.status });
}

const smile = createSmileClient({
  baseUrl: SMILE_SANDBOX_API_URL,
  apiKeyId: 'demo',
  apiKeySecret: 'p@55w0rd',
  fetch: smileFetch,
});
const linkToken = getRequestListener(
  createLinkTokenHandler({ smile, getUser: () => ({ id: 'u-1', smileUserId: 'smile-1' }), saveSmileUserId: () => {} }),
);
const webhook = getRequestListener(
  createWebhookHandler({ secret: SECRET, maxBodyBytes: 4096, onEvent: (e) => void handled.push(e.id) }),
);

async function expressServer(): Promise<Server> {
  const app = express();
  app.post('/api/webhooks/smile', webhook);
  app.post('/api/link-token', linkToken);
  app.use(express.json()); // the app's other routes: after the webhook route, so its body stays raw
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

async function fastifyServer(): Promise<Server> {
  const app = Fastify();
  await app.register(async (raw) => {
    // In this scope the body is left unread for the adapter (the signature covers its bytes).
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', (_request, _payload, done) => done(null));
    raw.post('/api/webhooks/smile', (request, reply) => {
      reply.hijack();
      return webhook(request.raw, reply.raw);
    });
    raw.post('/api/link-token', (request, reply) => {
      reply.hijack();
      return linkToken(request.raw, reply.raw);
    });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app.server;
}

describe.each([
  ['Express', expressServer],
  ['Fastify', fastifyServer],
])('%s', (name, start) => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = await start();
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    const closed = once(server, 'close');
    server.close();
    server.closeAllConnections(); // fetch's keep-alive sockets
    await closed;
  });

  const askToken = (headers: Record<string, string>, signal?: AbortSignal) =>
    fetch(`${origin}/api/link-token`, { method: 'POST', headers, signal });

  it("token: 200 from the page's own origin, 403 from another", async () => {
    const ok = await askToken({ origin });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect((await ok.json()).accessToken).toBe(api.createToken.answer.data.accessToken);
    expect((await askToken({ origin: 'https://evil.example' })).status).toBe(403);
  });

  it('webhook: the raw body reaches the signature check (200), a forged one is 401, an oversized one 413', async () => {
    const id = `et-${name}`;
    const body = JSON.stringify({ ...docs.examples[0]!.event, id, createdAt: new Date().toISOString() });
    const sign = (text: string) => createHmac('sha512', SECRET).update(text).digest('hex');
    const post = (text: string, signature: string) =>
      fetch(`${origin}/api/webhooks/smile`, {
        method: 'POST',
        headers: { 'smile-signature': signature, 'content-type': 'application/json' },
        body: text,
      });
    expect((await post(body, sign(body))).status).toBe(200);
    expect(handled).toContain(id);
    expect((await post(body, sign(`${body} `))).status).toBe(401);
    const big = `{"pad":"${'x'.repeat(10_000)}"}`;
    expect((await post(big, sign(big))).status).toBe(413);
  });

  it('the client going away aborts the Smile call', async () => {
    holdSmile = true;
    try {
      const controller = new AbortController();
      const asked = askToken({ origin }, controller.signal).catch(() => undefined);
      const before = smileSignals.length;
      while (smileSignals.length === before) await new Promise((resolve) => setTimeout(resolve, 5));
      controller.abort();
      await asked;
      const signal = smileSignals.at(-1)!;
      for (let i = 0; i < 100 && !signal.aborted; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(signal.aborted).toBe(true);
    } finally {
      holdSmile = false;
    }
  });
});
