/**
 * Fires callbacks at wall-clock deadlines, in the ways a page really lives:
 * - delays beyond setTimeout's 2^31−1 ms limit are chained instead of firing at once;
 * - setTimeout runs on a clock that stops while the machine sleeps and is throttled in
 *   background tabs, so the wall clock is re-checked whenever the page runs again
 *   (visibilitychange, pageshow from the back/forward cache, focus, Page Lifecycle resume,
 *   online after a wake-up) and by a drift tick that notices a suspended event loop within
 *   100 ms of it running again (the tick only compares two numbers, and runs only while a
 *   deadline is pending; browsers throttle it to 1/s in background tabs);
 * - each deadline fires exactly once, and never after it was cancelled.
 */
/** setTimeout's longest delay: above it, the timer fires at once. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;
// Under 100 ms, with room for timer slack, so a slept machine is noticed within 100 ms.
const DRIFT_TICK_MS = 80;
const WINDOW_WAKE_EVENTS = ['pageshow', 'focus', 'online'] as const;
const DOCUMENT_WAKE_EVENTS = ['visibilitychange', 'resume'] as const;

export interface Scheduler {
  /** Calls `onDue` once when `Date.now()` reaches `deadline`. */
  at(deadline: number, onDue: () => void): void;
  /** Cancels every pending deadline. With none left (cancelled or fired), no listener or drift
   * tick remains. */
  clear(): void;
}

interface Entry {
  deadline: number;
  onDue: () => void;
  timer?: ReturnType<typeof setTimeout>;
}

export function createScheduler(win: Window): Scheduler {
  const entries = new Set<Entry>();
  let tick: ReturnType<typeof setInterval> | undefined;

  const arm = (entry: Entry) => {
    clearTimeout(entry.timer);
    const remaining = Math.max(1, entry.deadline - Date.now());
    entry.timer = setTimeout(() => check(entry), Math.min(remaining, MAX_TIMEOUT_MS));
  };

  const remove = (entry: Entry) => {
    clearTimeout(entry.timer);
    if (!entries.delete(entry) || entries.size > 0) return;
    clearInterval(tick);
    tick = undefined;
    setWakeListeners('removeEventListener');
  };

  // Fires when due; otherwise re-arms from the current wall clock (the old timer may be off).
  function check(entry: Entry) {
    if (!entries.has(entry)) return;
    if (Date.now() < entry.deadline) return arm(entry);
    remove(entry);
    entry.onDue();
  }

  const checkAll = () => [...entries].forEach(check);
  // The drift tick: a deadline that passed while its own timer did not fire means the event
  // loop was suspended or throttled. Not re-arming here keeps the tick nearly free.
  const fireOverdue = () => {
    for (const entry of [...entries]) if (Date.now() >= entry.deadline) check(entry);
  };

  function setWakeListeners(method: 'addEventListener' | 'removeEventListener') {
    for (const name of WINDOW_WAKE_EVENTS) win[method](name, checkAll);
    for (const name of DOCUMENT_WAKE_EVENTS) win.document[method](name, checkAll);
  }

  return {
    at(deadline, onDue) {
      const entry: Entry = { deadline, onDue };
      if (entries.size === 0) {
        setWakeListeners('addEventListener');
        tick = setInterval(fireOverdue, DRIFT_TICK_MS);
      }
      entries.add(entry);
      arm(entry);
    },
    clear() {
      for (const entry of [...entries]) remove(entry);
    },
  };
}
