import { useEffect, useInsertionEffect, useRef, useState } from 'react';
import { createLinkOwner, displayKey, IDLE, isReady, type LinkOwnerOptions, type LinkView } from '../bindings/owner.js';

/** The options of `useWinkLink`; `container` may be a React ref (`useRef`, `createRef`). */
export type UseWinkLinkOptions = LinkOwnerOptions;

export interface UseWinkLink extends LinkView {
  /** Shows the widget (prepared, so at once). Stable; a no-op during server rendering. */
  open(): void;
  /** Closes the widget; the hook then prepares the next launch. Stable. */
  close(): void;
  /** The widget is loaded with its token: `open()` shows it at once. For `disabled={!ready}`. */
  ready: boolean;
}

/**
 * Prepares a Wink Link for this component: loaded out of sight on mount, so `open()` is
 * instant; destroyed on unmount; prepared again after each close, and when an option that
 * changes what is shown changes (compared by value: inline literals are fine). Touches no
 * browser API while rendering: on the server it renders `{ ready: false, state: 'idle' }` and
 * `open()` does nothing.
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
  const [owner] = useState(() =>
    createLinkOwner(
      () => latest.current,
      (change) => setView((current) => ({ ...current, ...change })),
    ),
  );
  const { container } = options;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the options are compared by value (displayKey), read when preparing
  useEffect(owner.mount, [owner, displayKey(options), container]);
  // After a close, as an effect of rendering it: if the close unmounts the component (a route
  // change in onClose), no token is fetched for a link that would be destroyed at once.
  useEffect(() => {
    if (view.state === 'closed') owner.renew();
  }, [owner, view.state]);
  return { ...view, ready: isReady(view.state), open: owner.open, close: owner.close };
}
