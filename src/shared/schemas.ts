import type { HostToWidget, WidgetToHost } from './messages.js';
import {
  arrayOf,
  boolean,
  number,
  object,
  oneOf,
  optional,
  string,
  type Infer,
  type ObjectRule,
  type Shape,
} from './rules.js';
import type { LinkToken } from './token.js';

/**
 * Every schema of the browser SDK, in one place: the Link token and both directions of the
 * protocol. test/support/zod-reference.ts states the same in zod, and a property test checks
 * that both accept exactly the same values.
 */

// RFC 3339 date-time with a required offset, fields in range; Date.parse reads every string
// it accepts.
const isoDateTime = string(
  0,
  Infinity,
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i,
);

const tokenShape = {
  expiresAt: isoDateTime,
  mode: oneOf('SANDBOX', 'PRODUCTION'),
  accessToken: string(1, 8192),
};

export const tokenSchema = object({ ...tokenShape, serverTime: optional(isoDateTime) });

const id = string(1, 256);
const text = string(0, 2000);
const empty = object({});
const accountShape = { accountId: id, userId: id, providerId: id };
const account = object(accountShape);
const uploads = object({ userId: id, uploads: arrayOf(object({ id })) });
const ids = arrayOf(id);

/** Smile's widget options; `topProviders`: "Maximum number of providers to highlight is 10". */
export const widgetOptionsSchema = object({
  topProviders: optional(arrayOf(id, 10)),
  providers: optional(ids),
  enableSearchBar: optional(boolean),
  enableTypeBar: optional(boolean),
  enableUpload: optional(boolean),
  companyName: optional(id),
  enableConsentPage: optional(boolean),
});

export const widgetToHost = {
  ready: empty,
  accountCreated: account,
  accountConnected: account,
  accountRemoved: account,
  accountError: object({ ...accountShape, errorCode: id, errorMessage: optional(text) }),
  // Uploads and event metadata may carry more keys than these (zod's looseObject).
  uploadsCreated: uploads,
  uploadsRemoved: uploads,
  tokenExpired: empty,
  event: object({ name: id, metadata: object({}) }),
  resize: object({ height: number(0, 100_000) }),
  close: object({ reason: optional(oneOf('close', 'exit', 'error', 'escape')) }),
  error: object({ code: id, message: text }),
};

/**
 * The token's fields and `shape`'s. A call marked pure, not a spread in place: a bundle that never
 * reads `hostToWidget` (the script tag's) then drops it whole, where a spread at module level
 * stays for the getters it might run.
 */
const withToken = <S extends Shape>(shape: S) => ({ ...tokenShape, ...shape });

export const hostToWidget = {
  init: object(
    /* @__PURE__ */ withToken({
      templateId: optional(id),
      widgetOptions: optional(widgetOptionsSchema),
      locale: optional(id),
      sdkVersion: id,
    }),
  ),
  token: object(tokenShape),
  close: empty,
};

export type SchemaMap = Record<string, ObjectRule<Shape>>;

// Compile-time proof that the schemas and the public types say the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Parsed<S extends SchemaMap> = { [K in keyof S]: Infer<S[K]['shape']> };
const schemasMatchTypes: [
  Same<Infer<typeof tokenSchema.shape>, LinkToken>,
  Same<Parsed<typeof widgetToHost>, { [K in keyof WidgetToHost]: WidgetToHost[K] }>,
  Same<Parsed<typeof hostToWidget>, { [K in keyof HostToWidget]: HostToWidget[K] }>,
] = [true, true, true];
void schemasMatchTypes;
