import { invalid, WinkLinkError } from '../../shared/errors.js';
import type { WidgetOptions } from '../../shared/messages.js';
import { isObject, own } from '../../shared/rules.js';
import { widgetOptionsSchema } from '../../shared/schemas.js';
import type { LinkToken } from '../../shared/token.js';
import type { CloseReason } from '../../host/events.js';
import type { TokenFetcher, TokenSource } from '../../host/timed-token.js';
import { normalizeOptions, type Labels, type WinkLinkOptions } from '../../host/options.js';
import type { SmileCallbacks, SmileCloseReason } from '../smile-sdk.js';

/**
 * Smile's `SmileLinkModal` options (SmileAPI/smile-openapi docs/english/Chapter-4.md,
 * api-reference/Chapter-3.md and Chapter-4.md), plus what the drop-in needs: `bridgeUrl`, and
 * `fetchToken` for tokens it can refresh.
 */
export interface SmileCompatOptions extends WidgetOptions, Omit<SmileCallbacks, 'onClose'> {
  /** The wink-link Smile bridge page (dist/smile-bridge.html served from your origin). */
  bridgeUrl: string | { SANDBOX: string; PRODUCTION: string };
  /**
   * Smile's option: the Link token. The token object your server got from Smile
   * (`{ accessToken, mode, expiresAt }`) is best; the bare `accessToken` string works too.
   * Single use: one `open()`. Pass `fetchToken` instead to reopen and refresh.
   */
  userToken?: string | LinkToken;
  /** Instead of `userToken`: called for every token needed (each open, each auto refresh). */
  fetchToken?: TokenFetcher;
  /** The Wink template, `wtpl-…`. */
  templateId?: string;
  /** Smile's old option; only read to tell a bare `userToken`'s mode (link-sandbox → SANDBOX). */
  apiHost?: string;
  /** Smile's reasons (`close`, `exit`, `error`); `winkReason` says exactly who closed it. */
  onClose?: (event: { reason: SmileCloseReason; winkReason: CloseReason }) => void;
  /** Not in Smile's SDK: anything that went wrong (token fetch, Smile's script, …). */
  onError?: (error: WinkLinkError) => void;
  /** The dialog's accessible name, loading text and close label (wink-link's `labels`). */
  labels?: Partial<Labels>;
  /** Log protocol traffic (tokens redacted). */
  debug?: boolean;
}

/** A Link token is valid 5 hours (SmileAPI/smile-openapi docs/english/guides/onboarding/onboarding-faqs.md). */
const TOKEN_LIFE_MS = 5 * 60 * 60 * 1000;

const WIDGET_OPTION_KEYS = Object.keys(widgetOptionsSchema.shape) as Array<keyof WidgetOptions>;
const CALLBACKS = [
  'onAccountCreated',
  'onAccountConnected',
  'onAccountRemoved',
  'onAccountError',
  'onUploadsCreated',
  'onUploadsRemoved',
  'onUIEvent',
  'onTokenExpired',
  'onClose',
  'onError',
] as const;
const KNOWN = [
  'bridgeUrl',
  'userToken',
  'fetchToken',
  'templateId',
  'apiHost',
  'labels',
  'debug',
  ...WIDGET_OPTION_KEYS,
  ...CALLBACKS,
];

/** Smile's three reasons; the SDK's own (Escape, its close button, `close()`) read as the × icon. */
function smileReason(reason: CloseReason): SmileCloseReason {
  if (reason === 'exit' || reason === 'error') return reason;
  return reason === 'failed' ? 'error' : 'close';
}

/**
 * A bare `accessToken`: wink-link needs its mode and expiry. The expiry is put at the longest a
 * token lives from now, so the SDK's own timer never fires early; Smile's widget reports the real
 * expiry itself. The mode only picks a per-mode bridgeUrl (Smile's widget reads it from the token).
 */
function wrapToken(accessToken: string, apiHost: unknown, bridgeUrl: unknown): LinkToken {
  if (typeof bridgeUrl === 'object') {
    invalid('With a bridgeUrl per mode, pass userToken as the token object { accessToken, mode, expiresAt }.');
  }
  const mode = typeof apiHost === 'string' && apiHost.includes('link-sandbox.') ? 'SANDBOX' : 'PRODUCTION';
  return { accessToken, mode, expiresAt: new Date(Date.now() + TOKEN_LIFE_MS).toISOString() };
}

