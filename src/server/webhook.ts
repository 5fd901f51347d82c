import { createHmac, timingSafeEqual } from 'node:crypto';
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
  /** Refuse (`STALE`) an event whose signed `createdAt` is further than this from now. Smile retries a few dozen seconds apart, so allow minutes. */
  maxAgeMs?: number | undefined;
};

function bytes(rawBody: RawBody): Buffer {
  if (typeof rawBody === 'string') return Buffer.from(rawBody, 'utf8');
  return rawBody instanceof ArrayBuffer
    ? Buffer.from(rawBody)
    : Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
}

function digest(body: Buffer, secret: string): Buffer {
  return createHmac('sha512', Buffer.from(secret, 'utf8')).update(body).digest();
}

function misuse(message: string): never {
  throw new WebhookError('INVALID_ARGUMENT', message);
}

/** The `Smile-Signature` value for a body (for mocks, tests and forwarding proxies). */
export function signWebhook(rawBody: RawBody, secret: string): string {
  if (typeof secret !== 'string' || secret === '') misuse('signWebhook needs the webhook secret (a non-empty string).');
  return digest(bytes(rawBody), secret).toString('hex');
}

function header(headers: HeadersLike, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  // Two signature headers: refuse rather than pick one.
  return Array.isArray(value) ? (value.length === 1 ? value[0] : '') : value;
}

function verify(body: Buffer, headers: HeadersLike, secret: string) {
  const given = header(headers, SMILE_SIGNATURE_HEADER);
  if (given === undefined) {
    throw new WebhookError(
      'MISSING_SIGNATURE',
      'The webhook has no Smile-Signature header: it did not come from Smile.',
    );
  }
  const hex = given.trim();
  // Equal lengths before timingSafeEqual, which throws on a mismatch; 128 hex digits = 64 bytes.
  if (!/^[0-9a-f]{128}$/i.test(hex) || !timingSafeEqual(Buffer.from(hex, 'hex'), digest(body, secret))) {
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
  const { maxAgeMs } = options;
  if (maxAgeMs !== undefined && !(Number.isFinite(maxAgeMs) && maxAgeMs > 0))
    misuse(`maxAgeMs must be a positive number of milliseconds, got ${String(maxAgeMs)}.`);
}

function malformed(what: string, issues: ReadonlyArray<{ path: PropertyKey[] }>): never {
  const field = issues[0]?.path.map(String).join('.') || 'body';
  throw new WebhookError('MALFORMED', `${what}: check ${field}.`);
}

/**
 * Reads a Smile webhook request: verifies its signature over the raw body (pass it exactly as
 * received: a string, a Buffer, or an ArrayBuffer), then checks the event. A documented type is
 * checked against its documented fields; an unknown type is passed through as `{ type, data }`.
 * Throws WebhookError on anything it cannot vouch for.
 */
export function parseWebhook(rawBody: RawBody, headers: HeadersLike, options: ParseWebhookOptions): SmileWebhookEvent {
  checkOptions(options);
  if (typeof rawBody !== 'string' && !(rawBody instanceof Uint8Array) && !(rawBody instanceof ArrayBuffer))
    misuse('parseWebhook needs the raw request body (string, Buffer or ArrayBuffer), not a parsed object.');
  if (typeof headers !== 'object' || headers === null) misuse('parseWebhook needs the request headers.');
  const body = bytes(rawBody);
  if (options.unsafeSkipVerification !== true) verify(body, headers, options.secret);

  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new WebhookError('MALFORMED', 'The webhook body is not JSON.');
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) malformed('Not a Smile event { id, version, type, createdAt, data }', envelope.error.issues);
  const event = json as SmileWebhookEvent;
  if (options.maxAgeMs !== undefined) {
    const age = Date.now() - Date.parse(event.createdAt);
    if (Math.abs(age) > options.maxAgeMs) {
      throw new WebhookError(
        'STALE',
        `The event was created ${Math.round(age / 1000)} s ago, beyond maxAgeMs (${options.maxAgeMs} ms): a replay, or a clock off.`,
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
