import { fromHex, fromUtf8, toHex, utf8 } from './bytes.js';
import { WebhookError } from './errors.js';
import type { KnownSmileWebhookEvent, SmileWebhookEvent, SmileWebhookType } from './webhook-events.js';
import { dataSchemas, envelopeSchema } from './webhook-schemas.js';

/**
 * Smile webhooks (SmileAPI/smile-openapi docs/english/api-reference/tags/tag-webhooks.md,
 * "Validating Payloads", :834-936): the `Smile-Signature` header is the lowercase hex
 * HMAC-SHA512 of the entire raw body, keyed with the secret you registered the endpoint with
 * (:840, Java sample :889-921; openapi-v1.yaml `Webhook.secret`). Verify before parsing: an
 * unsigned body is never trusted, not even as JSON.
 */
export const SMILE_SIGNATURE_HEADER = 'smile-signature';

/** Every documented event type (tag-webhooks.md:108-135, plus ACCOUNT_SYNC_TASK_FINISHED from :46,83). */
export const SMILE_WEBHOOK_TYPES = Object.freeze(Object.keys(dataSchemas)) as readonly SmileWebhookType[];

/** Node's `req.headers`, a fetch `Headers`, or any name → value record. */
export type HeadersLike = Headers | Record<string, string | string[] | undefined>;
/** A string, a Buffer or any Uint8Array, or an ArrayBuffer: the bytes exactly as received. */
export type RawBody = string | Uint8Array | ArrayBuffer;

export type ParseWebhookOptions = (
  | {
      /** The secret you registered the webhook with (Developer Portal, or `POST /webhooks`). */
      secret: string;
      unsafeSkipVerification?: false;
    }
  | {
      /** Accept unsigned, unverified webhooks. Local experiments only: anyone can forge them. */
      unsafeSkipVerification: true;
      secret?: undefined;
    }
) & {
  /**
   * Replay protection: refuse (`STALE`) an event whose signed `createdAt` is further than this
   * from now. Default one hour (`DEFAULT_WEBHOOK_MAX_AGE_MS`): Smile retries a few dozen seconds
   * apart. `false` turns the check off (then a captured webhook is accepted forever).
   */
  maxAgeMs?: number | false | undefined;
};

/** One hour: Smile's two retries come a few dozen seconds apart, clocks may be minutes off. */
export const DEFAULT_WEBHOOK_MAX_AGE_MS = 60 * 60_000;
/** 64 bytes: an HMAC-SHA512. */
const SIGNATURE_BYTES = 64;

function bytes(rawBody: RawBody): Uint8Array<ArrayBuffer> {
  if (typeof rawBody === 'string') return utf8(rawBody);
  if (rawBody instanceof ArrayBuffer) return new Uint8Array(rawBody);
  // WebCrypto takes no view of a SharedArrayBuffer: copy only then.
  return rawBody.buffer instanceof ArrayBuffer ? (rawBody as Uint8Array<ArrayBuffer>) : new Uint8Array(rawBody);
}

/** Imported keys by secret: importKey costs more than verifying a typical event. */
const keys = new Map<string, Promise<CryptoKey>>();
const MAX_KEYS = 8;

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size >= MAX_KEYS) keys.clear();
    key = crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-512' }, false, ['sign', 'verify']);
    keys.set(secret, key);
  }
  return key;
}

function misuse(message: string): never {
  throw new WebhookError('INVALID_ARGUMENT', message);
}

/** The `Smile-Signature` value for a body (for mocks, tests and forwarding proxies). */
export async function signWebhook(rawBody: RawBody, secret: string): Promise<string> {
  if (typeof secret !== 'string' || secret === '') misuse('signWebhook needs the webhook secret (a non-empty string).');
  return toHex(new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), bytes(rawBody))));
}

/** The header's value; '' (never a match) for two of them or a value that is not a string. */
function header(headers: HeadersLike, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, unknown>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  // Two signature headers: refuse rather than pick one.
  const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
  return single === undefined || typeof single === 'string' ? single : '';
}

