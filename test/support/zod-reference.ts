/**
 * The browser SDK's schemas stated in zod/mini: the reference that src/schemas.ts (hand-written
 * rules, a fraction of the bytes) is checked against by test/unit/schemas-vs-zod.test.ts.
 * This is what the SDK shipped, parsed with zod, before the script-tag size budget.
 */
import * as z from 'zod/mini';

const isoDateTime = z
  .string()
  .check(
    z.regex(
      /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i,
    ),
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
const uploads = z.object({ userId: id, uploads: z.array(z.looseObject({ id })) });

export const widgetOptionsSchema = z.object({
  topProviders: z.optional(z.array(id).check(z.maxLength(10))),
  providers: z.optional(z.array(id)),
  enableSearchBar: z.optional(z.boolean()),
  enableTypeBar: z.optional(z.boolean()),
  enableUpload: z.optional(z.boolean()),
  companyName: z.optional(id),
  enableConsentPage: z.optional(z.boolean()),
});

export const widgetToHost = {
  ready: empty,
  accountCreated: account,
  accountConnected: account,
  accountRemoved: account,
  accountError: z.object({ ...accountShape, errorCode: id, errorMessage: z.optional(text) }),
  uploadsCreated: uploads,
  uploadsRemoved: uploads,
  tokenExpired: empty,
  event: z.object({ name: id, metadata: z.looseObject({}) }),
  resize: z.object({ height: z.number().check(z.gte(0), z.lte(100_000)) }),
  close: z.object({ reason: z.optional(z.enum(['close', 'exit', 'error', 'escape'])) }),
  error: z.object({ code: id, message: text }),
};

export const hostToWidget = {
  init: z.object({
    ...tokenShape,
    templateId: z.optional(id),
    widgetOptions: z.optional(widgetOptionsSchema),
    locale: z.optional(id),
    sdkVersion: id,
  }),
  token: z.object(tokenShape),
  close: empty,
};
