import type { HostToWidget, WidgetToHost } from './messages.js';
import type { LinkToken } from './token.js';
// zod/mini (not zod): its object schemas are interpreted, never compiled with `new Function`,
// so a strict CSP without 'unsafe-eval' stays quiet; and it is the smallest zod.
import * as z from 'zod/mini';

/**
 * Every zod schema of the SDK, in one place: the Link token and both directions of the
 * protocol. Kept out of the public types: the shipped .d.ts never mention zod.
 */

// RFC 3339 date-time with a required offset, fields in range (a regex costs far fewer bytes
// than zod's ISO helper, and Date.parse reads every string it accepts).
const isoDateTime = z.string().check(
  z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i),
);

const tokenShape = {
  expiresAt: isoDateTime,
  mode: z.enum(['SANDBOX', 'PRODUCTION']),
  accessToken: z.string().check(z.minLength(1), z.maxLength(8192)),
};

export const tokenSchema = z.object({ ...tokenShape, serverTime: z.optional(isoDateTime) });

const id = z.string().check(z.minLength(1), z.maxLength(256));
const text = z.string().check(z.maxLength(2000));
const empty = z.object({});
const accountShape = { accountId: id, userId: id, providerId: id };
const account = z.object(accountShape);

export const widgetToHost = {
  ready: empty,
  accountCreated: account,
  accountConnected: account,
  accountRemoved: account,
  accountError: z.object({ ...accountShape, errorCode: id, errorMessage: text }),
  uploadsCreated: z.object({ userId: id, uploads: z.array(z.looseObject({ uploadId: id })) }),
  tokenExpired: empty,
  event: z.object({ name: id, metadata: z.looseObject({}) }),
  resize: z.object({ height: z.number().check(z.gte(0), z.lte(100_000)) }),
  close: z.object({ reason: z.optional(z.enum(['escape'])) }),
  error: z.object({ code: id, message: text }),
};

const tokenPayload = z.object(tokenShape);

export const hostToWidget = {
  init: z.object({ ...tokenShape, templateId: z.optional(id), sdkVersion: id }),
  token: tokenPayload,
  close: empty,
};

export type SchemaMap = Record<string, z.ZodMiniObject>;

// Compile-time proof that the schemas and the public types say the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Parsed<S extends SchemaMap> = { [K in keyof S]: z.output<S[K]> };
const schemasMatchTypes: [
  Same<z.output<typeof tokenSchema>, LinkToken>,
  Same<Parsed<typeof widgetToHost>, { [K in keyof WidgetToHost]: WidgetToHost[K] }>,
  Same<Parsed<typeof hostToWidget>, { [K in keyof HostToWidget]: HostToWidget[K] }>,
] = [true, true, true];
void schemasMatchTypes;
