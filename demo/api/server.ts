import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { sendError } from '../http-util';
import { createLinkApi } from './link-api';
import { createOpenApi } from './open-api';
import { sendSmileError } from './smile-http';
import { SandboxStore } from './store';
import { createWebhookSender, type WebhookSender } from './webhooks';

/**
 * The mock Smile API, on Smile's documented contract (see open-api.ts and webhooks.ts):
 * server-to-server under `/v1` (HTTP Basic auth, enveloped answers), and `/widget/…` for the
 * sandbox widget (CORS, its Link token as credential).
 */
export interface MockApiOptions {
  apiKeyId: string;
  apiKeySecret: string;
  webhookSecret: string;
  tokenTtlMs: number;
  /** Between two deliveries of a refused webhook (Smile: a few dozen seconds). */
  webhookRetryDelayMs?: number;
  log?: (message: string) => void;
}

export interface MockApi {
  server: Server;
  webhooks: WebhookSender;
  /** The widget's origin, allowed by CORS; set once the widget server is listening. */
  widgetOrigin?: string;
}

export function createMockApi(options: MockApiOptions): MockApi {
  const store = new SandboxStore(options.tokenTtlMs);
  const webhooks = createWebhookSender(options.webhookSecret, options.log ?? (() => {}), options.webhookRetryDelayMs);
  const api: MockApi = { server: createServer(), webhooks };
  const openApi = createOpenApi({ ...options, store, webhooks });
  const linkApi = createLinkApi(store, webhooks);

  async function widgetRoute(req: IncomingMessage, res: ServerResponse, url: URL) {
    const origin = req.headers.origin;
    if (origin && origin === api.widgetOrigin) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'origin');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-max-age': '600',
      });
      return res.end();
    }
    const route = linkApi[`${req.method} ${url.pathname}`];
    if (!route) return sendError(res, 404, 'NOT_FOUND', 'No such endpoint in the mock Smile API.');
    await route(req, res);
  }

  api.server.on('request', async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname.startsWith('/widget/')) await widgetRoute(req, res, url);
      else await openApi(req, res, url);
    } catch {
      if (!res.headersSent) sendSmileError(res, 'SERVER_ERROR');
    }
  });
  return api;
}
