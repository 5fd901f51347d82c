import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { WebhookError } from './errors.js';

/**
 * Smile API webhooks. Signature scheme (when you configure a signing secret):
 *   header `X-Smile-Signature: sha256=<hex>`, where <hex> is the lowercase hex
 *   HMAC-SHA256 of the raw request body (the exact bytes received) keyed with the secret.
 * Verify before parsing: an unsigned body is never trusted, not even as JSON.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'x-smile-signature';

/** `USER_CREATED`: the user exists and their Link token can be fetched. */
export interface UserCreatedEvent {
  id: string;
  version: string | number;
  type: 'USER_CREATED';
  createdAt: string;
  data: { userId: string };
}

/** Every webhook this version understands (a union, so `switch (event.type)` narrows). */
export type SmileWebhookEvent = UserCreatedEvent;

/** Node's `req.headers`, a fetch `Headers`, or any name → value record. */
export type HeadersLike = Headers | Record<string, string | string[] | undefined>;

const id = z.string().check(z.minLength(1), z.maxLength(256));
const envelope = z.looseObject({
  id,
  version: z.union([id, z.number()]),
  type: id,
  createdAt: z.iso.datetime({ offset: true }),
  data: z.record(z.string(), z.unknown()),
});
const eventSchemas = {
  USER_CREATED: z.object({ ...envelope.shape, type: z.literal('USER_CREATED'), data: z.object({ userId: id }) }),
};

function toBytes(rawBody: string | Uint8Array): Buffer {
  return typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : Buffer.from(rawBody);
}

function hmac(rawBody: string | Uint8Array, secret: string): Buffer {
  return createHmac('sha256', secret).update(toBytes(rawBody)).digest();
}

/** The `X-Smile-Signature` value for a body (for senders, mocks and tests). */
export function signWebhook(rawBody: string | Uint8Array, secret: string): string {
  return `sha256=${hmac(rawBody, secret).toString('hex')}`;
}

function header(headers: HeadersLike, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value[0] : value;
}

function verifySignature(rawBody: string | Uint8Array, headers: HeadersLike, secret: string) {
  const given = header(headers, WEBHOOK_SIGNATURE_HEADER);
  if (given === undefined) {
    throw new WebhookError(
      'MISSING_SIGNATURE',
      `The webhook has no ${WEBHOOK_SIGNATURE_HEADER} header, but a signing secret is configured.`,
    );
  }
  const match = /^sha256=([0-9a-f]{64})$/i.exec(given.trim());
  // Equal lengths before timingSafeEqual: it throws on a length mismatch.
  if (!match || !timingSafeEqual(Buffer.from(match[1]!, 'hex'), hmac(rawBody, secret))) {
    throw new WebhookError(
      'BAD_SIGNATURE',
      `The webhook's ${WEBHOOK_SIGNATURE_HEADER} does not match its body (expected "sha256=<hex HMAC-SHA256 of the raw body>").`,
    );
  }
}

/**
 * Reads a Smile API webhook request. Pass the raw body exactly as received (not re-serialized
 * JSON: the signature covers the bytes). Throws WebhookError on anything it cannot vouch for.
 */
export function parseWebhook(
  rawBody: string | Uint8Array,
  headers: HeadersLike,
  options: { secret?: string } = {},
): SmileWebhookEvent {
  if (typeof rawBody !== 'string' && !(rawBody instanceof Uint8Array)) {
    throw new WebhookError(
      'MALFORMED',
      'parseWebhook needs the raw request body (string or bytes), not a parsed object.',
    );
  }
  // A `secret` key that is present but empty (an unset or blank env var) must not quietly turn
  // verification off: only leaving the option out accepts unsigned webhooks.
  if ('secret' in options) {
    if (typeof options.secret !== 'string' || options.secret === '') {
      throw new WebhookError(
        'INVALID_ARGUMENT',
        'parseWebhook got an empty secret: set your webhook signing secret, or leave the option out to accept unsigned webhooks on purpose.',
      );
    }
    verifySignature(rawBody, headers, options.secret);
  }
  let json: unknown;
  try {
    json = JSON.parse(toBytes(rawBody).toString('utf8'));
  } catch {
    throw new WebhookError('MALFORMED', 'The webhook body is not JSON.');
  }
  const base = envelope.safeParse(json);
  if (!base.success) {
    const field = base.error.issues[0]?.path.join('.') || 'body';
    throw new WebhookError(
      'MALFORMED',
      `The webhook is not a Smile API event { id, version, type, createdAt, data }: check ${field}.`,
    );
  }
  const type = base.data.type;
  if (!Object.hasOwn(eventSchemas, type)) {
    throw new WebhookError(
      'UNKNOWN_TYPE',
      `Unknown webhook type ${JSON.stringify(type.slice(0, 64))}; known: ${Object.keys(eventSchemas).join(', ')}.`,
    );
  }
  const event = eventSchemas[type as keyof typeof eventSchemas].safeParse(json);
  if (!event.success) {
    const field = event.error.issues[0]?.path.join('.') || 'body';
    throw new WebhookError('MALFORMED', `The ${type} webhook is malformed: check ${field}.`);
  }
  return event.data;
}