async function verify(body: Uint8Array<ArrayBuffer>, headers: HeadersLike, secret: string): Promise<void> {
  const given = header(headers, SMILE_SIGNATURE_HEADER);
  if (given === undefined) {
    throw new WebhookError(
      'MISSING_SIGNATURE',
      'The webhook has no Smile-Signature header: it did not come from Smile.',
    );
  }
  const signature = fromHex(given.trim());
  // subtle.verify compares in constant time; a value of the wrong length or not hex never matches.
  const valid =
    signature?.byteLength === SIGNATURE_BYTES &&
    (await crypto.subtle.verify('HMAC', await hmacKey(secret), signature, body));
  if (!valid) {
    throw new WebhookError(
      'BAD_SIGNATURE',
      'The Smile-Signature header does not match the body (hex HMAC-SHA512 of the raw body, keyed with your secret): pass the raw body as received, and check the secret.',
    );
  }
}

function checkOptions(options: ParseWebhookOptions): void {
  if (typeof options !== 'object' || options === null) misuse('parseWebhook needs options: { secret }.');
  const skip = options.unsafeSkipVerification;
  if (skip !== undefined && typeof skip !== 'boolean') misuse('unsafeSkipVerification must be true or left out.');
  if (skip === true) {
    if (options.secret !== undefined) misuse('parseWebhook got both a secret and unsafeSkipVerification: keep one.');
  } else if (typeof options.secret !== 'string' || options.secret === '') {
    // Fail closed: an unset environment variable must not turn verification off.
    misuse(
      'parseWebhook needs your webhook secret (a non-empty string): is its environment variable set? Unverified webhooks need { unsafeSkipVerification: true }, for local experiments only.',
    );
  }
  checkMaxAge(options.maxAgeMs);
}

/** maxAgeMs: a positive number of ms, or `false` (explicitly off). */
export function checkMaxAge(maxAgeMs: unknown): void {
  if (maxAgeMs !== undefined && maxAgeMs !== false && !(typeof maxAgeMs === 'number' && maxAgeMs > 0))
    misuse(
      `maxAgeMs must be a positive number of milliseconds, or false to turn replay protection off; got ${String(maxAgeMs)}.`,
    );
}

function malformed(what: string, issues: ReadonlyArray<{ path: PropertyKey[] }>): never {
  const field = issues[0]?.path.map(String).join('.') || 'body';
  throw new WebhookError('MALFORMED', `${what}: check ${field}.`);
}

/**
 * Reads a Smile webhook request: verifies its signature over the raw body (pass it exactly as
 * received: a string, a Buffer/Uint8Array, or an ArrayBuffer) with WebCrypto, refuses a stale
 * event (`maxAgeMs`, one hour by default), then checks the event. A documented type is checked
 * against its documented fields; an unknown type is passed through as `{ type, data }`.
 * Rejects with a WebhookError on anything it cannot vouch for. For a whole endpoint (status
 * codes, dedupe, body cap), use `createWebhookHandler`.
 */
export async function parseWebhook(
  rawBody: RawBody,
  headers: HeadersLike,
  options: ParseWebhookOptions,
): Promise<SmileWebhookEvent> {
  checkOptions(options);
  if (typeof rawBody !== 'string' && !(rawBody instanceof Uint8Array) && !(rawBody instanceof ArrayBuffer))
    misuse('parseWebhook needs the raw request body (string, Buffer or ArrayBuffer), not a parsed object.');
  if (typeof headers !== 'object' || headers === null) misuse('parseWebhook needs the request headers.');
  const body = bytes(rawBody);
  if (options.unsafeSkipVerification !== true) await verify(body, headers, options.secret);

  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(body));
  } catch {
    throw new WebhookError('MALFORMED', 'The webhook body is not JSON.');
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) malformed('Not a Smile event { id, version, type, createdAt, data }', envelope.error.issues);
  const event = json as SmileWebhookEvent;
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_WEBHOOK_MAX_AGE_MS;
  if (maxAgeMs !== false) {
    const age = Date.now() - Date.parse(event.createdAt);
    if (Math.abs(age) > maxAgeMs) {
      throw new WebhookError(
        'STALE',
        `The event was created ${Math.round(age / 1000)} s ago, beyond maxAgeMs (${maxAgeMs} ms): a replay, or a clock off.`,
      );
    }
  }
  if (isKnownWebhookEvent(event)) {
    const data = dataSchemas[event.type].safeParse(event.data);
    if (!data.success)
      malformed(
        `Malformed ${event.type} event`,
        data.error.issues.map((i) => ({ path: ['data', ...i.path] })),
      );
  }
  return event;
}

/** Whether an event from parseWebhook is of a documented type: then `switch (event.type)` narrows `data`. */
export function isKnownWebhookEvent(event: SmileWebhookEvent): event is KnownSmileWebhookEvent {
  return Object.hasOwn(dataSchemas, event.type);
}
