/**
 * Smile's webhook events, typed from its documentation: the event list and example payloads of
 * SmileAPI/smile-openapi docs/english/api-reference/tags/tag-webhooks.md (:108-135, :140-828),
 * and the `*Event` schemas of openapi-v1.yaml (~7802-9770). A field is required here when the
 * schema requires it *and* the example payload carries it; every other documented field is
 * optional. Enumerations accept any string too: Smile may add values.
 */
type Open<T extends string> = T | (string & {});

export type SmileSourceType = Open<'ACCOUNT' | 'UPLOAD' | 'ARCHIVE' | 'SOCIAL_SECURITY'>;
export type SmileDatapoint = Open<
  | 'IDENTITIES'
  | 'TRANSACTIONS'
  | 'RATINGS'
  | 'EMPLOYMENTS'
  | 'DOCUMENTS'
  | 'INCOMES'
  | 'CONTRIBUTIONS'
  | 'EINCOMES'
  | 'LIABILITIES'
  | 'LINK'
  | 'INSIGHTS'
>;
export type SmileTaskStatus = Open<'SUCCEEDED' | 'FAILED'>;

/** What every event carries. Retries repeat the same `id`: deduplicate by it. */
export interface SmileWebhookEnvelope<Type extends string, Data> {
  /** Unique per event ("et-…" in most examples), the same on every delivery of it. */
  id: string;
  /** The event schema's major version (1). */
  version: number;
  type: Type;
  /** When Smile created the event, ISO 8601; covered by the signature. */
  createdAt: string;
  data: Data;
}

export interface UserData {
  userId: string;
  /** openapi-v1.yaml `UserCreatedEvent`: the user's session, when it has one. */
  session?: Record<string, unknown>;
}
export interface AccountData {
  userId: string;
  accountId: string;
  /** Provider ids, e.g. `["abccorp"]`. */
  providers: string[];
}
export interface AccountConnectedData extends AccountData {
  loginName: string;
}
export interface AccountFailedData extends AccountConnectedData {
  /** The same codes as the widget's onAccountError, e.g. `INVALID_CREDENTIALS`. */
  errorCode: string;
  errorMessage: string;
}
export interface TaskStartedData {
  userId: string;
  sourceId: string;
  sourceType: SmileSourceType | null;
  taskType: string;
  providers: string[];
}
export interface TaskFinishedData {
  userId: string;
  sourceId: string;
  sourceType: SmileSourceType | null;
  providers: string[];
  datapoints: SmileDatapoint[];
  taskType?: string;
  status?: SmileTaskStatus;
  errorCode?: string | null;
  /** The data itself, when the webhook was registered with `includePayload: true`. */
  payload?: Record<string, unknown> | null;
}
export interface AccountSyncTaskFinishedData {
  userId: string;
  sourceId: string;
  sourceType: SmileSourceType | null;
  providers: string[];
  status?: SmileTaskStatus;
  monitorStatus?: Open<'ACTIVE' | 'USER_ACTION_REQUIRED' | 'UNSUPPORTED' | 'CUSTOMER_DISABLED'>;
  datapoints?: SmileDatapoint[];
  payload?: Record<string, unknown> | null;
}
export interface ArchiveData {
  userId: string;
  archiveId: string;
}
export interface ArchiveFailedData extends ArchiveData {
  errorCode: string;
  errorMessage: string;
}
export interface InviteData {
  userId: string;
  inviteId: string;
}
export interface IdentityAddedData extends AccountData {
  identityId: string;
}
export interface RatingAddedData extends AccountData {
  ratingId: string;
}
/** TRANSACTIONS_, DOCUMENTS_, EMPLOYMENTS_, INCOMES_, CONTRIBUTIONS_, LIABILITIES_, EINCOMES_ADDED. */
export interface DataAddedData extends AccountData {
  /** How many items were added. */
  count: number;
}
/** INSIGHT_ADDED and LINK_ADDED: `id` is the added insight's or link's. */
export interface DerivedDataAddedData extends AccountData {
  id: string;
}
export interface RecordCreatedData {
  recordId: string;
  recordType: Open<'SOCIAL_SECURITY'>;
}
export interface RecordCompletedData extends RecordCreatedData {
  status: Open<'COMPLETED' | 'ERROR'>;
  resultCode?: Open<'SUCCESS' | 'NO_DATA' | 'SYSTEM_ERROR' | 'SERVICE_UNAVAILABLE'>;
  resultMessage?: string | null;
  payload?: Record<string, unknown> | null;
}

/** Each documented type and its data. */
export interface SmileWebhookDataByType {
  USER_CREATED: UserData;
  ACCOUNT_CREATED: AccountData;
  ACCOUNT_CONNECTED: AccountConnectedData;
  ACCOUNT_DISCONNECTED: AccountData;
  ACCOUNT_FAILED: AccountFailedData;
  TASK_STARTED: TaskStartedData;
  TASK_FINISHED: TaskFinishedData;
  /** Named in tag-webhooks.md:46,57,83 and typed in openapi-v1.yaml `AccountSyncTaskFinishedEvent`. */
  ACCOUNT_SYNC_TASK_FINISHED: AccountSyncTaskFinishedData;
  ARCHIVE_STARTED: ArchiveData;
  ARCHIVE_ANALYZED: ArchiveData;
  ARCHIVE_REVOKED: ArchiveData;
  ARCHIVE_FAILED: ArchiveFailedData;
  INVITE_INVITED: InviteData;
  INVITE_LINKED: InviteData;
  IDENTITY_ADDED: IdentityAddedData;
  RATING_ADDED: RatingAddedData;
  TRANSACTIONS_ADDED: DataAddedData;
  DOCUMENTS_ADDED: DataAddedData;
  EMPLOYMENTS_ADDED: DataAddedData;
  INCOMES_ADDED: DataAddedData;
  EINCOMES_ADDED: DataAddedData;
  CONTRIBUTIONS_ADDED: DataAddedData;
  LIABILITIES_ADDED: DataAddedData;
  INSIGHT_ADDED: DerivedDataAddedData;
  LINK_ADDED: DerivedDataAddedData;
  RECORD_CREATED: RecordCreatedData;
  RECORD_COMPLETED: RecordCompletedData;
}

export type SmileWebhookType = keyof SmileWebhookDataByType;

/** A documented event; `switch (event.type)` narrows `data`. */
export type KnownSmileWebhookEvent = {
  [T in SmileWebhookType]: SmileWebhookEnvelope<T, SmileWebhookDataByType[T]>;
}[SmileWebhookType];

/**
 * An event of a type this version does not know (Smile adds types): passed through unchecked,
 * so your endpoint can answer 2xx (a 4xx would only make Smile retry it).
 */
export type UnknownSmileWebhookEvent = SmileWebhookEnvelope<string, unknown>;

/** What parseWebhook returns. Narrow with `isKnownWebhookEvent(event)` before `switch (event.type)`. */
export type SmileWebhookEvent = KnownSmileWebhookEvent | UnknownSmileWebhookEvent;

/** One event type's event, e.g. `SmileWebhookEventOf<'ACCOUNT_CONNECTED'>`. */
export type SmileWebhookEventOf<T extends SmileWebhookType> = Extract<KnownSmileWebhookEvent, { type: T }>;
