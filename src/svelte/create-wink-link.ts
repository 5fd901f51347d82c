import { createLinkOwner, IDLE, isReady, type LinkOwnerOptions, type LinkView } from '../bindings/owner.js';

/** The store's value: `$link.ready`, `$link.state`, `$link.error`, `$link.link`. */
export interface WinkLinkValue extends LinkView {
  /** The widget is loaded with its token: `open()` shows it at once. For `disabled={!$link.ready}`. */
  ready: boolean;
}

/** A Svelte readable store (the store contract, implemented without importing Svelte). */
export interface WinkLinkStore {
  subscribe(run: (value: WinkLinkValue) => void): () => void;
  /** Shows the widget (prepared, so at once). A no-op while nothing subscribes (and on the server). */
  open(): void;
  /** Closes the widget; the store then prepares the next launch. */
  close(): void;
}

/**
 * A store that owns a prepared Wink Link (Svelte 5, or any code that speaks the store contract):
 * loaded out of sight when the first subscriber comes (`$link` in a component), so `open()` is
 * instant; destroyed when the last one leaves (the component unmounts); prepared again after each
 * close. `options` may be a getter, read at each launch and each event: callbacks and fetchToken
 * may come from `$props()` or `$state`. On the server nothing is prepared: `$link.ready` is false.
 */
export function createWinkLink(options: LinkOwnerOptions | (() => LinkOwnerOptions)): WinkLinkStore {
  const subscribers = new Set<(value: WinkLinkValue) => void>();
  let value: WinkLinkValue = { ...IDLE, ready: false };
  const owner = createLinkOwner(
    () => (typeof options === 'function' ? options() : options),
    (change) => {
      value = { ...value, ...change };
      value.ready = isReady(value.state);
      for (const run of [...subscribers]) run(value);
      if (change.state === 'closed') owner.renewSoon();
    },
  );
  let cleanup: (() => void) | undefined;
  return {
    subscribe(run) {
      subscribers.add(run);
      run(value);
      // In a browser only: Svelte's server rendering subscribes too.
      if (subscribers.size === 1 && typeof document !== 'undefined') cleanup = owner.mount();
      return () => {
        if (subscribers.delete(run) && subscribers.size === 0) {
          cleanup?.();
          cleanup = undefined;
        }
      };
    },
    open: owner.open,
    close: owner.close,
  };
}
