/**
 * tokenExpired: when the held token's expiresAt passes — once per token, at the right time however
 * far off it is, and also after the machine slept or the tab was in the background.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TokenExpiredEvent } from '../../src/host/index';
import { flush, makeToken, openReady, useHarness, widget } from './harness';

useHarness();
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-26T12:00:00.000Z'));
});

const MAX_TIMEOUT = 2 ** 31 - 1;

describe('tokenExpired', () => {
  it('fires at expiresAt, exactly once, with expiredAt and a working refresh', async () => {
    const token = makeToken(60_000);
    const fetchToken = vi.fn(async () => makeToken(60_000)).mockResolvedValueOnce(token);
    const onTokenExpired = vi.fn();
    const { link } = await openReady(fetchToken, { refresh: 'manual', onTokenExpired });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(onTokenExpired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onTokenExpired).toHaveBeenCalledTimes(1);
    const event = onTokenExpired.mock.calls[0]![0] as TokenExpiredEvent;
    expect(event.expiredAt.toISOString()).toBe(token.expiresAt);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(onTokenExpired).toHaveBeenCalledTimes(1);
    await event.refresh();
    expect(widget.all('token')).toHaveLength(1);
    expect(link.state).toBe('open');
  });

  it('a deadline beyond 2^31−1 ms is chained, never fired at once', async () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const onTokenExpired = vi.fn();
    const ms = MAX_TIMEOUT + 7 * 86_400_000;
    await openReady(
      vi.fn(async () => makeToken(ms)),
      { refresh: 'manual', onTokenExpired },
    );
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(onTokenExpired).not.toHaveBeenCalled();
    expect(Math.max(...setTimeoutSpy.mock.calls.map((call) => Number(call[1] ?? 0)))).toBeLessThanOrEqual(MAX_TIMEOUT);
    vi.setSystemTime(Date.now() + ms - 3_600_000 - 1000);
    await vi.advanceTimersByTimeAsync(999);
    expect(onTokenExpired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1001);
    expect(onTokenExpired).toHaveBeenCalledTimes(1);
  });

  const wakes: Array<[string, () => unknown]> = [
    ['visibilitychange', () => document.dispatchEvent(new Event('visibilitychange'))],
    ['pageshow (bfcache restore)', () => window.dispatchEvent(new Event('pageshow'))],
    ['focus', () => window.dispatchEvent(new Event('focus'))],
    ['resume (Page Lifecycle)', () => document.dispatchEvent(new Event('resume'))],
    ['online (back on the network after a sleep)', () => window.dispatchEvent(new Event('online'))],
    ['the 1 s drift tick', () => vi.advanceTimersByTime(1000)],
  ];

  it.each(wakes)('after a sleep, %s re-checks the wall clock; once per token', async (_, wake) => {
    const onTokenExpired = vi.fn();
    await openReady(
      vi.fn(async () => makeToken(60_000)),
      { refresh: 'manual', onTokenExpired },
    );
    vi.setSystemTime(Date.now() + 30_000); // slept, but not past the deadline
    await wake();
    expect(onTokenExpired).not.toHaveBeenCalled();
    vi.setSystemTime(Date.now() + 3_600_000); // slept past it: timers did not run
    await wake();
    expect(onTokenExpired).toHaveBeenCalledTimes(1);
    for (const [, other] of wakes) await other();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(onTokenExpired).toHaveBeenCalledTimes(1);
  });

  // Was a bug: after the machine slept past both the refresh time and the expiry, auto mode
  // emitted tokenExpired but never fetched the next token: the widget kept a dead one.
  it('auto mode: after a sleep past the deadline, tokenExpired fires once and a fresh token goes in place', async () => {
    const fetchToken = vi.fn(async () => makeToken(60_000));
    const onTokenExpired = vi.fn();
    const { link } = await openReady(fetchToken, { onTokenExpired, refreshLeadMs: 10_000 });
    vi.setSystemTime(Date.now() + 3_600_000);
    document.dispatchEvent(new Event('visibilitychange'));
    await flush();
    expect(onTokenExpired).toHaveBeenCalledTimes(1);
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(widget.all('token')).toHaveLength(1);
    expect(link.state).toBe('open');
  });

  it('never fires after close or destroy', async () => {
    for (const how of ['close', 'destroy'] as const) {
      const onTokenExpired = vi.fn();
      const { link } = await openReady(
        vi.fn(async () => makeToken(5000)),
        { onTokenExpired },
      );
      link[how]();
      vi.setSystemTime(Date.now() + 60_000);
      document.dispatchEvent(new Event('visibilitychange'));
      await vi.advanceTimersByTimeAsync(60_000);
      expect(onTokenExpired).not.toHaveBeenCalled();
    }
  });
});
