import type { LinkState } from './events.js';

/**
 * The link's lifecycle, in one place: the only states and the only steps between them.
 *
 *   fetching ─▶ loading ─▶ open ⇄ refreshing        (token in hand, waiting for the widget;
 *       └────────────────▶ open                      the widget was ready first)
 *   loading ─▶ fetching                             (the token expired while the widget loaded)
 *   any live state ─▶ closed ─▶ fetching            (refresh() relaunches)
 *   any state but destroyed ─▶ destroyed
 */
const TRANSITIONS: Record<LinkState, readonly LinkState[]> = {
  fetching: ['loading', 'open', 'closed', 'destroyed'],
  loading: ['fetching', 'open', 'closed', 'destroyed'],
  open: ['refreshing', 'closed', 'destroyed'],
  refreshing: ['open', 'closed', 'destroyed'],
  closed: ['fetching', 'destroyed'],
  destroyed: [],
};

export interface Lifecycle {
  readonly state: LinkState;
  /** Moves to `to` (no-op when already there); an illegal step is a bug and throws. */
  to(to: LinkState): void;
  /** Whether the link is closed or destroyed. */
  readonly stopped: boolean;
}

export function createLifecycle(onChange: (from: LinkState, to: LinkState) => void): Lifecycle {
  let state: LinkState = 'fetching';
  return {
    get state() {
      return state;
    },
    get stopped() {
      return state === 'closed' || state === 'destroyed';
    },
    to(to) {
      const from = state;
      if (from === to) return;
      if (!TRANSITIONS[from].includes(to)) throw new Error(`wink-link bug: illegal transition ${from} → ${to}`);
      state = to;
      onChange(from, to);
    },
  };
}
