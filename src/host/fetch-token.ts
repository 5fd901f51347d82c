import { WinkLinkError, toWinkLinkError } from '../shared/errors.js';
import type { LinkConfig } from './options.js';
import { parseToken } from '../shared/token.js';
import { clockSkew, timeToken, type TimedToken, type TokenSource } from './timed-token.js';

/** The error a cancelled wait or fetch rejects with: the abort's own reason when it is ours. */
function abortError(signal: AbortSignal): WinkLinkError {
  return toWinkLinkError(signal.reason, 'DESTROYED', 'The link was destroyed.');
}

/** Rejects when `signal` aborts, so a fetcher that ignores its signal cannot hold us up. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

interface ResponseLike {
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}

function isResponse(value: unknown): value is ResponseLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ResponseLike).json === 'function' &&
    typeof (value as ResponseLike).headers?.get === 'function'
  );
}

/**
 * Validates a token and times it on the server's clock. A skew is only as good as the moment
 * its clock was read, so the freshest reading wins: the response's `Date` (read as it was
 * sent), else the token's `serverTime` (which must be read when the token is handed out).
 */
function hold(body: unknown, responseDate?: number): TimedToken {
  const token = parseToken(body);
  // No serverTime: Date.parse('') is NaN, an unknown skew.
  const serverTime = responseDate ?? Date.parse(token.serverTime ?? '');
  return timeToken(token, clockSkew(serverTime, Date.now()));
}

/** Reads a token endpoint's `Response`: the JSON body is the token, `Date` is the server clock. */
async function readResponse(response: ResponseLike): Promise<TimedToken> {
  if (!response.ok) {
    throw new WinkLinkError(
      'FETCH_FAILED',
      `Your token endpoint answered HTTP ${response.status}; fetchToken needs a 2xx response whose body is a Link token.`,
    );
  }
  const body = await response.json().catch((error: unknown) => {
    // A SyntaxError quotes the body, which may be the token itself: never kept, never quoted.
    // Anything else (the network failed mid-body) is the caller's FETCH_FAILED.
    throw error instanceof SyntaxError
      ? new WinkLinkError(
          'INVALID_TOKEN',
          'Your token endpoint did not answer with JSON: is it the bare accessToken, or an HTML page?',
        )
      : error;
  });
  const date = Date.parse(response.headers.get('date') ?? '');
  return hold(body, Number.isNaN(date) ? undefined : date);
}

/**
 * Calls `source` once: passes it an AbortSignal, enforces `timeoutMs`, validates the result
 * and measures clock skew. Every failure is a WinkLinkError.
 */
async function fetchOnce(source: TokenSource, signal: AbortSignal, timeoutMs: number): Promise<TimedToken> {
  if (typeof source !== 'function') return hold(source);
  const controller = new AbortController();
  const forward = () => controller.abort(signal.reason);
  signal.addEventListener('abort', forward, { once: true });
  const timer = setTimeout(
    () =>
      controller.abort(
        new WinkLinkError(
          'FETCH_TIMEOUT',
          `fetchToken did not resolve within ${timeoutMs} ms; check your token endpoint or raise fetchTimeoutMs.`,
        ),
      ),
    timeoutMs,
  );
  try {
    const produced = await raceAbort(
      // A microtask later (never inside the SDK's own call stack), and never once aborted: a link
      // destroyed meanwhile (React StrictMode's unmount) must not spend a single-use token.
      Promise.resolve().then(() => {
        controller.signal.throwIfAborted();
        return source({ signal: controller.signal });
      }),
      controller.signal,
    ).catch((error: unknown) => {
      // A SyntaxError (its `response.json()`) quotes the text it could not parse: not copied.
      const said = error instanceof SyntaxError ? 'SyntaxError (not JSON?)' : ((error as Error)?.message ?? error);
      throw toWinkLinkError(error, 'FETCH_FAILED', `fetchToken failed: ${said}`);
    });
    return isResponse(produced) ? await raceAbort(readResponse(produced), controller.signal) : hold(produced);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', forward);
  }
}

/** How auto refresh retries a failed token fetch: exponential backoff with jitter. */
export interface RetryPolicy {
  /** Total attempts, the first included (default 5). */
  attempts: number;
  /** The first wait, doubled after each failure (default 1000 ms). */
  baseDelayMs: number;
  /** The longest wait (default 30000 ms). */
  maxDelayMs: number;
}

/** Exponential backoff with "equal jitter": half fixed, half random, so clients spread out. */
function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return raceAbort(new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), signal).finally(() =>
    clearTimeout(timer),
  );
}

/** Why a token is fetched: a launch (the widget has none; the user waits) or a refresh. */
export type FetchKind = 'launch' | 'refresh';

const LAUNCH_ATTEMPTS = 3;

/** A token is never used twice, and never once it has expired (on the corrected clock). */
function checkUsable(timed: TimedToken, spent: ReadonlyMap<string, number>): TimedToken {
  if (spent.has(timed.token.accessToken)) {
    throw new WinkLinkError(
      'TOKEN_EXPIRED',
      'fetchToken returned a token that was already used. Link tokens are single use: return a fresh one (POST /tokens?userId=) every time.',
    );
  }
  if (timed.deadline <= Date.now()) {
    throw new WinkLinkError(
      'TOKEN_EXPIRED',
      `fetchToken returned a token that expired at ${timed.token.expiresAt}. Return a fresh one; if the client clock is wrong, pass serverTime or return the Response.`,
    );
  }
  return timed;
}

/**
 * Fetches a usable token (fresh, never handed over before). A launch retries only a token that
 * was spent or expired on arrival (the user is waiting: fail fast); an auto refresh retries
 * every failure, reporting each to `onRetry` before its backoff.
 */
export async function fetchUsable(
  source: TokenSource,
  kind: FetchKind,
  config: LinkConfig,
  spent: ReadonlyMap<string, number>,
  signal: AbortSignal,
  onRetry: (error: WinkLinkError) => void,
): Promise<TimedToken> {
  const retryAll = kind === 'refresh' && config.auto && typeof source === 'function';
  const attempts = typeof source !== 'function' ? 1 : retryAll ? config.retry.attempts : LAUNCH_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    try {
      return checkUsable(await fetchOnce(source, signal, config.fetchTimeoutMs), spent);
    } catch (caught) {
      const error = toWinkLinkError(caught, 'FETCH_FAILED', 'fetchToken failed.');
      if (signal.aborted) throw abortError(signal);
      if (attempt >= attempts || !(retryAll || error.code === 'TOKEN_EXPIRED')) throw error;
      onRetry(error);
      await sleep(backoffDelay(attempt, config.retry), signal);
    }
  }
}
