import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  code,
  controlledFetcher,
  flush,
  listeners,
  makeToken,
  openLink,
  openReady,
  useHarness,
  widget,
} from './harness';

useHarness();
beforeEach(() => {
  vi.useFakeTimers();
});

const failing = () =>
  vi.fn(async () => {
    throw new Error('token endpoint down');
  });

describe('fetching a token', () => {
  it('fetchToken gets an AbortSignal; FETCH_TIMEOUT aborts it', async () => {
    const fetchToken = controlledFetcher();
    const { link } = openLink(fetchToken.fn, { fetchTimeoutMs: 5000 });
    await flush();
    const { signal } = fetchToken.last();
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toMatchObject(code('FETCH_TIMEOUT'));
    await expect(link.ready).rejects.toMatchObject(code('FETCH_TIMEOUT'));
  });

  it.each(['close', 'destroy'] as const)(
    '%s() during a fetch aborts it; a late token mounts and posts nothing',
    async (how) => {
      const fetchToken = controlledFetcher();
      const onTokenExpired = vi.fn();
      const { link } = openLink(fetchToken.fn, { onTokenExpired });
      await flush();
      widget.say('ready');
      link[how]();
      const { signal } = fetchToken.last();
      expect(signal.aborted).toBe(true);
      expect(signal.reason).toMatchObject(code(how === 'close' ? 'CLOSED' : 'DESTROYED'));
      fetchToken.last().resolve(makeToken(5000));
      await vi.advanceTimersByTimeAsync(60_000);
      expect(document.querySelector('wink-link')).toBeNull();
      expect(widget.sent).toEqual([]);
      expect(onTokenExpired).not.toHaveBeenCalled();
      expect(vi.getTimerCount()).toBe(0);
      expect(listeners.describe()).toEqual([]);
    },
  );

  it.each(['close', 'destroy'] as const)(
    '%s() while a resolved token is still on its way mounts nothing, posts nothing, leaves no timer',
    async (how) => {
      for (let ticks = 0; ticks <= 12; ticks++) {
        const fetchToken = controlledFetcher();
        const onTokenExpired = vi.fn();
        const { link } = openLink(fetchToken.fn, { onTokenExpired });
        await flush();
        widget.say('ready');
        fetchToken.last().resolve(makeToken(5000));
        for (let i = 0; i < ticks; i++) await Promise.resolve();
        const sentBefore = widget.sent.length;
        const early = link.state !== 'open'; // else the token already landed: nothing to race
        link[how]();
        await vi.advanceTimersByTimeAsync(60_000);
        if (early) {
          expect(widget.sent.length).toBe(sentBefore);
          expect(onTokenExpired).not.toHaveBeenCalled();
        }
        expect(vi.getTimerCount()).toBe(0);
        expect(listeners.describe()).toEqual([]);
        link.destroy();
      }
    },
  );

  it('a relaunch after close fetches a new token', async () => {
    const fetchToken = vi.fn(async () => makeToken());
    const { link } = await openReady(fetchToken);
    link.close();
    await flush();
    void link.refresh();
    await flush();
    widget.say('ready');
    await flush();
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(new Set(widget.tokens()).size).toBe(2);
  });
});

describe('single use', () => {
  it('a fetcher returning the same token again is refused: never sent twice', async () => {
    const token = makeToken(60_000);
    const fetchToken = vi.fn(async () => ({ ...token }));
    const { errors } = await openReady(fetchToken, { refreshLeadMs: 10_000, retry: { attempts: 3, baseDelayMs: 100 } });
    await vi.advanceTimersByTimeAsync(55_000);
    expect(fetchToken.mock.calls.length).toBeGreaterThan(1);
    expect(widget.tokens()).toEqual([token.accessToken]);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.code === 'TOKEN_EXPIRED')).toBe(true);
  });

  it('refresh(sameToken) is refused with TOKEN_EXPIRED', async () => {
    const token = makeToken(60_000);
    const { link } = await openReady(token, { refresh: 'manual' });
    await expect(link.refresh({ ...token })).rejects.toMatchObject(code('TOKEN_EXPIRED'));
    expect(widget.tokens()).toEqual([token.accessToken]);
  });

  it('a token already expired on arrival is never sent; refetching is bounded, then TOKEN_EXPIRED', async () => {
    const fetchToken = vi.fn(async () => makeToken(-1000));
    const { link, errors } = openLink(fetchToken);
    await flush();
    widget.say('ready');
    await vi.advanceTimersByTimeAsync(600_000);
    await expect(link.ready).rejects.toMatchObject(code('TOKEN_EXPIRED'));
    const calls = fetchToken.mock.calls.length;
    expect(calls).toBeGreaterThan(1);
    expect(calls).toBeLessThanOrEqual(5);
    expect(errors.at(-1)).toMatchObject(code('TOKEN_EXPIRED'));
    expect(widget.sent).toEqual([]);
    expect(link.state).toBe('closed');
  });

  it('a token that expired while the widget loaded is not sent: a fresh one goes in init', async () => {
    const fetchToken = vi.fn(async () => makeToken(5000));
    const { link } = openLink(fetchToken, { loadTimeoutMs: 60_000 });
    await flush();
    await vi.advanceTimersByTimeAsync(6000);
    widget.say('ready');
    await flush();
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(widget.all('init')).toHaveLength(1);
    expect(Date.parse(widget.last('init')!.payload.expiresAt as string)).toBeGreaterThan(Date.now());
    expect(link.state).toBe('open');
  });
});

