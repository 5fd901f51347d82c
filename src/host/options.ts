import { WinkLinkError } from '../shared/errors.js';
import { secureUrl } from '../shared/url.js';
import type { LinkEventName, LinkEvents } from './events.js';
import type { RetryPolicy } from './fetch-token.js';
import type { TokenSource } from './held-token.js';

type Callbacks = {
  [E in LinkEventName as `on${Capitalize<E>}`]?: LinkEvents[E];
};

export interface WinkLinkOptions extends Callbacks {
  /** The widget page: one URL, or one per token mode (then it loads once the token is known). */
  widgetUrl: string | { SANDBOX: string; PRODUCTION: string };
  /** The Wink template (look of the widget), forwarded to the widget in `init`. */
  templateId?: string;
  /** Mount inline in this element (or selector) instead of the default modal. */
  container?: Element | string;
  /** 'auto' (default with a fetchToken function): fetch the next token before expiry. */
  refresh?: 'auto' | 'manual';
  /** Auto mode: fetch the next token this long before expiry (at most half its life). */
  refreshLeadMs?: number;
  /** Abort a fetchToken call after this long (FETCH_TIMEOUT). */
  fetchTimeoutMs?: number;
  /** Give up if the widget has not said `ready` after this long (LOAD_TIMEOUT). */
  loadTimeoutMs?: number;
  /** Auto refresh: how failed fetches are retried (exponential backoff with jitter). */
  retry?: Partial<RetryPolicy>;
  /** The modal's accessible name. */
  title?: string;
  /** Log protocol traffic and dropped messages to the console (tokens redacted). */
  debug?: boolean;
}

export const EVENT_NAMES: readonly LinkEventName[] = [
  'load',
  'close',
  'error',
  'event',
  'accountCreated',
  'accountConnected',
  'accountRemoved',
  'accountError',
  'uploadsCreated',
  'tokenExpired',
  'stateChange',
];

const callbackName = (event: string) => `on${event[0]!.toUpperCase()}${event.slice(1)}`;

const DEFAULTS = {
  refreshLeadMs: 30_000,
  fetchTimeoutMs: 10_000,
  loadTimeoutMs: 20_000,
  retry: { attempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 },
  title: 'Connect your payroll account',
};

export interface LinkConfig {
  source: TokenSource;
  auto: boolean;
  widgetUrl: WinkLinkOptions['widgetUrl'];
  templateId?: string;
  container?: Element;
  refreshLeadMs: number;
  fetchTimeoutMs: number;
  loadTimeoutMs: number;
  retry: RetryPolicy;
  title: string;
  debug: boolean;
  listeners: Array<[LinkEventName, (...args: never[]) => void]>;
}

function invalid(message: string): never {
  throw new WinkLinkError('INVALID_OPTIONS', message);
}

const MAX_DELAY_MS = 2 ** 31 - 1;
/** A widget URL must be absolute https:, or http: on this machine for development. */
function checkWidgetUrl(value: unknown, name = 'widgetUrl'): string {
  const url = secureUrl(value);
  if (!url)
    invalid(`${name} must be an absolute https: URL (http: only on localhost), got ${JSON.stringify(String(value))}.`);
  return url.href;
}

/** An unknown key is most often a typo (`onAccountConected`): refuse it, naming the known ones. */
function checkKeys(object: object, what: string, known: string[]) {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) invalid(`Unknown ${what} "${key}". Known: ${known.join(', ')}.`);
  }
}

function checkMs(options: Record<string, unknown>, name: string, fallback: number): number {
  const value = options[name] ?? fallback;
  // Above 2^31−1 ms, setTimeout fires at once instead of (24.8 days) later.
  if (typeof value !== 'number' || !(value >= 0 && value <= MAX_DELAY_MS)) {
    invalid(`${name} must be a number of milliseconds from 0 to ${MAX_DELAY_MS}, got ${String(value)}.`);
  }
  return value;
}

function checkContainer(container: unknown): Element | undefined {
  if (container === undefined) return undefined;
  const element = typeof container === 'string' ? document.querySelector(container) : container;
  if (!(element instanceof Element)) {
    invalid(`container must be an Element or a selector that matches one, got ${String(container)}.`);
  }
  return element;
}

function checkWidgetUrls(widgetUrl: unknown): LinkConfig['widgetUrl'] {
  if (typeof widgetUrl === 'object' && widgetUrl !== null) {
    const map = widgetUrl as Record<string, unknown>;
    checkKeys(map, 'widgetUrl', ['SANDBOX', 'PRODUCTION']);
    return {
      SANDBOX: checkWidgetUrl(map.SANDBOX, 'widgetUrl.SANDBOX'),
      PRODUCTION: checkWidgetUrl(map.PRODUCTION, 'widgetUrl.PRODUCTION'),
    };
  }
  return checkWidgetUrl(widgetUrl);
}

