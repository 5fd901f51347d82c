import type { SmileClient } from './client.js';
import { SmileApiError } from './errors.js';
import type { ExternalMetadata } from './external-metadata.js';
import { failure, json, methodNotAllowed, positiveInteger, report } from './responses.js';
import type { SmileToken } from './smile-token.js';
import { checkStoreTimeout, withinMs } from './store-timeout.js';
import { createMemoryDedupeStore, type RateLimitStore } from './webhook-dedupe.js';

/** Your signed-in user, as `getUser` finds it from the request (your session). */
export interface LinkTokenUser {
  /** Your own id for the user. */
  id: string;
  /** The Smile user id you saved with `saveSmileUserId`; none yet on the user's first launch. */
  smileUserId?: string | null | undefined;
}

export interface LinkTokenHandlerOptions {
  /** A SmileClient, or a function returning one: called at the first request, so a build without the API key still loads. */
  smile: SmileClient | (() => SmileClient | Promise<SmileClient>);
  /** The request's signed-in user, or null/undefined when nobody is (401). */
  getUser(request: Request): Promise<LinkTokenUser | null | undefined> | LinkTokenUser | null | undefined;
  /** Keep the new Smile user id with your user: called once, on the user's first launch. */
  saveSmileUserId(userId: string, smileUserId: string, request: Request): Promise<unknown> | unknown;
  /** Your references for a new Smile user (`POST /users` externalMetadata, e.g. `{ employeeId }`). */
  externalMetadata?: ((user: LinkTokenUser) => ExternalMetadata | undefined) | undefined;
  /**
   * The origins of the pages allowed to ask for tokens, as the browser names them (e.g.
   * `['https://app.example.com']` behind a proxy that changes the URL the server sees). Default:
   * the request URL's own origin. No CORS headers are sent: another origin needs your own CORS layer.
   */
  allowedOrigins?: readonly string[] | undefined;
  /** Smile's failures (a SmileApiError: quote its requestId to support) and your functions' errors. */
  onError?: ((error: unknown, request: Request) => unknown) | undefined;
  /** At most `max` tokens per user per `windowMs` (429 beyond), counted in `store` (default: this process's memory). */
  rateLimit?: { store?: RateLimitStore | undefined; max: number; windowMs: number } | undefined;
  /** A rate-limit store call slower than this counts as the store being down: 503 (default 3000 ms). */
  storeTimeoutMs?: number | undefined;
}

const misuse = (message: string): never => {
  throw new SmileApiError('INVALID_ARGUMENT', `createLinkTokenHandler: ${message}`);
};

function checkOptions(options: LinkTokenHandlerOptions) {
  if (typeof options !== 'object' || options === null) misuse('it needs options: { smile, getUser, saveSmileUserId }.');
  if (typeof options.smile !== 'function' && typeof options.smile?.createToken !== 'function')
    misuse('smile must be a SmileClient (createSmileClient) or a function returning one.');
  for (const name of ['getUser', 'saveSmileUserId'] as const)
    if (typeof options[name] !== 'function') misuse(`${name} must be a function.`);
  for (const name of ['externalMetadata', 'onError'] as const)
    if (options[name] !== undefined && typeof options[name] !== 'function') misuse(`${name} must be a function.`);
  const origins = options.allowedOrigins;
  if (origins !== undefined && (!Array.isArray(origins) || origins.some((o) => typeof o !== 'string')))
    misuse("allowedOrigins must be an array of origins, e.g. ['https://app.example.com'].");
}

function originOf(url: string): string {
  const origin = URL.canParse(url) ? new URL(url).origin : 'null';
  if (origin === 'null') misuse(`allowedOrigins: ${JSON.stringify(url.slice(0, 100))} is not an http(s) origin.`);
  return origin;
}

/**
 * Your Link token endpoint as a Fetch-API handler, `(request) => Promise<Response>`: POST only
 * (405); a cross-site request or another page's Origin gets 403 and Smile is never called (a page
 * elsewhere must not mint tokens for your signed-in user); no user → 401; then `createToken` for
 * a user with a Smile id, or `createUser` and `saveSmileUserId` on the first launch; 200 with the
 * token, never cached. Smile failing → 502 without any credential, and `onError`. The request's
 * abort cancels the Smile call. Creating it does no I/O and starts no timer.
 */
