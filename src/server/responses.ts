/**
 * The handlers' answers: JSON, never cached (a Link token is single-use and per user), with an
 * error body `{ error: { code, message } }` that never holds a credential or a token.
 */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

export function failure(status: number, code: string, message: string, headers?: Record<string, string>): Response {
  return json(status, { error: { code, message } }, headers);
}

export const methodNotAllowed = (): Response => failure(405, 'METHOD_NOT_ALLOWED', 'Use POST.', { allow: 'POST' });

/** Calls the host's onError, which must not turn an answer into a crash. */
export function report(
  onError: ((error: unknown, request: Request) => unknown) | undefined,
  error: unknown,
  request: Request,
) {
  try {
    void Promise.resolve(onError?.(error, request)).catch(() => {});
  } catch {
    // onError itself threw: the answer stands.
  }
}

/** A whole, positive number (ms, bytes, a count), or the default (none: required); else a misuse naming the option. */
export function positiveInteger(
  value: unknown,
  fallback: number | undefined,
  name: string,
  fail: (message: string) => never,
): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0)
    fail(`${name} must be a positive whole number, got ${String(value)}.`);
  return value;
}