describe('auto refresh', () => {
  it('retries with exponential backoff and jitter, bounded, reporting each failure', async () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0);
    const fetchToken = vi.fn(async () => makeToken(60_000));
    const { link, errors } = await openReady(fetchToken, {
      refreshLeadMs: 10_000,
      retry: { attempts: 4, baseDelayMs: 1000, maxDelayMs: 3000 },
    });
    fetchToken.mockImplementation(async () => {
      throw new Error('down');
    });
    await vi.advanceTimersByTimeAsync(50_000);
    expect(fetchToken).toHaveBeenCalledTimes(2);
    // random() = 0 → the lower half of each ceiling: 500, 1000, then 1500 (ceiling capped at 3000)
    for (const delay of [500, 1000, 1500]) {
      const calls = fetchToken.mock.calls.length;
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(fetchToken).toHaveBeenCalledTimes(calls);
      await vi.advanceTimersByTimeAsync(1);
      expect(fetchToken).toHaveBeenCalledTimes(calls + 1);
    }
    await vi.advanceTimersByTimeAsync(7_000 - 1); // 53 s → just before expiry (60 s)
    expect(fetchToken).toHaveBeenCalledTimes(5); // 1 launch + 4 attempts, no more
    expect(errors.map((e) => e.code)).toEqual(['FETCH_FAILED', 'FETCH_FAILED', 'FETCH_FAILED', 'FETCH_FAILED']);
    expect(random).toHaveBeenCalled();
    expect(link.state).toBe('open');
    // At expiry, auto mode starts one more bounded round rather than leave a dead token.
    await vi.advanceTimersByTimeAsync(1);
    expect(fetchToken).toHaveBeenCalledTimes(6);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetchToken).toHaveBeenCalledTimes(9); // that round's 4 attempts, then nothing
    expect(link.state).toBe('open');
  });

  it('jitter spreads a delay over the upper half of its ceiling', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const fetchToken = vi.fn(async () => makeToken(60_000));
    await openReady(fetchToken, { refreshLeadMs: 10_000, retry: { attempts: 2, baseDelayMs: 1000 } });
    fetchToken.mockImplementation(async () => {
      throw new Error('down');
    });
    await vi.advanceTimersByTimeAsync(50_000 + 998);
    expect(fetchToken).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetchToken).toHaveBeenCalledTimes(3);
  });

  it('when the token expires before a retry succeeds, tokenExpired fires once and the next token goes in place', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const fetchToken = vi.fn(async () => makeToken(20_000));
    const onTokenExpired = vi.fn();
    const { link } = await openReady(fetchToken, {
      onTokenExpired,
      refreshLeadMs: 10_000,
      retry: { attempts: 5, baseDelayMs: 8000, maxDelayMs: 60_000 },
    });
    fetchToken.mockRejectedValueOnce(new Error('a')).mockRejectedValueOnce(new Error('b'));
    await vi.advanceTimersByTimeAsync(19_999); // refresh at 10 s fails, retry at 14 s fails
    expect(onTokenExpired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onTokenExpired).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2000); // the retry at 22 s succeeds
    expect(fetchToken).toHaveBeenCalledTimes(4);
    expect(widget.all('token')).toHaveLength(1);
    expect(onTokenExpired).toHaveBeenCalledTimes(1);
    expect(link.state).toBe('open');
  });

  it("one refresh at a time: timer, refresh() and the widget's tokenExpired share one fetch", async () => {
    const fetchToken = controlledFetcher();
    const { link } = openLink(fetchToken.fn, { refreshLeadMs: 10_000 });
    widget.say('ready');
    await fetchToken.resolve(makeToken(60_000));
    await vi.advanceTimersByTimeAsync(50_000);
    expect(link.state).toBe('refreshing');
    const manual = link.refresh();
    widget.say('tokenExpired');
    void link.refresh();
    await flush();
    expect(fetchToken.fn).toHaveBeenCalledTimes(2);
    await fetchToken.resolve(makeToken(60_000));
    await expect(manual).resolves.toBeUndefined();
    expect(widget.all('token')).toHaveLength(1);
    expect(link.state).toBe('open');
  });

  it('a manual refresh() hands the new token in place (no reload, no new init)', async () => {
    const fetchToken = vi.fn(async () => makeToken());
    const { link } = await openReady(fetchToken, { refresh: 'manual' });
    await link.refresh();
    await link.refresh(makeToken());
    await link.refresh(async () => makeToken());
    expect(widget.all('init')).toHaveLength(1);
    expect(widget.all('token')).toHaveLength(3);
    expect(new Set(widget.tokens()).size).toBe(4);
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('an auto-refresh failure does not close the widget', async () => {
    const fetchToken = vi.fn(async () => makeToken(60_000));
    const { link } = await openReady(fetchToken, { refreshLeadMs: 10_000, retry: { attempts: 1 } });
    fetchToken.mockImplementation(failing());
    await vi.advanceTimersByTimeAsync(50_000);
    expect(link.state).toBe('open');
    expect(document.querySelector('wink-link')).not.toBeNull();
  });
});