export function createLinkTokenHandler(options: LinkTokenHandlerOptions): (request: Request) => Promise<Response> {
  checkOptions(options);
  const { getUser, saveSmileUserId, onError } = options;
  const allowed = options.allowedOrigins?.map(originOf);
  const timeoutMs = checkStoreTimeout(options.storeTimeoutMs, 'createLinkTokenHandler', misuse);
  const limit = options.rateLimit && {
    store: options.rateLimit.store ?? createMemoryDedupeStore(),
    max: positiveInteger(options.rateLimit.max, undefined, 'rateLimit.max', misuse),
    windowMs: positiveInteger(options.rateLimit.windowMs, undefined, 'rateLimit.windowMs', misuse),
  };
  let client: Promise<SmileClient> | undefined;
  const smile = () => {
    if (!client) {
      const given = options.smile;
      client = Promise.resolve().then(() => (typeof given === 'function' ? given() : given));
      // A failed lookup (a missing env var) is tried again at the next request.
      client.catch(() => (client = undefined));
    }
    return client;
  };
  /** First launches in flight, by your user id: a double click creates one Smile user, not two. */
  const creating = new Map<string, Promise<string>>();

  function crossSite(request: Request): boolean {
    if (request.headers.get('sec-fetch-site') === 'cross-site') return true;
    const origin = request.headers.get('origin');
    // No Origin: not a browser's cross-origin request (browsers send it on every POST from a page).
    if (origin === null) return false;
    return !(allowed ?? [new URL(request.url).origin]).includes(origin);
  }

  async function token(user: LinkTokenUser, request: Request): Promise<SmileToken> {
    const signal = request.signal;
    const client = await smile();
    // Another request of this user is creating its Smile user: wait for the id (if it fails, try
    // ourselves). No await otherwise, so that looking and registering below happen in one turn.
    const pending = user.smileUserId ? undefined : creating.get(user.id);
    const smileUserId = user.smileUserId || (pending && (await pending.catch(() => undefined)));
    if (smileUserId) return client.createToken(smileUserId, { signal });
    const created = client
      .createUser({ externalMetadata: options.externalMetadata?.(user) }, { signal })
      .then(async (answer) => {
        await saveSmileUserId(user.id, answer.user.id, request);
        return answer;
      });
    const id = created.then((answer) => answer.user.id);
    creating.set(user.id, id);
    void id.catch(() => {}).finally(() => creating.get(user.id) === id && creating.delete(user.id));
    return (await created).token;
  }

  return async function handleLinkToken(request: Request): Promise<Response> {
    if (request.method !== 'POST') return methodNotAllowed();
    if (crossSite(request)) return failure(403, 'CROSS_SITE', 'Link tokens are issued to this site’s own pages only.');
    try {
      const user = await getUser(request);
      if (!user) return failure(401, 'NOT_SIGNED_IN', 'Sign in first.');
      if (typeof user.id !== 'string' || user.id === '')
        misuse('getUser must return { id: string, smileUserId? } or null.');
      if (limit) {
        let count: number;
        try {
          count = await withinMs(() => limit.store.increment(`link-token:${user.id}`, limit.windowMs), timeoutMs);
        } catch (error) {
          report(onError, error, request);
          return failure(503, 'STORE_UNAVAILABLE', 'The rate-limit store is unavailable; retry later.');
        }
        if (count > limit.max) {
          const retryAfter = String(Math.ceil(limit.windowMs / 1000));
          return failure(429, 'RATE_LIMITED', 'Too many Link tokens asked for; wait a little.', {
            'retry-after': retryAfter,
          });
        }
      }
      return json(200, await token(user, request));
    } catch (error) {
      // The page went away: nobody reads the answer, and it is not a failure to report.
      if (request.signal.aborted) return failure(499, 'CLIENT_CLOSED_REQUEST', 'The request was aborted.');
      report(onError, error, request);
      if (error instanceof SmileApiError && error.code !== 'INVALID_ARGUMENT') {
        // Smile's requestId helps support; the message (already masked) stays in your logs via onError.
        return json(502, {
          error: { code: 'SMILE_API_ERROR', smileCode: error.smileCode, requestId: error.requestId },
        });
      }
      return failure(500, 'INTERNAL', 'The Link token could not be issued.');
    }
  };
}
