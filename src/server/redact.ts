import { toBase64, utf8 } from './bytes.js';

/**
 * Masks the API credentials in text that goes into an error (an answer's body, Smile's message,
 * a network error): a hostile or buggy endpoint may echo what it received, in any encoding,
 * the Authorization header included.
 */
const MASK = '[redacted]';
/** Shorter derived forms (a base64 slice of a 1-byte id) would mask ordinary text. */
const MIN_DERIVED_LENGTH = 4;

/** The HTTP Basic credential (RFC 7617) for printable-ASCII `id` and `secret`. */
export function basicAuthorization(id: string, secret: string): string {
  return `Basic ${btoa(`${id}:${secret}`)}`;
}

/** JSON string escaping, as JSON.stringify does it and as ASCII-only encoders (and PHP's `\/`) do it. */
function jsonEscapes(value: string): string[] {
  const plain = JSON.stringify(value).slice(1, -1);
  const ascii = plain.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [plain, ascii, ascii.replace(/\//g, '\\/')];
}

/** How text travels inside other text: raw, JSON-escaped, URL- and form-encoded. */
function textForms(value: string): string[] {
  const uri = encodeURIComponent(value);
  return [value, ...jsonEscapes(value), uri, uri.replace(/%20/g, '+'), encodeURI(value)];
}

/**
 * The base64 characters that depend on `value`'s bytes alone when they sit `offset` (0, 1 or 2)
 * bytes into a longer base64-encoded string: the characters shared with the bytes before and
 * after are left out, so the slice is found wherever the value is embedded.
 */
function base64Slice(value: Uint8Array, offset: number): string {
  const padded = new Uint8Array(offset + value.byteLength);
  padded.set(value, offset);
  const encoded = toBase64(padded);
  const first = Math.ceil((offset * 8) / 6);
  const last = Math.floor(((offset + value.byteLength) * 8) / 6);
  return encoded.slice(first, last);
}

/** base64 and base64url of the value at each of the three byte offsets, plus the whole padded form. */
function base64Forms(value: string): string[] {
  const raw = utf8(value);
  const standard = [toBase64(raw), ...[0, 1, 2].map((offset) => base64Slice(raw, offset))];
  const url = standard.map((form) => form.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
  return [...standard, ...url].filter((form) => form.length >= MIN_DERIVED_LENGTH);
}

/** Every way a credential may come back: its text forms, and the text forms of its base64 forms. */
function encodings(value: string): string[] {
  return [value, ...base64Forms(value)].flatMap(textForms);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A function that replaces every occurrence of the key id, the secret, `id:secret` and the
 * whole Authorization value `Basic base64(id:secret)`, raw, JSON-escaped (`\/` included),
 * URL-encoded, base64 (embedded at any byte offset) or base64url, in any letter case, with
 * `[redacted]`.
 */
export function createRedactor(apiKeyId: string, apiKeySecret: string): (text: string) => string {
  const credentials = [
    apiKeyId,
    apiKeySecret,
    `${apiKeyId}:${apiKeySecret}`,
    basicAuthorization(apiKeyId, apiKeySecret),
  ];
  const variants = new Set(credentials.flatMap(encodings).filter((v) => v !== ''));
  // Longest first: the credential is masked whole before its parts are.
  const pattern = new RegExp(
    [...variants]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|'),
    'gi',
  );
  return (text) => text.replace(pattern, MASK);
}
