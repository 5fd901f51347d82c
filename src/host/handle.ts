import type { LinkEventName, LinkEvents, LinkState } from './events.js';
import type { TokenSource } from './timed-token.js';

/** The handle `WinkLink.open` returns. */
export interface Link {
  /** Where the link is in its lifecycle (the diagram in docs/guide/lifecycle.md). */
  readonly state: LinkState;
  /** Resolves when the widget is open with its token; rejects with a WinkLinkError. */
  readonly ready: Promise<void>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends LinkEventName>(event: E, listener: LinkEvents[E]): () => void;
  /**
   * Hands the widget a fresh token in place (or relaunches a closed link). `next`: a token, or
   * a fetchToken function; none: the original fetchToken. Rejects with a WinkLinkError.
   */
  refresh(next?: TokenSource): Promise<void>;
  /** Closes the widget; `refresh()` can relaunch it. Idempotent. */
  close(): void;
  /**
   * Removes everything for good: the widget and its element, the page lock, the timers, and a
   * token request under way (aborted); a `ready` or `refresh()` still waiting rejects with
   * DESTROYED. Idempotent.
   *
   * Silent at once, wherever it is called from — one of this link's listeners included: once it
   * returns, `state` is `destroyed`, and no listener of this link, nor its fetchToken, is called
   * again. `stateChange` to `destroyed` is the last event: reported before destroy() returns when
   * called from outside the link's own work; from inside it (a listener of this link, or code the
   * link set off, such as fetchToken's abort listener as it cancels a request), never.
   */
  destroy(): void;
}

/** The handle `WinkLink.prepare` returns: a link loading out of sight until `open()`. */
export interface PreparedLink extends Link {
  /** Shows the widget, already loaded with its token (refreshed first if it went stale). */
  open(): Link;
}
