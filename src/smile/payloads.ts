import type { Message, WidgetToHost } from '../shared/messages.js';
import { envelope, FORBIDDEN_KEYS, parseMessage } from '../shared/protocol.js';
import { isObject, own } from '../shared/rules.js';
import { widgetToHost } from '../shared/schemas.js';
import type { SmileCallbacks } from './smile-sdk.js';

/**
 * Smile's callback arguments as protocol messages. The host takes a message only if it is plain
 * data of an exact shape (src/shared/protocol.ts), so each payload is rebuilt from the fields the
 * schema names: an extra or odd field from Smile's SDK never gets a whole message dropped.
 */
export type SmileCallbackName = keyof SmileCallbacks;
export type Outgoing = Message<Omit<WidgetToHost, 'ready'>>;
/** A message before the host's checks: built from Smile's data, which nothing guarantees. */
type Candidate = { type: Outgoing['type']; payload: Record<string, unknown> };

/** How much of Smile's free-form data (uploads, UI event details) to pass on. */
type Detail = (value: unknown) => unknown;

/** An id or code as the protocol carries it: a string (a number spelled out), else undefined. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

/** As JSON would carry it: no functions, dates as strings, no cycles (then nothing). */
const plain: Detail = (value) => {
  try {
    const json = JSON.stringify(value);
    return json === undefined ? undefined : JSON.parse(json);
  } catch {
    return undefined;
  }
};

/** A bounded summary: an object's scalar fields, and its nested objects' scalar fields. */
const flat: Detail = (value) => {
  const scalars = (object: unknown, deeper: boolean): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    if (!isObject(object)) return out;
    for (const [key, field] of Object.entries(object)) {
      if (FORBIDDEN_KEYS.has(key)) continue;
      if (typeof field === 'string') out[key] = field.slice(0, 500);
      else if (typeof field === 'boolean' || field === null) out[key] = field;
      else if (typeof field === 'number' && Number.isFinite(field)) out[key] = field;
      else if (deeper && isObject(field)) out[key] = scalars(field, false);
    }
    return out;
  };
  return scalars(value, true);
};

/** Drops undefined fields: postMessage would keep them, and the host refuses them. */
function defined<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

const account = (arg: unknown) =>
  defined({
    accountId: text(own(arg, 'accountId')),
    userId: text(own(arg, 'userId')),
    providerId: text(own(arg, 'providerId')),
  });

/**
 * Smile types `uploads` as "object": a list, one upload, or a map of them. The protocol names
 * each by its `id` (Smile's Upload object, openapi-v1.yaml): one without an id is left out.
 */
function uploads(arg: unknown, detail: Detail) {
  const value = own(arg, 'uploads');
  const list = Array.isArray(value) ? value : !isObject(value) ? [] : 'id' in value ? [value] : Object.values(value);
  const items = list.flatMap((item) => {
    const id = text(own(item, 'id'));
    const rest = detail(item);
    return id === undefined ? [] : [{ ...(isObject(rest) ? rest : {}), id }];
  });
  return defined({ userId: text(own(arg, 'userId')), uploads: items });
}

function uiEvent(arg: unknown, detail: Detail) {
  const { eventName, ...rest } = isObject(arg) ? arg : {};
  return defined({ name: text(eventName), metadata: detail(rest) ?? {} });
}

/** `onClose({ reason })` or `onClose(reason)`: the docs show both (see smile-sdk.ts). */
function close(arg: unknown) {
  const reason = typeof arg === 'string' ? arg : own(arg, 'reason');
  return reason === 'close' || reason === 'exit' || reason === 'error' ? { reason } : {};
}

const BUILDERS: Record<SmileCallbackName, (arg: unknown, detail: Detail) => Candidate> = {
  onAccountCreated: (arg) => ({ type: 'accountCreated', payload: account(arg) }),
  onAccountConnected: (arg) => ({ type: 'accountConnected', payload: account(arg) }),
  onAccountRemoved: (arg) => ({ type: 'accountRemoved', payload: account(arg) }),
  onAccountError: (arg) => {
    const message = own(arg, 'errorMessage');
    const errorMessage = typeof message === 'string' ? message.slice(0, 2000) : undefined;
    return {
      type: 'accountError',
      payload: defined({ ...account(arg), errorCode: text(own(arg, 'errorCode')), errorMessage }),
    };
  },
  onUploadsCreated: (arg, detail) => ({ type: 'uploadsCreated', payload: uploads(arg, detail) }),
  onUploadsRemoved: (arg, detail) => ({ type: 'uploadsRemoved', payload: uploads(arg, detail) }),
  onUIEvent: (arg, detail) => ({ type: 'event', payload: uiEvent(arg, detail) }),
  onTokenExpired: () => ({ type: 'tokenExpired', payload: {} }),
  onClose: (arg) => ({ type: 'close', payload: close(arg) }),
};

export const SMILE_CALLBACKS = Object.keys(BUILDERS) as SmileCallbackName[];

/**
 * The message for one of Smile's callbacks, checked as the host will check it: first with all
 * of Smile's data, then (too large, too deep) with a summary of it. Undefined when even that
 * cannot pass: a required field (an id) is missing.
 */
export function toMessage(callback: SmileCallbackName, arg: unknown): Outgoing | undefined {
  for (const detail of [plain, flat]) {
    const { type, payload } = BUILDERS[callback](arg, detail);
    const checked = parseMessage(widgetToHost, envelope(type, payload));
    if (checked) return checked as Outgoing;
  }
  return undefined;
}
