import { EVENT_NAMES, type LinkState } from '../host/events.js';
import type { TokenFetcher } from '../host/timed-token.js';
import type { PreparedLink } from '../host/handle.js';
import { WinkLink } from '../host/index.js';
import { callbackName, type WinkLinkOptions } from '../host/options.js';
import { WinkLinkError } from '../shared/errors.js';

/** A React ref to an element (`useRef`, `createRef`), typed structurally: this file needs no React. */
export interface ElementRef {
  readonly current: Element | null;
}

export interface UseWinkLinkOptions extends Omit<WinkLinkOptions, 'container'> {
  /** Fetches a fresh, single-use Link token: called once per launch (read through a ref, so an
   * inline function is fine). */
  fetchToken: TokenFetcher;
  /** Inline mode: an element, a selector, or a ref to an element rendered with this component. */
  container?: Element | string | ElementRef;
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

type Listener = (...args: unknown[]) => unknown;

/**
 * The link a component owns, without React: it prepares the widget out of sight, hands each
 * event to the latest options' callback, and replaces the link after a close (tokens are single
 * use: the next launch needs its own). `read` gives the latest options, `update` re-renders.
 */
export function createSession(read: () => UseWinkLinkOptions, update: (change: Partial<LinkView>) => void) {
  let link: PreparedLink | null = null;
  /** Between the component's effect and its cleanup: only then may a link exist. */
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

  /** A link's event: the hook's bookkeeping first, then the latest callback (its result is
   * returned, so an async callback's rejection is reported as LISTENER_FAILED). */
  function handle(event: string, args: unknown[]) {
    const [payload] = args as [{ to: LinkState; reason: string }];
    if (event === 'stateChange') update({ state: payload.to });
    if (event === 'close' && payload.reason === 'failed') failed = true;
    if (event === 'error') return report(args[0] as WinkLinkError);
    return (read()[callbackName(event) as keyof UseWinkLinkOptions] as Listener | undefined)?.(...args);
  }

  function start() {
    if (!live || link) return;
    const show = openWhenPrepared;
    openWhenPrepared = failed = false;
    const { fetchToken, container, ...options } = read();
    const listeners: Record<string, Listener> = {};
    let next: PreparedLink | undefined;
    // A listener of a link this session has since replaced says nothing.
    for (const event of EVENT_NAMES) listeners[callbackName(event)] = (...args) => next === link && handle(event, args);
    try {
      if (typeof fetchToken !== 'function') {
        throw new WinkLinkError(
          'INVALID_OPTIONS',
          'useWinkLink needs fetchToken: a function that fetches a fresh token.',
        );
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

  return {
    /** The component's effect: prepares (a microtask later) and returns the cleanup. */
    mount() {
      live = pending = true;
      // Deferred, so that StrictMode's simulated unmount (synchronous, right after the first
      // mount's effects) cancels it before anything exists: one widget, one token fetch. Preparing
      // at once and destroying in the cleanup would spend a single-use token on a widget nobody sees.
      queueMicrotask(() => {
        pending = false;
        start();
      });
      return () => {
        live = openWhenPrepared = false;
        retire();
        update(IDLE);
      };
    },
    /** After the user (or the widget) closed the link: prepare the next launch. */
    renew() {
      if (live && !failed && link?.state === 'closed') {
        retire();
        start();
      }
    },
    /** Shows the widget: at once when prepared, else as soon as it is. A no-op while not mounted (SSR). */
    open() {
      if (!live) return;
      if (link && link.state !== 'closed') return void link.open();
      openWhenPrepared = true;
      // Called from an effect on mount, it waits for the deferred start (same StrictMode reason).
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
