import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TokenExpiredEvent } from '../../src/host/index';
import { code, flush, makeToken, openReady, useHarness, widget } from './harness';

useHarness();
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-26T12:00:00.000Z'));
});

const MAX_TIMEOUT = 2 ** 31 - 1;

/** Advances until just before `ms` from now, checks `fetches` calls, then to `ms`: one more. */
async function expectFetchAt(fetchToken: ReturnType<typeof vi.fn>, ms: number) {
  const calls = fetchToken.mock.calls.length;
  await vi.advanceTimersByTimeAsync(ms - 1);
  expect(fetchToken).toHaveBeenCalledTimes(calls);
  await vi.advanceTimersByTimeAsync(1);
  expect(fetchToken).toHaveBeenCalledTimes(calls + 1);
}

describe('when the next token is fetched (auto mode)', () => {
  it('refreshLeadMs before expiry', async () => {
    const fetchToken = vi.fn(async () => makeToken(60_000));
    await openReady(fetchToken, { refreshLeadMs: 10_000 });
    await expectFetchAt(fetchToken, 50_000);
    await flush();
    await expectFetchAt(fetchToken, 50_000); // and again for the next token
    expect(widget.all('token')).toHaveLength(2);
  });

  it('at half the remaining life when that is shorter than refreshLeadMs', async () => {
    const fetchToken = vi.fn(async () => makeToken(10_000));
    await openReady(fetchToken, { refreshLeadMs: 30_000 });
    await expectFetchAt(fetchToken, 5000);
  });
});

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

  // Was a bug, fixed in c578989 ("auto mode does not refresh after a sleep"): when a wake finds
  // both the refresh time and the deadline passed, expire() cancels the refresh timer first.
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

describe('clock skew', () => {
  const HOUR = 3_600_000;

  it.each([
    ['behind', HOUR],
    ['ahead', -HOUR],
  ])('client clock an hour %s: serverTime puts expiry on the server clock', async (_, skew) => {
    const serverNow = Date.now() + skew;
    const token = makeToken(0, {
      expiresAt: new Date(serverNow + 60_000).toISOString(),
      serverTime: new Date(serverNow).toISOString(),
    });
    const onTokenExpired = vi.fn();
    const { link } = await openReady(
      vi.fn(async () => token),
      { refresh: 'manual', onTokenExpired },
    );
    expect(link.state).toBe('open');
    await vi.advanceTimersByTimeAsync(59_999);
    expect(onTokenExpired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onTokenExpired).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['behind', HOUR],
    ['ahead', -HOUR],
  ])("client clock an hour %s: a Response's Date header corrects it", async (_, skew) => {
    const serverNow = Date.now() + skew;
    const body = JSON.stringify(makeToken(0, { expiresAt: new Date(serverNow + 60_000).toISOString() }));
    const fetchToken = vi.fn(
      async () =>
        new Response(body, {
          headers: { 'content-type': 'application/json', date: new Date(serverNow).toUTCString() },
        }),
    );
    const onTokenExpired = vi.fn();
    const { link } = await openReady(fetchToken, { refresh: 'manual', onTokenExpired });
    expect(link.state).toBe('open');
    await vi.advanceTimersByTimeAsync(59_999);
    expect(onTokenExpired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onTokenExpired).toHaveBeenCalledTimes(1);
  });

  it('a skew under 2 s is measurement noise: ignored', async () => {
    const token = makeToken(60_000, { serverTime: new Date(Date.now() + 1500).toISOString() });
    const onTokenExpired = vi.fn();
    await openReady(
      vi.fn(async () => token),
      { refresh: 'manual', onTokenExpired },
    );
    await vi.advanceTimersByTimeAsync(59_999);
    expect(onTokenExpired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onTokenExpired).toHaveBeenCalledTimes(1);
  });

  // Was a bug, fixed in c578989 ("serverTime ignored for token objects"): fetchOnce skips the
  // skew correction when the source is a token object (open(token) or refresh(token)).
  it('serverTime also counts for a token object, not only for a fetchToken function', async () => {
    const serverNow = Date.now() - HOUR; // client clock an hour ahead
    const token = makeToken(0, {
      expiresAt: new Date(serverNow + 60_000).toISOString(),
      serverTime: new Date(serverNow).toISOString(),
    });
    const { link } = await openReady(token, { refresh: 'manual' });
    await expect(link.ready).resolves.toBeUndefined();
  });
});

describe('the widget reports', () => {
  it('tokenExpired: the event fires once and (auto) a fresh token goes in place', async () => {
    const fetchToken = vi.fn(async () => makeToken(60_000));
    const onTokenExpired = vi.fn();
    const { link } = await openReady(fetchToken, { onTokenExpired, refreshLeadMs: 10_000 });
    widget.say('tokenExpired');
    widget.say('tokenExpired');
    await flush();
    expect(onTokenExpired).toHaveBeenCalledTimes(1);
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(widget.all('token')).toHaveLength(1);
    expect(widget.all('init')).toHaveLength(1);
    expect(link.state).toBe('open');
    await vi.advanceTimersByTimeAsync(55_000); // past the old token's deadline
    expect(onTokenExpired).toHaveBeenCalledTimes(1);
  });

  it('tokenExpired in manual mode: the event, no fetch, until the host refreshes', async () => {
    const fetchToken = vi.fn(async () => makeToken(60_000));
    const onTokenExpired = vi.fn((event: TokenExpiredEvent) => void event.refresh());
    await openReady(fetchToken, { refresh: 'manual', onTokenExpired });
    widget.say('tokenExpired');
    await flush();
    expect(onTokenExpired).toHaveBeenCalledTimes(1);
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(widget.all('token')).toHaveLength(1);
  });

  it('a second ready (the iframe reloaded) gets a fresh token by a new init, never the old one', async () => {
    const fetchToken = vi.fn(async () => makeToken(60_000));
    const { link } = await openReady(fetchToken);
    widget.say('ready');
    await flush();
    const inits = widget.all('init').map((m) => m.payload.accessToken);
    expect(inits).toHaveLength(2);
    expect(inits[1]).not.toBe(inits[0]);
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(link.state).toBe('open');
  });

  it('a reload with a token-object source: tokenExpired, and init only with the next token', async () => {
    const onTokenExpired = vi.fn();
    const { link } = await openReady(makeToken(60_000), { onTokenExpired });
    widget.say('ready');
    await flush();
    expect(onTokenExpired).toHaveBeenCalledTimes(1);
    expect(widget.all('init')).toHaveLength(1);
    await expect(link.refresh()).rejects.toMatchObject(code('INVALID_OPTIONS'));
    const next = makeToken(60_000);
    await link.refresh(next);
    expect(widget.last('init')!.payload.accessToken).toBe(next.accessToken);
  });
});
