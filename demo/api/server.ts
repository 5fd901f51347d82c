import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readJson, sendError, sendJson } from '../http-util';
import { SandboxStore, type TokenRefusal } from './store';
import { createWebhookSender, type WebhookSender } from './webhooks';

/**
 * The mock Smile API. Server-to-server (API key): `POST /users`, `POST /tokens?userId=`, and a
 * sandbox control `POST /sandbox/expire-tokens?userId=`. For the widget (CORS, the Link token as
 * credential): `POST /widget/sessions` redeems a token once; `GET /widget/session` and
 * `/widget/accounts` work while it lives.
 */
export interface MockApiOptions {
  apiKey: string;
  webhookSecret: string;
  tokenTtlMs: number;
  log?: (message: string) => void;
}

export interface MockApi {
  server: Server;
  webhooks: WebhookSender;
  /** The widget's origin, allowed by CORS; set once the widget server is listening. */
  widgetOrigin?: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

export function createMockApi(options: MockApiOptions): MockApi {
  const store = new SandboxStore(options.tokenTtlMs);
  const webhooks = createWebhookSender(options.webhookSecret, options.log ?? (() => {}));
  const api: MockApi = { server: createServer(), webhooks };

  const authorized = (req: IncomingMessage) => req.headers.authorization === `Bearer ${options.apiKey}`;

  /** The widget's credential: its redeemed Link token, as a bearer token. */
  const widgetUser = (req: IncomingMessage, res: ServerResponse): string | undefined => {
    const session = store.session((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (typeof session !== 'string') return session.userId;
    sendError(res, 401, session, 'The Link token is expired or was never redeemed; ask the host for a fresh one.');
  };

  const serverRoutes: Record<string, Handler> = {
    'POST /users': (_req, res) => {
      const user = store.createUser();
      sendJson(res, 201, { ...user, token: store.issueToken(user.id) });
      webhooks.userCreated(user.id);
    },
    'POST /tokens': (_req, res, url) => {
      const userId = url.searchParams.get('userId') ?? '';
      if (!store.hasUser(userId)) return sendError(res, 404, 'USER_NOT_FOUND', `No user ${JSON.stringify(userId)}.`);
      sendJson(res, 201, store.issueToken(userId));
    },
    'POST /sandbox/expire-tokens': (_req, res, url) => {
      sendJson(res, 200, { expired: store.expireTokens(url.searchParams.get('userId') ?? '') });
    },
  };

  const widgetRoutes: Record<string, Handler> = {
    'POST /widget/sessions': async (req, res) => {
      const body = (await readJson(req)) as { accessToken?: unknown } | undefined;
      const result = store.redeem(typeof body?.accessToken === 'string' ? body.accessToken : '');
      if (typeof result === 'string') return sendError(res, 401, result, refusalMessage[result]);
      sendJson(res, 200, { userId: result.userId, expiresAt: new Date(result.expiresAt).toISOString() });
    },
    'GET /widget/session': (req, res) => {
      const userId = widgetUser(req, res);
      if (userId) sendJson(res, 200, { userId });
    },
    'GET /widget/accounts': (req, res) => {
      const userId = widgetUser(req, res);
      if (userId) sendJson(res, 200, store.listAccounts(userId));
    },
    'POST /widget/accounts': async (req, res) => {
      const body = (await readJson(req)) as { providerId?: unknown } | undefined;
      const userId = widgetUser(req, res);
      if (!userId) return;
      if (typeof body?.providerId !== 'string') return sendError(res, 400, 'BAD_REQUEST', 'providerId is required.');
      sendJson(res, 201, store.addAccount(userId, body.providerId));
    },
    'POST /widget/accounts/remove': async (req, res) => {
      const body = (await readJson(req)) as { accountId?: unknown } | undefined;
      const userId = widgetUser(req, res);
      if (!userId) return;
      const account = store.removeAccount(userId, String(body?.accountId));
      if (!account) return sendError(res, 404, 'ACCOUNT_NOT_FOUND', 'No such account.');
      sendJson(res, 200, account);
    },
  };

  api.server.on('request', async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = `${req.method} ${url.pathname}`;
    try {
      if (url.pathname.startsWith('/widget/')) {
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
        return await (widgetRoutes[route] ?? notFound)(req, res, url);
      }
      const handler = serverRoutes[route];
      if (!handler) return notFound(req, res);
      if (!authorized(req))
        return sendError(res, 401, 'UNAUTHORIZED', 'Missing or wrong API key (Authorization: Bearer <key>).');
      await handler(req, res, url);
    } catch (error) {
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', (error as Error).message);
    }
  });
  return api;
}

const refusalMessage: Record<TokenRefusal, string> = {
  TOKEN_UNKNOWN: 'This Link token was never issued.',
  TOKEN_ALREADY_USED: 'This Link token was already used. Link tokens are single use.',
  TOKEN_EXPIRED: 'This Link token has expired.',
};

function notFound(_req: IncomingMessage, res: ServerResponse) {
  sendError(res, 404, 'NOT_FOUND', 'No such endpoint in the mock Smile API.');
}
