import { useEffect, useInsertionEffect, useRef, useState } from 'react';
import { createSession, IDLE, type LinkView, type UseWinkLinkOptions } from './session.js';

export interface UseWinkLink extends LinkView {
  /** Shows the widget (prepared, so at once). Stable; a no-op during server rendering. */
  open(): void;
  /** Closes the widget; the hook then prepares the next launch. Stable. */
  close(): void;
  /** The widget is loaded with its token: `open()` shows it at once. For `disabled={!ready}`. */
  ready: boolean;
}

/**
 * What changes what the widget shows, compared by value: an inline object literal is the same
 * options on every render. Callbacks and fetchToken are left out (read through a ref); the
 * container is compared by identity, beside this key.
 */
function displayKey(options: UseWinkLinkOptions): string {
  try {
    return JSON.stringify(options, (key, value) =>
      key === 'container' || typeof value === 'function' ? undefined : value,
    );
  } catch {
    // Not data (a cycle, a BigInt): the options are invalid, and preparing says so once.
    return '';
  }
}

/**
 * Prepares a Wink Link for this component: loaded out of sight on mount, so `open()` is
 * instant; destroyed on unmount; prepared again after each close, and when an option that
 * changes what is shown changes. Touches no browser API while rendering: on the server it
 * renders `{ ready: false, state: 'idle' }` and `open()` does nothing.
 *
 * @param options - `fetchToken` (a function: every launch gets a fresh, single-use token) and
 *   every option and `on…` callback of `WinkLink.open`. Callbacks are read from the latest render.
 * @example
 * ```tsx
 * const { open, ready } = useWinkLink({
 *   fetchToken: ({ signal }) => fetch('/api/wink/link-token', { method: 'POST', signal }),
 *   widgetUrl: 'https://widget.wink.example/link',
 *   onAccountConnected: ({ accountId }) => console.info('connected', accountId),
 * });
 * return <button type="button" onClick={open} disabled={!ready}>Connect payroll</button>;
 * ```
 */
export function useWinkLink(options: UseWinkLinkOptions): UseWinkLink {
  const latest = useRef(options);
  // Committed options only: a render React throws away never reaches a callback.
  useInsertionEffect(() => {
    latest.current = options;
  });
  const [view, setView] = useState(IDLE);
  const [session] = useState(() =>
    createSession(
      () => latest.current,
      (change) => setView((current) => ({ ...current, ...change })),
    ),
  );
  const { container } = options;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the options are compared by value (displayKey), read when preparing
  useEffect(session.mount, [session, displayKey(options), container]);
  // After a close, as an effect of rendering it: if the close unmounts the component (a route
  // change in onClose), no token is fetched for a link that would be destroyed at once.
  useEffect(() => {
    if (view.state === 'closed') session.renew();
  }, [session, view.state]);
  return {
    ...view,
    ready: view.state === 'open' || view.state === 'refreshing',
    open: session.open,
    close: session.close,
  };
}
