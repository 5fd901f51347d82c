import * as z from 'zod/mini';
import type { SmileWebhookDataByType, SmileWebhookType } from './webhook-events.js';

/**
 * The zod schemas behind webhook-events.ts: the envelope, and each documented type's `data`.
 * Unknown keys are allowed (Smile adds fields) and kept: parseWebhook returns the event as sent.
 */
const id = z.string().check(z.minLength(1), z.maxLength(256));
const text = z.string().check(z.maxLength(10_000));
const ids = z.array(id).check(z.maxLength(1000));
const optional = <T extends z.ZodMiniType>(schema: T) => z.optional(schema);
const nullableText = z.nullable(text);
const payload = optional(z.nullable(z.record(z.string(), z.unknown())));

/** openapi-v1.yaml `WebhookCommonEvent`: every field required; `version` is a number. */
export const envelopeSchema = z.looseObject({
  id,
  version: z.number(),
  type: id,
  createdAt: z.iso.datetime({ offset: true }),
  data: z.unknown(),
});

const user = { userId: id };
const account = { userId: id, accountId: id, providers: ids };
const accountConnected = { ...account, loginName: text };
const archive = { userId: id, archiveId: id };
const invite = { userId: id, inviteId: id };
const task = { userId: id, sourceId: id, sourceType: nullableText, providers: ids };
const dataAdded = z.looseObject({ ...account, count: z.number() });
const derivedAdded = z.looseObject({ ...account, id });
const recordCreated = { recordId: id, recordType: text };

export const dataSchemas = {
  USER_CREATED: z.looseObject({ ...user, session: optional(z.record(z.string(), z.unknown())) }),
  ACCOUNT_CREATED: z.looseObject(account),
  ACCOUNT_CONNECTED: z.looseObject(accountConnected),
  ACCOUNT_DISCONNECTED: z.looseObject(account),
  ACCOUNT_FAILED: z.looseObject({ ...accountConnected, errorCode: id, errorMessage: text }),
  TASK_STARTED: z.looseObject({ ...task, taskType: text }),
  TASK_FINISHED: z.looseObject({
    ...task,
    datapoints: ids,
    taskType: optional(text),
    status: optional(text),
    errorCode: optional(nullableText),
    payload,
  }),
  ACCOUNT_SYNC_TASK_FINISHED: z.looseObject({
    ...task,
    status: optional(text),
    monitorStatus: optional(text),
    datapoints: optional(ids),
    payload,
  }),
  ARCHIVE_STARTED: z.looseObject(archive),
  ARCHIVE_ANALYZED: z.looseObject(archive),
  ARCHIVE_REVOKED: z.looseObject(archive),
  ARCHIVE_FAILED: z.looseObject({ ...archive, errorCode: id, errorMessage: text }),
  INVITE_INVITED: z.looseObject(invite),
  INVITE_LINKED: z.looseObject(invite),
  IDENTITY_ADDED: z.looseObject({ ...account, identityId: id }),
  RATING_ADDED: z.looseObject({ ...account, ratingId: id }),
  TRANSACTIONS_ADDED: dataAdded,
  DOCUMENTS_ADDED: dataAdded,
  EMPLOYMENTS_ADDED: dataAdded,
  INCOMES_ADDED: dataAdded,
  EINCOMES_ADDED: dataAdded,
  CONTRIBUTIONS_ADDED: dataAdded,
  LIABILITIES_ADDED: dataAdded,
  INSIGHT_ADDED: derivedAdded,
  LINK_ADDED: derivedAdded,
  RECORD_CREATED: z.looseObject(recordCreated),
  RECORD_COMPLETED: z.looseObject({
    ...recordCreated,
    status: text,
    resultCode: optional(text),
    resultMessage: optional(nullableText),
    payload,
  }),
} satisfies Record<SmileWebhookType, z.ZodMiniType>;

// Compile-time: each schema accepts exactly the data its type describes (index signatures of
// loose objects aside), so the published types cannot drift from what is validated.
// (`undefined` is left out of optional fields: consumers may compile with exactOptionalPropertyTypes.)
type Known<T> = { [K in keyof T as string extends K ? never : K]: Exclude<T[K], undefined> };
type Defined<T> = { [K in keyof T]: Exclude<T[K], undefined> };
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check = {
  [T in SmileWebhookType]: Same<Known<z.output<(typeof dataSchemas)[T]>>, Defined<SmileWebhookDataByType[T]>>;
};
const allSame: { [T in SmileWebhookType]: true } = {} as Check;
void allSame;
