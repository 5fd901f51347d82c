/**
 * Where wink-link may send a credential: `https:` anywhere, plain `http:` only to this machine
 * (a local widget or mock API in development). Shared by the browser SDK (widgetUrl) and
 * wink-link/server (the Smile API's baseUrl, which receives the API key).
 */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The parsed URL when `value` is an absolute URL that is safe to send a secret to, else null. */
export function secureUrl(value: unknown): URL | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) ? url : null;
  } catch {
    return null;
  }
}
