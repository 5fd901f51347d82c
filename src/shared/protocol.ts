import type { Message } from './messages.js';
import { isObject, type Infer } from './rules.js';
import type { SchemaMap } from './schemas.js';

/**
 * The host ↔ widget protocol. Every message is `{ wink: 1, type, payload }`; each side
 * accepts a message only after checking, in this order, that the browser delivered it
 * (`isTrusted`), its source window, its origin, and only then its data: reading `event.data`
 * deserialises the message, which a flood of large ones makes costly.
 */
const PROTOCOL_VERSION = 1;

type Parsed<S extends SchemaMap> = Message<{ [K in keyof S]: Infer<S[K]['shape']> }>;

/** Keys never copied from a message: on a plain object they would reach its prototype. */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_NODES = 2000;
const MAX_DEPTH = 8;
const MAX_CHARS = 64 * 1024;

/**
 * A plain copy of JSON-like data within the size caps and free of prototype-pollution keys, or
 * undefined. Every value is read exactly once, into the copy, and only the copy is validated and
 * passed on: a getter cannot change a value once checked, and page code that later changes
 * `event.data` cannot reach our listeners. Runs before the schema, so a hostile message costs
 * little and reaches no parser.
 */
export function safeCopy(value: unknown): unknown {
  let nodes = 0;
  let chars = 0;
  const walk = (v: unknown, depth: number): unknown => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) throw 0;
    if (typeof v === 'string') {
      chars += v.length;
      if (chars > MAX_CHARS) throw 0;
      return v;
    }
    if (v === null || typeof v === 'number' || typeof v === 'boolean') return v;
    if (typeof v !== 'object') throw 0;
    // An array's length is what a parser loops over: `new Array(2 ** 32 - 1)` has no keys at
    // all. Its holes read as undefined, which is not JSON: refused.
    if (Array.isArray(v)) {
      const { length } = v;
      if (length > MAX_NODES) throw 0;
      return Array.from({ length }, (_, i) => walk(v[i], depth + 1));
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw 0;
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      chars += key.length;
      if (FORBIDDEN_KEYS.has(key) || chars > MAX_CHARS) throw 0;
      copy[key] = walk((v as Record<string, unknown>)[key], depth + 1);
    }
    return copy;
  };
  try {
    return walk(value, 0);
  } catch {
    // Over a cap, not plain data, or a getter or proxy that threw.
    return undefined;
  }
}

/**
 * Checks an incoming `data` against the envelope and the payload schema of its type.
 * Exact shapes only: a field the schema does not name makes the message not ours (a newer
 * protocol bumps `wink`), so nothing unchecked is ever passed on.
 */
export function parseMessage<S extends SchemaMap>(schemas: S, received: unknown): Parsed<S> | null {
  const data = safeCopy(received);
  if (!isObject(data)) return null;
  const { wink, type, payload } = data;
  if (Object.keys(data).length !== 3 || wink !== PROTOCOL_VERSION) return null;
  if (typeof type !== 'string' || !Object.hasOwn(schemas, type) || !isObject(payload)) return null;
  const rule = schemas[type]!;
  if (Object.keys(payload).some((key) => !Object.hasOwn(rule.shape, key)) || !rule(payload)) return null;
  return { type, payload } as Parsed<S>;
}

export function envelope(type: string, payload: unknown) {
  return { wink: PROTOCOL_VERSION, type, payload };
}

export interface ListenOptions<S extends SchemaMap> {
  schemas: S;
  /** The only window whose messages count: the iframe's (host side) or `window.parent`. */
  source: () => MessageEventSource | null;
  /** Whether a message from `origin` is read at all (before its data is). */
  acceptOrigin: (origin: string) => boolean;
  onMessage: (message: Parsed<S>, origin: string) => void;
  /** Called with the reason a message was dropped (wired to `debug` logging). */
  onDrop?: (reason: string, event: MessageEvent) => void;
}

/** Listens for protocol messages on `win`; returns the function that stops listening. */
export function listen<S extends SchemaMap>(win: Window, options: ListenOptions<S>): () => void {
  const handler = (event: MessageEvent) => {
    // A synthetic event (`dispatchEvent` by page code) can forge `source` and `origin`.
    if (!event.isTrusted) return options.onDrop?.('untrusted', event);
    const source = options.source();
    if (!source || event.source !== source) return options.onDrop?.('source', event);
    if (!options.acceptOrigin(event.origin)) return options.onDrop?.('origin', event);
    const message = parseMessage(options.schemas, event.data);
    if (!message) return options.onDrop?.('shape', event);
    options.onMessage(message, event.origin);
  };
  win.addEventListener('message', handler);
  return () => win.removeEventListener('message', handler);
}

/** Sends one message to `target`, only ever to the one exact origin it must reach. */
export function post<M, K extends keyof M & string>(
  target: MessageEventSource,
  origin: string,
  type: K,
  payload: M[K],
): void {
  (target as Window).postMessage(envelope(type, payload), origin);
}
