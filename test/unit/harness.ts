/**
 * Shared test harness: opens links and plays the widget's part (happy-dom loads no page into
 * the iframe, so every iframe gets a stand-in `contentWindow` that records what the host posts),
 * tracks window/document listeners, and cleans up after every test.
 */
import nodeConsole from 'node:console';
import { afterEach, beforeEach, vi } from 'vitest';
import {
  WinkLink,
  type Link,
  type LinkState,
  type LinkToken,
  type TokenSource,
  type WinkLinkOptions,
} from '../../src/host/index';

export const WIDGET_URL = 'https://widget.example/link';
export const WIDGET_ORIGIN = 'https://widget.example';

/** The lifecycle spec, copied from DESIGN.md / src/lifecycle.ts on purpose: a test that imported
 * the table it checks would pass whatever the table said. */
export const SPEC_TRANSITIONS: Record<LinkState, readonly LinkState[]> = {
  fetching: ['loading', 'open', 'closed', 'destroyed'],
  loading: ['fetching', 'open', 'closed', 'destroyed'],
  open: ['refreshing', 'closed', 'destroyed'],
  refreshing: ['open', 'closed', 'destroyed'],
  closed: ['fetching', 'destroyed'],
  destroyed: [],
};

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
  /** The message exactly as posted. */
  message: unknown;
  iframe: HTMLIFrameElement;
}

/** Everything the host posted to any widget frame since the test began. */
export const sent: Sent[] = [];

export interface FakeWidgetWindow {
  postMessage: (message: unknown, targetOrigin: string) => void;
}
const fakeWindows = new WeakMap<HTMLIFrameElement, FakeWidgetWindow>();
function fakeWindowFor(iframe: HTMLIFrameElement): FakeWidgetWindow {
  let win = fakeWindows.get(iframe);
  if (!win) {
    win = {
      postMessage(message, targetOrigin) {
        const m = message as { type: string; payload: Record<string, unknown> };
        sent.push({ type: m.type, payload: m.payload, targetOrigin, message, iframe });
      },
    };
    fakeWindows.set(iframe, win);
  }
  return win;
}
Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', {
  configurable: true,
  get(this: HTMLIFrameElement) {
    return fakeWindowFor(this);
  },
});

/** The link's iframe inside its shadow root (modal or inline). */
export function findIframe(): HTMLIFrameElement | null {
  for (const host of Array.from(document.querySelectorAll('wink-link'))) {
    const iframe = host.shadowRoot?.querySelector('iframe');
    if (iframe) return iframe;
  }
  return null;
}

export interface MessageInit {
  origin?: string;
  source?: unknown;
  /** false: a synthetic event, as page code dispatching one itself would make. */
  trusted?: boolean;
}

/**
 * A `message` event as the browser delivers it from another window. TEST-ONLY: happy-dom cannot
 * deliver cross-window messages, and every event it makes is synthetic (its `isTrusted` is not
 * even set), which the SDK ignores by design. So the stand-in widget's events are marked trusted
 * here, on the event object. In a browser `isTrusted` is an unforgeable own property: page code
 * cannot do this, and the SDK has no switch for it.
 */
