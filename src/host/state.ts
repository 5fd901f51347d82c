import type { WinkLinkError } from '../shared/errors.js';
import type { HostToWidget, Message, WidgetToHost } from '../shared/messages.js';
import type { CloseReason, LinkEventName, LinkEvents, LinkState } from './events.js';
import type { FetchKind } from './fetch-token.js';
import { deferred, type Deferred } from './promises.js';
import type { TimedToken, TokenSource } from './timed-token.js';

/**
 * A link's state, its events and its effects: the vocabulary of the session core. `step`
 * (step.ts) is the only code that changes a State; the session (session.ts) feeds it events one
 * at a time and performs the effects it returns.
 */

/** Where the current launch's widget page is. */
export type WidgetPhase =
  /** Its page is loading: it has not said `ready` yet. */
  | 'booting'
  /** It said `ready` and waits for its token (`init`). */
  | 'asking'
  /** It has a token. */
  | 'holding';

/** One token fetch: `done` settles when its token is handed over, or with why it never was. */
export interface Fetch {
  id: number;
  kind: FetchKind;
  source: TokenSource;
  done: Deferred;
}

/** Everything one link knows. */
export interface State {
  /** The public lifecycle state (`link.state`). */
  link: LinkState;
  /** Prepared out of sight (`WinkLink.prepare`) until `open()`. */
  hidden: boolean;
  /** The current launch: each launch mounts a new frame; events of older ones are stale. */
  launch: {
    id: number;
    widget: WidgetPhase;
    /** With a per-mode widgetUrl: the mode its page was loaded for (the first token's). */
    mode?: TimedToken['token']['mode'];
    /** `link.ready`: settles once the widget has its first token, or with why it never will. */
    ready: Deferred;
  };
  /** The one token fetch in flight; `fetches` numbers them, so a late answer is recognised. */
  fetch: Fetch | null;
  fetches: number;
  /** `refresh(next)` calls that wait for the fetch in flight: their token goes after it. */
  queue: Array<Pick<Fetch, 'source' | 'done'>>;
  /** A fetched token waiting for the widget to ask for it, and where it came from (the source
   * a replacement comes from, should it expire first). */
  pending: ({ token: TimedToken } & Pick<Fetch, 'source' | 'done'>) | null;
  /** The token the widget holds; `expired` once its expiry was reported (once per token). */
  held: { token: TimedToken; expired: boolean } | null;
  /** A prepared link's auto refresh came due out of sight: `open()` runs it. */
  refreshOwed: boolean;
  /** Fetches the widget asked for (a reload, its `tokenExpired`): how many in a row, the last
   * one's time, and whether the next is waiting out its backoff. */
  widgetAsks: { count: number; at: number; waiting: boolean };
  /** Every token handed over, with its deadline: a token is never sent twice. */
  spent: Map<string, number>;
}

export function initialState(hidden: boolean): State {
  return {
    link: 'fetching',
    hidden,
    launch: { id: 0, widget: 'booting', ready: deferred() },
    fetch: null,
    fetches: 0,
    queue: [],
    pending: null,
    held: null,
    refreshOwed: false,
    widgetAsks: { count: 0, at: 0, waiting: false },
    spent: new Map(),
  };
}

/** What can happen to a link: the host's calls, the widget's messages, fetch results, timers. */
export type SessionEvent =
  | { type: 'launch'; source: TokenSource }
  | { type: 'refresh'; source: TokenSource; explicit: boolean; done: Deferred }
  | { type: 'show' }
  | { type: 'close'; reason: CloseReason }
  | { type: 'destroy' }
  | { type: 'fetched'; id: number; token: TimedToken }
  | { type: 'fetchFailed'; id: number; error: WinkLinkError }
  | { type: 'retrying'; id: number; error: WinkLinkError }
  | { type: 'refreshDue' }
  | { type: 'expired' }
  | { type: 'widgetAskDue' }
  // From the current launch's frame (`launch` is its id):
  | { type: 'message'; launch: number; message: Message<WidgetToHost> }
  | { type: 'loadTimeout'; launch: number; error: WinkLinkError }
  | { type: 'dismiss'; launch: number; reason: 'escape' | 'button' }
  | { type: 'detached'; launch: number };

/** The effects a step asks for, performed in order once the step is done (a destroy() from
 * host code they run replaces those left with its own: session.ts). */
export interface Effects {
  /** Mounts the frame of launch `id` (its page starts loading when its URL is known). */
  mount(id: number): void;
  /** Removes the current launch: frame, channel, its timers; aborts its fetch. */
  unmount(error: WinkLinkError): void;
  /** Loads the widget page (a per-mode widgetUrl, once the mode is known). */
  load(url: string): void;
  fetch(fetch: Fetch): void;
  post<K extends keyof HostToWidget & string>(type: K, payload: HostToWidget[K]): void;
  /** Times the held token's auto refresh and expiry (none: cancels them). */
  arm(token: TimedToken | null): void;
  /** Dispatches `widgetAskDue` after `ms`. */
  later(ms: number): void;
  /** The widget said `ready`: it loaded in time. */
  loaded(): void;
  /** The widget has its first token: hide the loading indicator, focus it. */
  reveal(): void;
  /** A prepared link is opened: show it, lock the page. */
  show(): void;
  resize(height: number): void;
  emit<E extends LinkEventName>(event: E, ...args: Parameters<LinkEvents[E]>): void;
  report(error: WinkLinkError): void;
  log(...args: unknown[]): void;
}

export type Effect = { [K in keyof Effects]: [K, ...Parameters<Effects[K]>] }[keyof Effects];
