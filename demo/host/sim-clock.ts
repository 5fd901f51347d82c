/**
 * "Sleep 5 minutes" without closing the laptop: moves this page's `Date.now()` forward, as a
 * machine waking from sleep would see it. Timers do not fire early, so the SDK must notice the
 * jump on its own (its wall-clock re-check); the next token's `serverTime` then corrects the skew.
 * Demo-only: a real host page never does this.
 */
const realNow = Date.now.bind(Date);
let offsetMs = 0;
Date.now = () => realNow() + offsetMs;

export const simClock = {
  jump(ms: number): void {
    offsetMs += ms;
  },
  get offsetMs(): number {
    return offsetMs;
  },
};