function tokenSource(options: Record<string, unknown>): TokenSource {
  const userToken = own(options, 'userToken');
  const fetchToken = own(options, 'fetchToken');
  if ((userToken === undefined) === (fetchToken === undefined)) {
    invalid('Pass one of userToken (a Link token, single use) or fetchToken (a function that fetches one).');
  }
  if (fetchToken !== undefined && typeof fetchToken !== 'function') invalid('fetchToken must be a function.');
  if (typeof userToken === 'string') {
    if (userToken === '') invalid('userToken must be a non-empty string or a Link token object.');
    return wrapToken(userToken, own(options, 'apiHost'), own(options, 'bridgeUrl'));
  }
  return (fetchToken ?? userToken) as TokenSource;
}

/** WinkLink.open's arguments for Smile's options; every misuse throws INVALID_OPTIONS now. */
export function translateOptions(raw: unknown): { source: TokenSource; options: WinkLinkOptions } {
  if (!isObject(raw)) invalid('SmileLinkModal takes an options object with bridgeUrl and userToken or fetchToken.');
  const options = raw as Record<string, unknown>;
  for (const key of Object.keys(options)) {
    if (key === 'enableSampleModel') {
      invalid(
        "enableSampleModel is a Smile sandbox helper the bridge does not forward: remove it (it can't reach Smile's widget).",
      );
    }
    if (!KNOWN.includes(key)) invalid(`Unknown SmileLinkModal option "${key}". Known: ${KNOWN.join(', ')}.`);
  }
  // The three wrapped below would pass WinkLink.open's own check as functions: checked here.
  for (const name of ['onUIEvent', 'onTokenExpired', 'onClose'] as const) {
    const callback = own(options, name);
    if (callback !== undefined && typeof callback !== 'function') invalid(`${name} must be a function.`);
  }
  const call = <K extends (typeof CALLBACKS)[number]>(name: K) => own(options, name) as SmileCompatOptions[K];
  const widgetOptions = Object.fromEntries(
    WIDGET_OPTION_KEYS.filter((key) => own(options, key) !== undefined).map((key) => [key, own(options, key)]),
  );
  const source = tokenSource(options);
  const onUIEvent = call('onUIEvent');
  const onClose = call('onClose');
  const onTokenExpired = call('onTokenExpired');
  const translated: WinkLinkOptions = {
    widgetUrl: own(options, 'bridgeUrl') as WinkLinkOptions['widgetUrl'],
    chrome: 'none',
    ...(own(options, 'templateId') !== undefined && { templateId: own(options, 'templateId') as string }),
    ...(Object.keys(widgetOptions).length > 0 && { widgetOptions }),
    ...(own(options, 'labels') !== undefined && { labels: own(options, 'labels') as Partial<Labels> }),
    ...(own(options, 'debug') !== undefined && { debug: own(options, 'debug') as boolean }),
    onAccountCreated: call('onAccountCreated'),
    onAccountConnected: call('onAccountConnected'),
    onAccountRemoved: call('onAccountRemoved'),
    onAccountError: call('onAccountError'),
    onUploadsCreated: call('onUploadsCreated'),
    onUploadsRemoved: call('onUploadsRemoved'),
    onError: call('onError'),
    onEvent: onUIEvent && (({ name, metadata }) => onUIEvent({ ...metadata, eventName: name })),
    onTokenExpired: onTokenExpired && (() => onTokenExpired()),
    onClose: onClose && (({ reason }) => onClose({ reason: smileReason(reason), winkReason: reason })),
  };
  try {
    normalizeOptions(source, translated);
  } catch (error) {
    const { code, message } = error as WinkLinkError;
    // Its words are WinkLink.open's: say them in this constructor's option names.
    throw new WinkLinkError(code, message.replace(/widgetUrl/g, 'bridgeUrl').replace(/widgetOptions\./g, ''));
  }
  return { source, options: translated };
}
