import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { ViteDevServer } from 'vite';
// A host app writes `from 'wink-link/server'`; the demo runs from source, so it imports the source.
import { createLinkTokenHandler, createSmileClient, type LinkToken } from '../../src/server/index';
import { sendError, sendJson } from '../http-util';
import { createDemoVite, repoRoot } from '../vite';
import { createServerEvents } from './server-events';
import { createWebhookRoute } from './smile-webhooks';

/**
 * The host's own server: serves the payroll page (index.html, through vite) and the routes
 * a real host needs. The Smile API key, its secret and the webhook secret live here, never in the page.
 *   POST /api/wink/link-token     a fresh Link token for the signed-in user (the page's fetchToken)
 *   POST /api/webhooks/smile      the Smile API's webhooks (signature checked, deduplicated)
 *   GET  /api/server-events       what the server saw, streamed to the page's timeline (SSE)
 *   POST /api/sandbox/expire-token      demo control: the Smile sandbox expires the user's tokens now
 *   POST /api/sandbox/redeliver-webhook demo control: the Smile sandbox delivers its last webhook again
 */
export interface HostServerOptions {
  /** The mock Smile API's base URL, `…/v1`. */
  apiUrl: string;
  apiKeyId: string;
  apiKeySecret: string;
  webhookSecret: string;
  widgetUrl: string;
  /** The demo's Smile bridge page (its "Smile bridge" mode). */
  bridgeUrl: string;
  /** How long a simulated hanging token fetch is held (the page's fetchTimeoutMs aborts it first). */
  hangMs?: number;
  /** Called with every token the endpoint hands out (the demo's e2e test counts them). */
  onTokenIssued?: (token: LinkToken) => void;
}

export interface HostServer {
  server: Server;
  vite: ViteDevServer;
  close(): Promise<void>;
}

export async function createHostServer(options: HostServerOptions): Promise<HostServer> {
  const events = createServerEvents();
  // The demo has one signed-in employee; a real host keeps the Smile user id with its own user.
  const employee: { id: string; smileUserId?: string } = { id: 'E-1042' };
  const hangTimers = new Set<NodeJS.Timeout>();

  // The first token comes with the new Smile user (POST /users); every later one from POST /tokens.
  const linkTokenHandler = createLinkTokenHandler({
    smile: createSmileClient({
      baseUrl: options.apiUrl,
      apiKeyId: options.apiKeyId,
      apiKeySecret: options.apiKeySecret,
      timeoutMs: 5000,
    }),
    getUser: () => employee,
    saveSmileUserId: (_id, smileUserId) => {
      employee.smileUserId = smileUserId;
    },
    externalMetadata: (user) => ({ employeeId: user.id }),
  });
  const issueToken = getRequestListener(async (request) => {
    const response = await linkTokenHandler(request);
    if (response.ok) {
      const token = (await response.clone().json()) as LinkToken;
      events.send({ type: 'tokenIssued', expiresAt: token.expiresAt });
      options.onTokenIssued?.(token);
    }
    return response;
  });

  async function linkToken(req: IncomingMessage, res: ServerResponse, url: URL) {
    const simulate = url.searchParams.get('simulate');
    if (simulate === 'fail') return sendError(res, 503, 'SIMULATED_OUTAGE', 'Simulated: the token endpoint is down.');
    if (simulate === 'hang') {
      const timer = setTimeout(
        () => sendError(res, 504, 'SIMULATED_HANG', 'Simulated: no answer in time.'),
        options.hangMs ?? 60_000,
      );
      hangTimers.add(timer);
      res.on('close', () => {
        clearTimeout(timer);
        hangTimers.delete(timer);
      });
      return;
    }
    // Node sets the Date header: with it, the browser SDK corrects a wrong client clock.
    await issueToken(req, res);
  }

  /** Demo controls of the mock Smile API's sandbox (not Smile API calls: plain fetch, same Basic auth). */
  async function sandbox(res: ServerResponse, path: string) {
    const answer = await fetch(`${options.apiUrl}/sandbox/${path}`, {
      method: 'POST',
      headers: { authorization: `Basic ${btoa(`${options.apiKeyId}:${options.apiKeySecret}`)}` },
    });
    const { data } = (await answer.json()) as { data?: unknown };
    sendJson(res, answer.status, data ?? null);
  }

  async function expireToken(_req: IncomingMessage, res: ServerResponse) {
    if (!employee.smileUserId) return sendJson(res, 200, { expired: 0 });
    await sandbox(res, `expire-tokens?userId=${encodeURIComponent(employee.smileUserId)}`);
  }

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => unknown> = {
    'POST /api/wink/link-token': linkToken,
    'POST /api/webhooks/smile': createWebhookRoute(options.webhookSecret, events),
    'GET /api/server-events': (req, res) => events.subscribe(req, res),
    'POST /api/sandbox/expire-token': expireToken,
    'POST /api/sandbox/redeliver-webhook': (_req, res) => sandbox(res, 'redeliver-webhook'),
  };

  const server = createServer();
  const vite = await createDemoVite({
    root: repoRoot,
    httpServer: server,
    name: 'host',
    define: { __WIDGET_URL__: options.widgetUrl, __SMILE_BRIDGE_URL__: options.bridgeUrl },
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes[`${req.method} ${url.pathname}`];
    if (!route) return vite.middlewares(req, res);
    Promise.resolve(route(req, res, url)).catch((error: Error) => {
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', error.message);
    });
  });

  return {
    server,
    vite,
    async close() {
      hangTimers.forEach(clearTimeout);
      events.close();
      await vite.close();
    },
  };
}
