import { WebhookError } from './errors.js';
import { BodyTooLarge, readCappedBytes } from './read-capped.js';
import { failure, json, methodNotAllowed, positiveInteger, report } from './responses.js';
import { checkMaxAge, isKnownWebhookEvent, parseWebhook } from './webhook.js';
import { createWebhookDeduper, type DedupeStore } from './webhook-dedupe.js';
import type { SmileWebhookEvent, SmileWebhookEventOf, SmileWebhookType } from './webhook-events.js';

/** A function per event type, its event typed: `{ ACCOUNT_CONNECTED: async (event) => … }`. */
export type SmileWebhookHandlers = {
  [T in SmileWebhookType]?: (event: SmileWebhookEventOf<T>, request: Request) => unknown;
};

export interface WebhookHandlerOptions {
  /**
   * The secret the webhook was registered with. Read at each request, so a build without the
   * environment variable still loads; unset when a webhook arrives → 500 and `onError`.
   */
  secret: string | undefined;
  /** Where handled event ids are kept (default: this process's memory). Several instances: `createRedisStore`. */
  store?: DedupeStore | undefined;
  /** Runs for a documented type, with its typed event. */
  on?: SmileWebhookHandlers | undefined;
  /** Runs for every verified event, unknown (newer) types included, after `on`'s function. */
  onEvent?: ((event: SmileWebhookEvent, request: Request) => unknown) | undefined;
  /** Replay protection: events signed longer ago than this are refused (400). Default 1 hour; `false` turns it off. */
  maxAgeMs?: number | false | undefined;
  /** A larger body is refused (413) without being read further. Default 1 MiB. */
  maxBodyBytes?: number | undefined;
  /** How long a handled id is remembered (default 24 h; at least maxAgeMs, so a replay inside the window is a repeat). */
  dedupeTtlMs?: number | undefined;
  /** A store call slower than this counts as the store being down: 503 (default 3000 ms). */
  storeTimeoutMs?: number | undefined;
  /** Your handler's errors (500) and configuration errors; not refused requests. */
  onError?: ((error: unknown, request: Request) => unknown) | undefined;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_TTL_MS = 24 * 60 * 60_000;
const misuse = (message: string): never => {
  throw new WebhookError('INVALID_ARGUMENT', `createWebhookHandler: ${message}`);
};

/**
 * Smile's webhook endpoint as a Fetch-API handler, `(request) => Promise<Response>`: reads the
 * body with a cap (413), verifies `Smile-Signature` with WebCrypto (401), refuses malformed or
 * stale events (400), runs your functions once per event id (200, unknown types included, so
 * Smile stops retrying), answers 500 and forgets the id when your function throws (Smile's retry
 * runs it again), and 503 when the store is down. Creating it does no I/O and starts no timer.
 */
export function createWebhookHandler(options: WebhookHandlerOptions): (request: Request) => Promise<Response> {
  if (typeof options !== 'object' || options === null) misuse('it needs options: { secret, on?, onEvent? }.');
  const { on = {}, onEvent, onError } = options;
  if (typeof on !== 'object' || on === null) misuse('on must be an object of functions by event type.');
  for (const [type, fn] of Object.entries(on)) if (typeof fn !== 'function') misuse(`on.${type} must be a function.`);
  if (onEvent !== undefined && typeof onEvent !== 'function') misuse('onEvent must be a function.');
  checkMaxAge(options.maxAgeMs);
  const maxAgeMs = options.maxAgeMs;
  const maxBodyBytes = positiveInteger(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes', misuse);
  const ttlMs = positiveInteger(options.dedupeTtlMs, DEFAULT_TTL_MS, 'dedupeTtlMs', misuse);
  if (typeof maxAgeMs === 'number' && ttlMs < maxAgeMs)
    misuse('dedupeTtlMs must be at least maxAgeMs, or a replay inside the window would be handled again.');
  const deduper = createWebhookDeduper({ store: options.store, ttlMs, storeTimeoutMs: options.storeTimeoutMs });

  async function dispatch(event: SmileWebhookEvent, request: Request) {
    if (isKnownWebhookEvent(event)) {
      const handle = on[event.type] as ((event: SmileWebhookEvent, request: Request) => unknown) | undefined;
      await handle?.(event, request);
    }
    await onEvent?.(event, request);
  }

  return async function handleWebhook(request: Request): Promise<Response> {
    if (request.method !== 'POST') return methodNotAllowed();
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await readCappedBytes(request, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLarge)
        return failure(413, 'PAYLOAD_TOO_LARGE', `A webhook body is at most ${maxBodyBytes} bytes.`);
      return failure(400, 'UNREADABLE_BODY', 'The request body could not be read.');
    }
    let event: SmileWebhookEvent;
    try {
      event = await parseWebhook(body, request.headers, { secret: options.secret as string, maxAgeMs });
    } catch (error) {
      if (!(error instanceof WebhookError) || error.code === 'INVALID_ARGUMENT') {
        report(onError, error, request);
        return failure(500, 'WEBHOOK_MISCONFIGURED', 'The webhook endpoint is not configured (its secret is unset).');
      }
      return failure(error.code.endsWith('SIGNATURE') ? 401 : 400, error.code, error.message);
    }
    try {
      const first = await deduper.once(event.id, () => dispatch(event, request));
      return json(200, { received: true, duplicate: !first });
    } catch (error) {
      if (error instanceof WebhookError && error.code === 'STORE_UNAVAILABLE') {
        report(onError, error, request);
        return failure(503, error.code, 'The dedupe store is unavailable; retry later.', { 'retry-after': '30' });
      }
      report(onError, error, request);
      return failure(500, 'HANDLER_FAILED', 'The event could not be handled; it will be retried.');
    }
  };
}
