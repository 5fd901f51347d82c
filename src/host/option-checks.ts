/**
 * The checks `WinkLink.open`'s options go through (options.ts): each reads own properties only
 * (a polluted Object.prototype cannot set an option) and throws INVALID_OPTIONS saying what to fix.
 */
import { invalid } from '../shared/errors.js';
import type { WidgetOptions } from '../shared/messages.js';
import { check, isObject, own } from '../shared/rules.js';
import { widgetOptionsSchema } from '../shared/schemas.js';
import { secureUrl } from '../shared/url.js';
import { MAX_TIMEOUT_MS } from './expiry.js';
import type { Labels, WinkLinkOptions } from './options.js';

/** An unknown key is most often a typo (`onAccountConected`): refuse it, naming the known ones. */
export function checkKeys(object: unknown, what: string, known: string[]): Record<string, unknown> {
  if (!isObject(object)) invalid(`${what} must be an object with the keys ${known.join(', ')}.`);
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) invalid(`Unknown ${what} "${key}". Known: ${known.join(', ')}.`);
  }
  return object;
}

/** A widget URL must be absolute https:, or http: on this machine for development. */
function checkWidgetUrl(value: unknown, name = 'widgetUrl'): string {
  const url = secureUrl(value);
  if (!url) {
    invalid(`${name} must be an absolute https: URL (http: only on localhost), got ${JSON.stringify(String(value))}.`);
  }
  return url.href;
}

export function checkWidgetUrls(widgetUrl: unknown): WinkLinkOptions['widgetUrl'] {
  if (typeof widgetUrl !== 'object' || widgetUrl === null) return checkWidgetUrl(widgetUrl);
  const map = checkKeys(widgetUrl, 'widgetUrl', ['SANDBOX', 'PRODUCTION']);
  return {
    SANDBOX: checkWidgetUrl(own(map, 'SANDBOX'), 'widgetUrl.SANDBOX'),
    PRODUCTION: checkWidgetUrl(own(map, 'PRODUCTION'), 'widgetUrl.PRODUCTION'),
  };
}

export function checkMs(options: object, name: string, fallback: number): number {
  const value = own(options, name) ?? fallback;
  // Above 2^31−1 ms, setTimeout fires at once instead of (24.8 days) later.
  if (typeof value !== 'number' || !(value >= 0 && value <= MAX_TIMEOUT_MS)) {
    invalid(`${name} must be a number of milliseconds from 0 to ${MAX_TIMEOUT_MS}, got ${String(value)}.`);
  }
  return value;
}

export function checkString(value: unknown, name: string): string | undefined {
  if (value !== undefined && (typeof value !== 'string' || value === ''))
    invalid(`${name} must be a non-empty string.`);
  return value;
}

export function checkContainer(container: unknown): Element | undefined {
  if (container === undefined) return undefined;
  const element = typeof container === 'string' ? document.querySelector(container) : container;
  if (!(element instanceof Element)) {
    invalid(`container must be an Element or a selector that matches one, got ${String(container)}.`);
  }
  return element;
}

const WIDGET_OPTION_RULES: Record<string, string> = {
  topProviders: "an array of at most 10 provider ids (Smile's limit)",
  providers: 'an array of provider ids',
  companyName: 'a non-empty string',
};

export function checkWidgetOptions(value: unknown): WidgetOptions | undefined {
  if (value === undefined) return undefined;
  const checked = check(
    widgetOptionsSchema.shape,
    checkKeys(value, 'widgetOptions', Object.keys(widgetOptionsSchema.shape)),
  );
  if ('data' in checked) return checked.data;
  const key = checked.invalidKey;
  return invalid(`widgetOptions.${key} must be ${WIDGET_OPTION_RULES[key] ?? 'a boolean'}.`);
}

export function checkLocale(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  try {
    // getCanonicalLocales throws RangeError on a malformed tag (and reads a non-string as a list).
    if (typeof value === 'string') return Intl.getCanonicalLocales(value)[0];
  } catch {}
  return invalid(`locale must be a BCP 47 language tag such as "es" or "fr-CA", got ${JSON.stringify(String(value))}.`);
}

export function checkLabels(value: unknown, defaults: Labels): Labels {
  if (value === undefined) return defaults;
  const labels = checkKeys(value, 'labels', Object.keys(defaults));
  const read = (key: keyof Labels) => checkString(own(labels, key), `labels.${key}`) ?? defaults[key];
  return { title: read('title'), loading: read('loading'), close: read('close') };
}
