import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJson, sendError, sendJson } from '../http-util';
import type { SandboxStore, TokenRefusal } from './store';
import type { WebhookSender } from './webhooks';

/**
 * The mock's routes for the sandbox widget (CORS, the Link token as its credential). Smile does
 * not document its widget's own API, so these are the demo's: `POST /widget/sessions` redeems a
 * token once; the others work while it lives. What the user does here sends the webhooks Smile
 * documents for it (tag-webhooks.md: ACCOUNT_*, TASK_*, *_ADDED, ARCHIVE_*).
 */
type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** The sandbox's failing password: anything else signs in. */
export const FAILING_PASSWORD = 'wrong';

const refusalMessage: Record<TokenRefusal, string> = {
  TOKEN_UNKNOWN: 'This Link token was never issued.',
  TOKEN_ALREADY_USED: 'This Link token was already used. Link tokens are single use.',
  TOKEN_EXPIRED: 'This Link token has expired.',
};

const hex = () => randomBytes(16).toString('hex');

export function createLinkApi(store: SandboxStore, webhooks: WebhookSender): Record<string, Route> {
  /** The widget's credential: its redeemed Link token, as a bearer token. */
  const widgetUser = (req: IncomingMessage, res: ServerResponse): string | undefined => {
    const session = store.session((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (typeof session !== 'string') return session.userId;
    sendError(res, 401, session, 'The Link token is expired or was never redeemed; ask the host for a fresh one.');
  };

  /** What Smile reports after a connection: the sync task and the data it added. */
  function syncAccount(userId: string, accountId: string, providers: string[]) {
    const task = { userId, sourceId: accountId, sourceType: 'ACCOUNT', taskType: 'LINK_ACCOUNT', providers };
    webhooks.send('TASK_STARTED', task);
    webhooks.send('IDENTITY_ADDED', { userId, accountId, identityId: `i-${hex()}`, providers });
    webhooks.send('INCOMES_ADDED', { userId, accountId, count: 12, providers });
    webhooks.send('TASK_FINISHED', {
      ...task,
      status: 'SUCCEEDED',
      errorCode: null,
      datapoints: ['IDENTITIES', 'INCOMES'],
    });
  }

  return {
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
      const body = (await readJson(req)) as
        | { providerId?: unknown; username?: unknown; password?: unknown }
        | undefined;
      const userId = widgetUser(req, res);
      if (!userId) return;
      if (typeof body?.providerId !== 'string') return sendError(res, 400, 'BAD_REQUEST', 'providerId is required.');
      const accountId = store.newAccountId();
      const providers = [body.providerId];
      const loginName = typeof body.username === 'string' ? body.username : '';
      webhooks.send('ACCOUNT_CREATED', { userId, accountId, providers });
      if (body.password === FAILING_PASSWORD) {
        const errorCode = 'INVALID_CREDENTIALS';
        webhooks.send('ACCOUNT_FAILED', {
          userId,
          accountId,
          loginName,
          errorCode,
          errorMessage: 'Invalid username or password!',
          providers,
        });
        return sendJson(res, 422, { error: errorCode, accountId, userId, providerId: body.providerId });
      }
      const account = store.addAccount(userId, body.providerId, accountId);
      webhooks.send('ACCOUNT_CONNECTED', { userId, accountId, loginName, providers });
      syncAccount(userId, accountId, providers);
      sendJson(res, 201, account);
    },
    'POST /widget/accounts/remove': async (req, res) => {
      const body = (await readJson(req)) as { accountId?: unknown } | undefined;
      const userId = widgetUser(req, res);
      if (!userId) return;
      const account = store.removeAccount(userId, String(body?.accountId));
      if (!account) return sendError(res, 404, 'ACCOUNT_NOT_FOUND', 'No such account.');
      webhooks.send('ACCOUNT_DISCONNECTED', { userId, accountId: account.accountId, providers: [account.providerId] });
      sendJson(res, 200, account);
    },
    'POST /widget/uploads': async (req, res) => {
      const body = (await readJson(req)) as { count?: unknown } | undefined;
      const userId = widgetUser(req, res);
      if (!userId) return;
      const count = Number(body?.count);
      if (!Number.isInteger(count) || count < 1 || count > 10)
        return sendError(res, 400, 'BAD_REQUEST', 'count must be 1 to 10.');
      const { archiveId, uploads } = store.addUploads(count);
      webhooks.send('ARCHIVE_STARTED', { userId, archiveId });
      webhooks.send('ARCHIVE_ANALYZED', { userId, archiveId });
      sendJson(res, 201, { userId, archiveId, uploads });
    },
  };
}
