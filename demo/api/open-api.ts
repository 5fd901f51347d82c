import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJson } from '../http-util';
import { basicAuthorized, sendSmile, sendSmileError } from './smile-http';
import type { SandboxStore } from './store';
import type { WebhookSender } from './webhooks';

/**
 * The mock's server-to-server routes, under `/v1` like the real hosts, as SmileAPI/smile-openapi
 * openapi-v1.yaml documents them: `POST /users` `{ externalMetadata }` → 201 `data: { user, token }`
 * (:301-316, :10273-10335) and `POST /tokens?userId=` → 201 `data: Token` (:449-500). Plus two
 * sandbox controls of the demo's own (not Smile's): expire a user's tokens, redeliver a webhook.
 */
type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

export interface OpenApiOptions {
  apiKeyId: string;
  apiKeySecret: string;
  store: SandboxStore;
  webhooks: WebhookSender;
}

const ASCII = /^[\x20-\x7e]*$/;

/** openapi-v1.yaml ObjectExternalMetadata: at most 5 ASCII string pairs. */
function readMetadata(body: unknown): Record<string, string> | undefined {
  const metadata = (body as { externalMetadata?: unknown } | undefined)?.externalMetadata ?? {};
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const entries = Object.entries(metadata);
  const valid =
    entries.length <= 5 &&
    entries.every(([k, v]) => typeof v === 'string' && k.length <= 50 && v.length <= 500 && ASCII.test(k + v));
  return valid ? (metadata as Record<string, string>) : undefined;
}

export function createOpenApi({ apiKeyId, apiKeySecret, store, webhooks }: OpenApiOptions) {
  const userOf = (url: URL, res: ServerResponse): string | undefined => {
    const userId = url.searchParams.get('userId');
    if (!userId) sendSmileError(res, 'INVALID_PARAMETERS');
    else if (!store.hasUser(userId)) sendSmileError(res, 'MISSING_RESOURCE');
    else return userId;
  };

  const routes: Record<string, Route> = {
    'POST /v1/users': async (req, res) => {
      const metadata = readMetadata(await readJson(req));
      if (!metadata) return sendSmileError(res, 'INVALID_PARAMETERS');
      const user = store.createUser(metadata);
      sendSmile(res, 201, { user, token: store.issueToken(user.id) });
      webhooks.send('USER_CREATED', { userId: user.id });
    },
    'POST /v1/tokens': (_req, res, url) => {
      const userId = userOf(url, res);
      if (userId) sendSmile(res, 201, store.issueToken(userId));
    },
    'POST /v1/sandbox/expire-tokens': (_req, res, url) => {
      const userId = userOf(url, res);
      if (userId) sendSmile(res, 200, { expired: store.expireTokens(userId) });
    },
    'POST /v1/sandbox/redeliver-webhook': (_req, res) => {
      const event = webhooks.redeliverLast();
      sendSmile(res, 200, event ? { id: event.id, type: event.type } : null);
    },
  };

  /** Answers a `/v1/…` request: Basic auth first, then the route, in Smile's envelope. */
  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (!basicAuthorized(req, apiKeyId, apiKeySecret)) return sendSmileError(res, 'INVALID_CREDENTIALS');
    const route = routes[`${req.method} ${url.pathname}`];
    if (!route) return sendSmileError(res, 'MISSING_RESOURCE');
    await route(req, res, url);
  };
}