export function deliveredMessage(init: MessageEventInit): MessageEvent {
  const event = new MessageEvent('message', init);
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

/** Plays the widget inside the current frame (it follows the link across relaunches). */
export const widget = {
  get iframe() {
    return findIframe();
  },
  get window(): FakeWidgetWindow | null {
    const iframe = findIframe();
    return iframe ? fakeWindowFor(iframe) : null;
  },
  sent,
  /** Posts raw `data` to the host as if from the widget frame (or from `init.source`). */
  post(data: unknown, init: MessageInit = {}) {
    const source = 'source' in init ? init.source : (this.window ?? {});
    const event = { data, origin: init.origin ?? WIDGET_ORIGIN, source: source as MessageEventSource };
    window.dispatchEvent(init.trusted === false ? new MessageEvent('message', event) : deliveredMessage(event));
  },
  say(type: string, payload: unknown = {}, init: MessageInit = {}) {
    this.post({ wink: 1, type, payload }, init);
  },
  last(type: string) {
    return [...sent].reverse().find((m) => m.type === type);
  },
  all(type: string) {
    return sent.filter((m) => m.type === type);
  },
  /** Every accessToken the host handed over (init and token), in order. */
  tokens() {
    return sent.filter((m) => m.type === 'init' || m.type === 'token').map((m) => m.payload.accessToken as string);
  },
};

const opened: Link[] = [];
/** Anything at all: the tests hand the SDK junk on purpose (it validates at run time). */
export type FetchToken = unknown;

/** Opens a link on WIDGET_URL; records its state changes and errors. */
export function openLink(fetchToken: FetchToken, options: Partial<WinkLinkOptions> = {}) {
  const link: Link = WinkLink.open(fetchToken as TokenSource, { widgetUrl: WIDGET_URL, ...options } as WinkLinkOptions);
  opened.push(link);
  const states: Array<{ from: LinkState; to: LinkState }> = [];
  const errors: Array<Error & { code?: string }> = [];
  link.on('stateChange', (change) => states.push(change));
  link.on('error', (error) => errors.push(error));
  return { link, widget, states, errors };
}

/** Opens a link and takes it to `open`: fetch, ready, init. */
export async function openReady(fetchToken: FetchToken, options: Partial<WinkLinkOptions> = {}) {
  const opened = openLink(fetchToken, options);
  await flush();
  widget.say('ready');
  await flush();
  return opened;
}

/** Lets pending promise callbacks run (works with fake timers too). */
export async function flush(times = 50) {
  for (let i = 0; i < times; i++) await Promise.resolve();
}

export interface FetchCall {
  signal: AbortSignal;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** A fetchToken whose every call waits until the test resolves or rejects it. */
export function controlledFetcher() {
  const calls: FetchCall[] = [];
  const fn = vi.fn(
    ({ signal }: { signal: AbortSignal }) => new Promise((resolve, reject) => calls.push({ signal, resolve, reject })),
  );
  return {
    fn,
    calls,
    /** The latest call (fetchToken is called a microtask after the trigger: flush first). */
    last: () => calls[calls.length - 1]!,
    /** Lets the pending call start, resolves it with `value`, lets the result land. */
    async resolve(value: unknown) {
      await flush();
      calls[calls.length - 1]!.resolve(value);
      await flush();
    },
    async reject(error: unknown) {
      await flush();
      calls[calls.length - 1]!.reject(error);
      await flush();
    },
  };
}

type Target = 'window' | 'document';
/** Registrations on window and document made since the test began and not yet removed. */
export const listeners = {
  active: new Map<string, Set<unknown>>(),
  count() {
    let n = 0;
    for (const set of this.active.values()) n += set.size;
    return n;
  },
  describe() {
    return [...this.active].filter(([, set]) => set.size > 0).map(([key, set]) => `${key} ×${set.size}`);
  },
};
function capture(options: unknown) {
  return typeof options === 'boolean' ? options : Boolean((options as { capture?: boolean } | undefined)?.capture);
}
function track(target: Window | Document, name: Target) {
  const add = target.addEventListener.bind(target);
  const remove = target.removeEventListener.bind(target);
  vi.spyOn(target, 'addEventListener').mockImplementation((type: string, listener: unknown, options?: unknown) => {
    const key = `${name}:${type}:${capture(options)}`;
    if (!listeners.active.has(key)) listeners.active.set(key, new Set());
    listeners.active.get(key)!.add(listener);
    add(type, listener as EventListener, options as AddEventListenerOptions);
  });
  vi.spyOn(target, 'removeEventListener').mockImplementation((type: string, listener: unknown, options?: unknown) => {
    listeners.active.get(`${name}:${type}:${capture(options)}`)?.delete(listener);
    remove(type, listener as EventListener, options as EventListenerOptions);
  });
}

/** Console errors the SDK printed (happy-dom's "iframe loading is disabled" noise filtered out). */
export const consoleErrors: unknown[][] = [];

/** Installs the per-test setup and cleanup; call once at the top of every test file. */
export function useHarness() {
  beforeEach(() => {
    sent.length = 0;
    listeners.active.clear();
    consoleErrors.length = 0;
    const record = (...args: unknown[]) => {
      if (String(args[0]).includes('Iframe page loading is disabled')) return;
      consoleErrors.push(args);
    };
    vi.spyOn(console, 'error').mockImplementation(record);
    // happy-dom prints its own errors on the console it was created with (Node's).
    if (nodeConsole !== console) vi.spyOn(nodeConsole, 'error').mockImplementation(record);
    track(window, 'window');
    track(document, 'document');
  });
  afterEach(() => {
    for (const link of opened.splice(0)) link.destroy();
    vi.useRealTimers();
    vi.restoreAllMocks();
    document.body.replaceChildren();
    document.documentElement.removeAttribute('style');
    document.body.removeAttribute('style');
  });
}

/** A WinkLinkError-like rejection, for `await expect(p).rejects.toMatchObject(code('X'))`. */
export const code = (c: string) => ({ name: 'WinkLinkError', code: c });
