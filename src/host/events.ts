import type { WinkLinkError } from '../shared/errors.js';
import type { TokenSource } from './timed-token.js';
import type {
  AccountErrorEvent,
  AccountEvent,
  UploadsEvent,
  WidgetCloseReason,
  WidgetEvent,
} from '../shared/messages.js';

export type {
  AccountErrorEvent,
  AccountEvent,
  SmileAccountErrorCode,
  Upload,
  UploadsEvent,
  WidgetCloseReason,
  WidgetEvent,
  WidgetOptions,
} from '../shared/messages.js';

/**
 * Who closed the link. The widget's own reasons (Smile's `close`, `exit`, `error`; `widget` when
 * it gave none; `escape` when the user pressed Escape in it), or the SDK's: `escape` (Escape on
 * the page), `button` (the SDK's close button), `host` (`link.close()`), `removed` (the page
 * removed our element or its container, or closed the `<dialog>` our modal was in), `failed` (the
 * launch could not finish: see the `error` event).
 */
export type CloseReason = WidgetCloseReason | 'widget' | 'button' | 'host' | 'removed' | 'failed';

/** The `close` event's payload. */
export interface CloseEvent {
  /** Who closed the link. */
  reason: CloseReason;
}

/** The `tokenExpired` event's payload: once per token, whether or not auto refresh replaces it. */
export interface TokenExpiredEvent {
  /** When the token expired (server clock when known). */
  expiredAt: Date;
  /** Same as `link.refresh(next?)`: hand the open widget a fresh token in place. */
  refresh: (next?: TokenSource) => Promise<void>;
}

/**
 * Where a link is in its lifecycle: `fetching` (a token), `loading` (the token is in hand, the
 * widget page has not said `ready`), `open`, `refreshing` (a new token for the open widget),
 * `closed` (`link.refresh()` relaunches it), `destroyed` (for good).
 */
export type LinkState = 'fetching' | 'loading' | 'open' | 'refreshing' | 'closed' | 'destroyed';

/** The `stateChange` event's payload: one per lifecycle step. */
export interface StateChangeEvent {
  /** The state the link left. */
  from: LinkState;
  /** The state it is in now (also `link.state`). */
  to: LinkState;
}

/** Every event a link emits; `link.on(name, …)` and the `on…` options are typed from this. */
export interface LinkEvents {
  /** The widget is showing with its token (every launch; `ready` resolves at the same time). */
  load: () => void;
  /** The link closed; `reason` says who closed it. */
  close: (event: CloseEvent) => void;
  /** Anything that went wrong. Without an `error` listener it goes to `console.error`. */
  error: (error: WinkLinkError) => void;
  /** A UI event from the widget (Smile's onUIEvent: the screen the user is on). */
  event: (event: WidgetEvent) => void;
  /** The user picked a provider. */
  accountCreated: (event: AccountEvent) => void;
  /** The account is connected. */
  accountConnected: (event: AccountEvent) => void;
  /** The user removed an account. */
  accountRemoved: (event: AccountEvent) => void;
  /** Connecting the account failed. */
  accountError: (event: AccountErrorEvent) => void;
  /** Documents were uploaded instead of a connection. */
  uploadsCreated: (event: UploadsEvent) => void;
  /** The user removed or revoked uploads. */
  uploadsRemoved: (event: UploadsEvent) => void;
  /** The widget's token expired (timer, or the widget's server refused it); once per token. */
  tokenExpired: (event: TokenExpiredEvent) => void;
  /** Every lifecycle step. */
  stateChange: (event: StateChangeEvent) => void;
}

/** The name of an event, as `link.on(name, …)` takes it (the option is `on` + its capitalised name). */
export type LinkEventName = keyof LinkEvents;

// The event names at run time (the `on…` options), named once: `satisfies` fails the build if
// this record and LinkEvents ever disagree.
export const EVENT_NAMES = Object.keys({
  load: 1,
  close: 1,
  error: 1,
  event: 1,
  accountCreated: 1,
  accountConnected: 1,
  accountRemoved: 1,
  accountError: 1,
  uploadsCreated: 1,
  uploadsRemoved: 1,
  tokenExpired: 1,
  stateChange: 1,
} satisfies Record<LinkEventName, 1>) as LinkEventName[];

export interface EventBus {
  on<E extends LinkEventName>(event: E, listener: LinkEvents[E]): () => void;
  /** Calls the listeners of `event`; returns how many it had (0: nobody listens). */
  emit<E extends LinkEventName>(event: E, ...args: Parameters<LinkEvents[E]>): number;
  /** Silences the bus for good (destroy): no listener is called again, not even one added later
   * or one the emit under way has yet to reach. */
  clear(): void;
}

/**
 * The event bus: listeners run in the order added, and cannot break the SDK: one that throws
 * (or, async, rejects) is reported to `onListenerError` and the others still run.
 */
export function createEventBus(onListenerError: (error: unknown, event: LinkEventName) => void): EventBus {
  let listeners: Partial<Record<LinkEventName, Set<(...args: unknown[]) => void>>> | undefined = {};
  return {
    on(event, listener) {
      const guarded = (...args: unknown[]) => {
        try {
          const result: unknown = (listener as (...a: unknown[]) => unknown)(...args);
          // An async listener fails later: its rejection is reported the same way.
          if (result instanceof Promise) result.catch((error: unknown) => onListenerError(error, event));
        } catch (error) {
          onListenerError(error, event);
        }
      };
      // A destroyed link's bus takes none.
      if (listeners) {
        listeners[event] ??= new Set();
        listeners[event]!.add(guarded);
      }
      return () => listeners?.[event]?.delete(guarded);
    },
    emit(event, ...args) {
      const own = [...(listeners?.[event] ?? [])];
      // A copy: a listener added by a listener waits for the next emit; one removed by a
      // listener (or by destroy() from one) is not called.
      for (const listener of own) if (listeners?.[event]?.has(listener)) listener(...args);
      return own.length;
    },
    clear() {
      listeners = undefined;
    },
  };
}
