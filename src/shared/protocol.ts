import type { Message } from './messages.js';
import { isObject, type Infer } from './rules.js';
import type { SchemaMap } from './schemas.js';

/**
 * The host ↔ widget protocol. Every message is `{ wink: 1, type, payload }`; each side
 * accepts a message only after checking, in this order, its source window, its shape and
 * its origin (penpal's order: the cheapest, most telling check first).
 */
export const PROTOCOL_VERSION = 1;

type Parsed<S extends SchemaMap> = Message<{ [K in keyof S]: Infer<S[K]['shape']> }>;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_NODES = 2000;
const MAX_DEPTH = 8;
const MAX_CHARS = 64 * 1024;

/**
 * True for plain JSON-like data within the size caps and free of prototype-pollution keys.
 * Runs before the schema so a hostile message costs little and reaches no parser.
 */
export function isSafeData(value: unknown): boolean {
  let nodes = 0;
  let chars = 0;
  const walk = (v: unknown, depth: number): boolean => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) return false;
    if (typeof v === 'string') {
      chars += v.length;
      return chars <= MAX_CHARS;
    }
    if (v === null) return true;
    if (typeof v !== 'object') return typeof v === 'number' || typeof v === 'boolean';
    // An array's length, not its keys, is what a parser loops over: `new Array(2 ** 32 - 1)`
    // has no keys at all.
    if (Array.isArray(v)) {
      if (v.length > MAX_NODES) return false;
    } else {
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return false;
    }
    for (const key of Object.keys(v)) {
      chars += key.length;
      if (FORBIDDEN_KEYS.has(key) || chars > MAX_CHARS) return false;
      if (!walk((v as Record<string, unknown>)[key], depth + 1)) return false;
    }
    return true;
  };
  return walk(value, 0);
}

/**
 * Checks an incoming `data` against the envelope and the payload schema of its type.
 * Exact shapes only: a field the schema does not name makes the message not ours (a newer
 * protocol bumps `wink`), so nothing unchecked is ever passed on.
 */
export function parseMessage<S extends SchemaMap>(schemas: S, data: unknown): Parsed<S> | null {
  if (!isSafeData(data) || !isObject(data)) return null;
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
  /** Whether a shape-checked message of `type` from `origin` is accepted. */
  acceptOrigin: (origin: string, type: keyof S) => boolean;
  onMessage: (message: Parsed<S>, origin: string) => void;
  /** Called with the reason a message was dropped (wired to `debug` logging). */
  onDrop?: (reason: string, event: MessageEvent) => void;
}

/** Listens for protocol messages on `win`; returns the function that stops listening. */
export function listen<S extends SchemaMap>(win: Window, options: ListenOptions<S>): () => void {
  const handler = (event: MessageEvent) => {
    const source = options.source();
    if (!source || event.source !== source) return options.onDrop?.('source', event);
    const message = parseMessage(options.schemas, event.data);
    if (!message) return options.onDrop?.('shape', event);
    if (!options.acceptOrigin(event.origin, message.type)) return options.onDrop?.('origin', event);
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