/** The misuse in `link.refresh(next)`'s argument, if any: INVALID_OPTIONS saying what to fix. */
export function checkRefreshSource(next: unknown, config: LinkConfig): WinkLinkError | undefined {
  if (next !== undefined && typeof next !== 'function' && (typeof next !== 'object' || next === null)) {
    return new WinkLinkError('INVALID_OPTIONS', 'refresh(next) takes a Link token or a fetchToken function.');
  }
  if (next === undefined && typeof config.source !== 'function') {
    return new WinkLinkError(
      'INVALID_OPTIONS',
      'This link was opened with a token object, which is single use: pass a fresh one, link.refresh(token).',
    );
  }
  return undefined;
}

/** Validates `WinkLink.open`'s arguments; every misuse throws INVALID_OPTIONS saying what to fix. */
export function normalizeOptions(fetchToken: unknown, raw: unknown): LinkConfig {
  if (typeof fetchToken !== 'function' && (typeof fetchToken !== 'object' || fetchToken === null)) {
    invalid('The first argument must be fetchToken: an async function that returns a Link token, or a token object.');
  }
  if (typeof raw !== 'object' || raw === null) invalid('The second argument must be an options object with widgetUrl.');
  const options = raw as Record<string, unknown>;
  checkKeys(options, 'option', [
    'widgetUrl',
    'templateId',
    'container',
    'refresh',
    'refreshLeadMs',
    'fetchTimeoutMs',
    'loadTimeoutMs',
    'retry',
    'title',
    'debug',
    ...EVENT_NAMES.map(callbackName),
  ]);
  const listeners: LinkConfig['listeners'] = [];
  for (const event of EVENT_NAMES) {
    const callback = options[callbackName(event)];
    if (callback === undefined) continue;
    if (typeof callback !== 'function') invalid(`${callbackName(event)} must be a function.`);
    listeners.push([event, callback as (...args: never[]) => void]);
  }
  const refresh = options.refresh ?? (typeof fetchToken === 'function' ? 'auto' : 'manual');
  if (refresh !== 'auto' && refresh !== 'manual')
    invalid(`refresh must be 'auto' or 'manual', got ${String(refresh)}.`);
  if (refresh === 'auto' && typeof fetchToken !== 'function') {
    invalid("refresh: 'auto' needs fetchToken to be a function; with a token object, use refresh: 'manual'.");
  }
  for (const name of ['templateId', 'title'] as const) {
    if (options[name] !== undefined && (typeof options[name] !== 'string' || options[name] === '')) {
      invalid(`${name} must be a non-empty string.`);
    }
  }
  if (options.debug !== undefined && typeof options.debug !== 'boolean') invalid('debug must be a boolean.');
  const retry = (options.retry ?? {}) as Record<string, unknown>;
  if (typeof retry !== 'object') invalid('retry must be an object { attempts, baseDelayMs, maxDelayMs }.');
  checkKeys(retry, 'retry option', ['attempts', 'baseDelayMs', 'maxDelayMs']);
  const attempts = retry.attempts ?? DEFAULTS.retry.attempts;
  if (!Number.isInteger(attempts) || (attempts as number) < 1) invalid('retry.attempts must be a whole number ≥ 1.');
  return {
    source: fetchToken as TokenSource,
    auto: refresh === 'auto',
    widgetUrl: checkWidgetUrls(options.widgetUrl),
    templateId: options.templateId as string | undefined,
    container: checkContainer(options.container),
    refreshLeadMs: checkMs(options, 'refreshLeadMs', DEFAULTS.refreshLeadMs),
    fetchTimeoutMs: checkMs(options, 'fetchTimeoutMs', DEFAULTS.fetchTimeoutMs),
    loadTimeoutMs: checkMs(options, 'loadTimeoutMs', DEFAULTS.loadTimeoutMs),
    retry: {
      attempts: attempts as number,
      baseDelayMs: checkMs(retry, 'baseDelayMs', DEFAULTS.retry.baseDelayMs),
      maxDelayMs: checkMs(retry, 'maxDelayMs', DEFAULTS.retry.maxDelayMs),
    },
    title: (options.title as string | undefined) ?? DEFAULTS.title,
    debug: options.debug === true,
    listeners,
  };
}
