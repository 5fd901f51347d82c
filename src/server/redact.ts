/**
 * Masks the API credentials in text that goes into an error (an answer's body, Smile's message,
 * a network error): a hostile or buggy endpoint may echo what it received, in any encoding.
 */
const MASK = '[redacted]';

/** JSON string escaping, as JSON.stringify does it and as ASCII-only encoders (and PHP's `\/`) do it. */
function jsonEscapes(value: string): string[] {
  const plain = JSON.stringify(value).slice(1, -1);
  const ascii = plain.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [plain, ascii, ascii.replace(/\//g, '\\/')];
}

function base64Forms(value: string): string[] {
  const standard = Buffer.from(value, 'utf8').toString('base64');
  const url = Buffer.from(value, 'utf8').toString('base64url');
  return [standard, standard.replace(/=+$/, ''), url];
}

/** Every way a secret may come back: raw, JSON-escaped, URL- and form-encoded, base64. */
function encodings(value: string): string[] {
  const uri = encodeURIComponent(value);
  return [value, ...jsonEscapes(value), uri, uri.replace(/%20/g, '+'), encodeURI(value), ...base64Forms(value)];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A function that replaces every occurrence of the key id, the secret and the Basic credential
 * `base64(id:secret)`, in any of their encodings and in any letter case, with `[redacted]`.
 */
export function createRedactor(apiKeyId: string, apiKeySecret: string): (text: string) => string {
  const variants = new Set(
    [apiKeyId, apiKeySecret, `${apiKeyId}:${apiKeySecret}`].flatMap(encodings).filter((v) => v !== ''),
  );
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
