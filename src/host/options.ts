import { invalid, WinkLinkError } from '../shared/errors.js';
import type { WidgetOptions } from '../shared/messages.js';
import {
  checkContainer,
  checkKeys,
  checkLabels,
  checkLocale,
  checkMs,
  checkString,
  checkWidgetOptions,
  checkWidgetUrls,
} from './option-checks.js';
import { own } from '../shared/rules.js';
import { EVENT_NAMES, type LinkEventName, type LinkEvents } from './events.js';
import type { RetryPolicy } from './fetch-token.js';
import type { TokenSource } from './timed-token.js';

type Callbacks = {
  /** Sugar for `link.on(event, listener)`: `onAccountConnected` listens to `accountConnected`. */
  [E in LinkEventName as `on${Capitalize<E>}`]?: LinkEvents[E];
};

/** The SDK's own words on the page. */
export interface Labels {
  /** The dialog's (or inline region's) accessible name, and the frame's title. */
  title: string;
  /** Shown while the widget loads. */
  loading: string;
  /** The accessible name of the close button (shown until the widget is ready). */
  close: string;
}

/**
 * `WinkLink.open`'s options: only `widgetUrl` is required. Each `on…` option (`onLoad`,
 * `onClose`, `onAccountConnected`, …) subscribes to the event of the same name
 * ({@link LinkEvents}). Unknown options, callbacks that are not functions and numbers out of
 * range throw `INVALID_OPTIONS` at once, naming the option.
 */
export interface WinkLinkOptions extends Callbacks {
  /**
   * The widget page: one URL (it loads in parallel with the token fetch), or one per token mode
   * (it loads once the token is known, and the link stays in that mode). `https:` only; `http:`
   * on `localhost`, `127.0.0.1` or `[::1]` for development.
   */
  widgetUrl: string | { SANDBOX: string; PRODUCTION: string };
  /** The Wink template (look of the widget, `wtpl-…`), forwarded to the widget in `init`. */
  templateId?: string;
  /** Smile's widget options (topProviders, providers, …), validated and forwarded in `init`. */
  widgetOptions?: WidgetOptions;
  /** A BCP 47 language tag (e.g. `es`, `fr-CA`), forwarded to the widget in `init`. */
  locale?: string;
  /** The SDK's own strings (English by default); pass them in the language of `locale`. */
  labels?: Partial<Labels>;
  /** Mount inline in this element (or selector) instead of the default modal. */
  container?: Element | string;
  /**
   * The modal's look: `'card'` (default) frames the widget in the SDK's dialog card; `'none'`
   * lets the widget fill the viewport and draw its own dialog (Smile's widget, through the
   * wink-link/smile bridge), so the user never sees a dialog inside a dialog.
   */
  chrome?: 'card' | 'none';
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
  /** Log protocol traffic and dropped messages to the console (tokens redacted). */
  debug?: boolean;
}

// Every option but the callbacks, named once: `satisfies` fails the build if this record and
// the interface above ever disagree.
const OPTION_NAMES = Object.keys({
  widgetUrl: 1,
  templateId: 1,
  widgetOptions: 1,
  locale: 1,
  labels: 1,
  container: 1,
  chrome: 1,
  refresh: 1,
  refreshLeadMs: 1,
  fetchTimeoutMs: 1,
  loadTimeoutMs: 1,
  retry: 1,
  debug: 1,
} satisfies Record<keyof Omit<WinkLinkOptions, keyof Callbacks>, 1>);

/** The option that subscribes to `event`: `accountConnected` → `onAccountConnected`. */
export const callbackName = (event: string) => `on${event[0]!.toUpperCase()}${event.slice(1)}`;

const DEFAULT_LABELS: Labels = { title: 'Connect your payroll account', loading: 'Loading…', close: 'Close' };

export interface LinkConfig {
  source: TokenSource;
  auto: boolean;
  widgetUrl: WinkLinkOptions['widgetUrl'];
  /** What `init` carries besides the token. */
  init: { templateId?: string; widgetOptions?: WidgetOptions; locale?: string };
  container?: Element;
  chrome?: 'card' | 'none';
  refreshLeadMs: number;
  fetchTimeoutMs: number;
  loadTimeoutMs: number;
  retry: RetryPolicy;
  labels: Labels;
  debug: boolean;
  listeners: Array<[LinkEventName, (...args: never[]) => void]>;
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
  const options = checkKeys(raw, 'option', [...OPTION_NAMES, ...EVENT_NAMES.map(callbackName)]);
  const listeners: LinkConfig['listeners'] = [];
  for (const event of EVENT_NAMES) {
    const callback = own(options, callbackName(event));
    if (callback === undefined) continue;
    if (typeof callback !== 'function') invalid(`${callbackName(event)} must be a function.`);
    listeners.push([event, callback as (...args: never[]) => void]);
  }
  const refresh = own(options, 'refresh') ?? (typeof fetchToken === 'function' ? 'auto' : 'manual');
  if (refresh !== 'auto' && refresh !== 'manual')
    invalid(`refresh must be 'auto' or 'manual', got ${String(refresh)}.`);
  if (refresh === 'auto' && typeof fetchToken !== 'function') {
    invalid("refresh: 'auto' needs fetchToken to be a function; with a token object, use refresh: 'manual'.");
  }
  const chrome = own(options, 'chrome');
  if (chrome !== undefined && chrome !== 'card' && chrome !== 'none') invalid("chrome must be 'card' or 'none'.");
  const debug = own(options, 'debug');
  if (debug !== undefined && typeof debug !== 'boolean') invalid('debug must be a boolean.');
  const retry = checkKeys(own(options, 'retry') ?? {}, 'retry option', ['attempts', 'baseDelayMs', 'maxDelayMs']);
  // Each default is written where its option is read (docs/reference/options.md lists the same values).
  const attempts = own(retry, 'attempts') ?? 5;
  if (!Number.isInteger(attempts) || (attempts as number) < 1) invalid('retry.attempts must be a whole number ≥ 1.');
  const templateId = checkString(own(options, 'templateId'), 'templateId');
  const widgetOptions = checkWidgetOptions(own(options, 'widgetOptions'));
  const locale = checkLocale(own(options, 'locale'));
  return {
    source: fetchToken as TokenSource,
    auto: refresh === 'auto',
    widgetUrl: checkWidgetUrls(own(options, 'widgetUrl')),
    // Absent keys are left out, not sent as `undefined` (not plain JSON data).
    init: { ...(templateId && { templateId }), ...(widgetOptions && { widgetOptions }), ...(locale && { locale }) },
    container: checkContainer(own(options, 'container')),
    chrome: chrome as LinkConfig['chrome'],
    refreshLeadMs: checkMs(options, 'refreshLeadMs', 30_000),
    fetchTimeoutMs: checkMs(options, 'fetchTimeoutMs', 10_000),
    loadTimeoutMs: checkMs(options, 'loadTimeoutMs', 20_000),
    retry: {
      attempts: attempts as number,
      baseDelayMs: checkMs(retry, 'baseDelayMs', 1000),
      maxDelayMs: checkMs(retry, 'maxDelayMs', 30_000),
    },
    labels: checkLabels(own(options, 'labels'), DEFAULT_LABELS),
    debug: debug === true,
    listeners,
  };
}
