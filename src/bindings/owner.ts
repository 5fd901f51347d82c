/**
 * The link a component owns, for every framework binding (React, Vue, Svelte, Angular) and
 * importing none: it prepares the widget out of sight, hands each event to the latest options'
 * callback, replaces the link after a close (tokens are single use: the next launch needs its
 * own), and survives the double mounts frameworks simulate in development. A binding maps its
 * framework's lifecycle onto `mount` (returns the cleanup), `renew`, `open` and `close`.
 */
import { EVENT_NAMES, type LinkState } from '../host/events.js';
import type { PreparedLink } from '../host/handle.js';
import { WinkLink } from '../host/index.js';
import { callbackName, type WinkLinkOptions } from '../host/options.js';
import type { TokenFetcher } from '../host/timed-token.js';
import { WinkLinkError } from '../shared/errors.js';

/** A ref to an element (React's `useRef`, or a binding's adapter), typed structurally. */
export interface ElementRef {
  readonly current: Element | null;
}

/** The options every binding takes (each may add its own container form). */
export interface LinkOwnerOptions extends Omit<WinkLinkOptions, 'container'> {
  /** Fetches a fresh, single-use Link token: called once per launch (the latest one is called,
   * so an inline function is fine). */
  fetchToken: TokenFetcher;
  /** Inline mode: an element, a selector, or a ref to an element rendered with this component
   * (null: a ref not attached yet, an INVALID_OPTIONS error if still so when preparing). */
  container?: Element | string | ElementRef | null;
}

/** What the component renders from: changes re-render it. */
export interface LinkView {
  /** The link's state; `idle` before it is prepared (and always during server rendering). */
  state: LinkState | 'idle';
  /** The latest error of the current link (also given to `onError`); cleared when a new one is prepared. */
  error: WinkLinkError | null;
  /** The underlying handle, or null. */
  link: PreparedLink | null;
}

export const IDLE: LinkView = { state: 'idle', error: null, link: null };

/** `open` and `refreshing`: the widget is loaded with its token, so `open()` shows it at once. */
export const isReady = (state: LinkView['state']) => state === 'open' || state === 'refreshing';

/**
 * What changes what the widget shows, compared by value: an inline object literal is the same
 * options on every render. Callbacks and fetchToken are left out (the latest are read when
 * called); a binding compares the container by identity, beside this key.
 */
export function displayKey(options: object): string {
  try {
    return JSON.stringify(options, (key, value) =>
      key === 'container' || typeof value === 'function' ? undefined : value,
    );
  } catch {
    // Not data (a cycle, a BigInt): the options are invalid, and preparing says so once.
    return '';
  }
}

type Listener = (...args: unknown[]) => unknown;

/** `read` gives the latest options, `update` re-renders the component with a change of its view. */
export function createLinkOwner(read: () => LinkOwnerOptions, update: (change: Partial<LinkView>) => void) {
  let link: PreparedLink | null = null;
  /** Counts mounts and cleanups: a deferred start runs only if no cleanup came after its mount. */
  let generation = 0;
  /** Between a mount and its cleanup: only then may a link exist. */
  let live = false;
  /** A deferred start is queued (see mount). */
  let pending = false;
  /** open() came before there was a link to show: show it as soon as there is. */
  let openWhenPrepared = false;
  /** The last launch failed: a new one starts on open(), not by itself (no retry loop). */
  let failed = false;

  function report(error: WinkLinkError) {
    update({ error });
    const { onError } = read();
    // As the core does with no error listener: an error nobody handles still shows.
    return onError ? onError(error) : console.error('[wink-link]', error);
  }

  function retire() {
    const old = link;
    link = null;
    old?.destroy();
  }

  /** A link's event: the owner's bookkeeping first, then the latest callback (its result is
   * returned, so an async callback's rejection is reported as LISTENER_FAILED). */
  function handle(event: string, args: unknown[]) {
    const [payload] = args as [{ to: LinkState; reason: string }];
    if (event === 'stateChange') update({ state: payload.to });
    if (event === 'close' && payload.reason === 'failed') failed = true;
    if (event === 'error') return report(args[0] as WinkLinkError);
    return (read()[callbackName(event) as keyof LinkOwnerOptions] as Listener | undefined)?.(...args);
  }

  function start() {
    if (!live || link) return;
    const show = openWhenPrepared;
    openWhenPrepared = failed = false;
    const { fetchToken, container, ...options } = read();
    const listeners: Record<string, Listener> = {};
    let next: PreparedLink | undefined;
    // A listener of a link this owner has since replaced says nothing.
    for (const event of EVENT_NAMES) listeners[callbackName(event)] = (...args) => next === link && handle(event, args);
    try {
      if (typeof fetchToken !== 'function') {
        throw new WinkLinkError('INVALID_OPTIONS', 'fetchToken must be a function that fetches a fresh token.');
      }
      const element =
        container && typeof container === 'object' && 'current' in container ? container.current : container;
      if (element === null) {
        throw new WinkLinkError(
          'INVALID_OPTIONS',
          'The container ref is empty: attach it to an element rendered with the component.',
        );
      }
      link = next = WinkLink.prepare((context) => read().fetchToken(context), {
        ...options,
        ...listeners,
        container: element,
      });
    } catch (error) {
      return report(error as WinkLinkError);
    }
    update({ state: next.state, error: null, link: next });
    if (show) next.open();
  }

  function renew() {
    if (live && !failed && link?.state === 'closed') {
      retire();
      start();
    }
  }

  return {
    /** The component is mounted (or its shown options changed): prepares a microtask later, and
     * returns the cleanup. */
    mount() {
      const mounted = ++generation;
      live = pending = true;
      // Deferred, so that a simulated unmount (React's StrictMode: synchronous, right after the
      // first mount's effects) cancels it before anything exists: one widget, one token fetch,
      // one report of a misuse. Preparing at once and destroying in the cleanup would spend a
      // single-use token on a widget nobody sees.
      queueMicrotask(() => {
        if (mounted !== generation) return;
        pending = false;
        start();
      });
      return () => {
        generation++;
        live = pending = openWhenPrepared = false;
        retire();
        update(IDLE);
      };
    },
    /** After the user (or the widget) closed the link: prepare the next launch. */
    renew,
    /** renew(), a macrotask later: for a binding with no render of its own to wait for (a store,
     * signals). If the close unmounts the component (a route change in onClose, flushed by the
     * framework in a microtask), the component is gone by then and nothing is fetched. */
    renewSoon() {
      setTimeout(renew);
    },
    /** Shows the widget: at once when prepared, else as soon as it is. A no-op while not mounted (SSR). */
    open() {
      if (!live) return;
      if (link && link.state !== 'closed') return void link.open();
      openWhenPrepared = true;
      // Called on mount, it waits for the deferred start (same StrictMode reason).
      if (pending) return;
      retire();
      start();
    },
    close() {
      openWhenPrepared = false;
      link?.close();
    },
  };
}

export type LinkOwner = ReturnType<typeof createLinkOwner>;
