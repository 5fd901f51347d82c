import { vi } from 'vitest';
import { WinkLink, type Link, type LinkToken, type WinkLinkOptions } from '../../src/index';

export const WIDGET_URL = 'https://widget.example/link';
export const WIDGET_ORIGIN = 'https://widget.example';

let serial = 0;
/** A fresh, valid token that expires `ms` from now (on the current, possibly fake, clock). */
export function makeToken(ms = 60_000, extra: Partial<LinkToken> = {}): LinkToken {
  serial += 1;
  return {
    expiresAt: new Date(Date.now() + ms).toISOString(),
    mode: 'SANDBOX',
    accessToken: `tok.${serial}-${Math.random().toString(36).slice(2)}`,
    ...extra,
  };
}

export interface Sent {
  type: string;
  payload: Record<string, unknown>;
  targetOrigin: string;
}

/** The link's iframe inside its shadow root (modal or inline). */
export function findIframe(): HTMLIFrameElement | null {
  for (const host of Array.from(document.querySelectorAll('wink-link'))) {
    const iframe = host.shadowRoot?.querySelector('iframe');
    if (iframe) return iframe;
  }
  return null;
}

/**
 * Opens a link and plays the widget's part: `widget.say(type, payload)` posts as the iframe
 * would; `widget.sent` records what the host posted to it.
 */
export function openLink(fetchToken: Parameters<typeof WinkLink.open>[0], options: Partial<WinkLinkOptions> = {}) {
  const link: Link = WinkLink.open(fetchToken, { widgetUrl: WIDGET_URL, ...options });
  const sent: Sent[] = [];
  const iframe = findIframe()!;
  // happy-dom loads no page into the iframe: a stand-in window records what the host posts.
  const contentWindow = {
    postMessage: vi.fn((message: { type: string; payload: Record<string, unknown> }, targetOrigin: string) => {
      sent.push({ type: message.type, payload: message.payload, targetOrigin });
    }),
  };
  Object.defineProperty(iframe, 'contentWindow', { get: () => contentWindow, configurable: true });
  const widget = {
    iframe,
    sent,
    say(type: string, payload: unknown = {}, init: { origin?: string; source?: unknown } = {}) {
      window.dispatchEvent(
        new MessageEvent('message', {
          data: { wink: 1, type, payload },
          origin: init.origin ?? WIDGET_ORIGIN,
          source: (init.source ?? contentWindow) as MessageEventSource,
        }),
      );
    },
    last(type: string) {
      return [...sent].reverse().find((m) => m.type === type);
    },
  };
  return { link, widget };
}

/** Lets pending promise callbacks run (works with fake timers too). */
export async function flush(times = 50) {
  for (let i = 0; i < times; i++) await Promise.resolve();
}
