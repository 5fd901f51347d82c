/**
 * Auto mode: the next token is fetched before the held one expires and handed to the open widget
 * in place; failed fetches are retried with backoff and reported; there is one fetch at a time.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { controlledFetcher, flush, makeToken, openLink, openReady, useHarness, widget } from './harness';

useHarness();
beforeEach(() => {
  vi.useFakeTimers();
});

const failing = () =>
  vi.fn(async () => {
    throw new Error('token endpoint down');
  });

/** Advances until just before `ms` from now, checks `fetches` calls, then to `ms`: one more. */
async function expectFetchAt(fetchToken: ReturnType<typeof vi.fn>, ms: number) {
  const calls = fetchToken.mock.calls.length;
  await vi.advanceTimersByTimeAsync(ms - 1);
  expect(fetchToken).toHaveBeenCalledTimes(calls);
  await vi.advanceTimersByTimeAsync(1);
  expect(fetchToken).toHaveBeenCalledTimes(calls + 1);
}

describe('when the next token is fetched', () => {
  beforeEach(() => {
    vi.setSystemTime(new Date('2026-11-26T12:00:00.000Z'));
  });

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

describe('one refresh at a time', () => {
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
});

describe('retries', () => {
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

  it('an auto-refresh failure does not close the widget', async () => {
    const fetchToken = vi.fn(async () => makeToken(60_000));
    const { link } = await openReady(fetchToken, { refreshLeadMs: 10_000, retry: { attempts: 1 } });
    fetchToken.mockImplementation(failing());
    await vi.advanceTimersByTimeAsync(50_000);
    expect(link.state).toBe('open');
    expect(document.querySelector('wink-link')).not.toBeNull();
  });

  // Was a bug: once every retry of an auto refresh had failed (a short network outage), auto mode
  // never tried again by itself: at expiry it emitted tokenExpired and left the widget holding a
  // dead token until the widget reported it or the host called refresh().
  it("the expiry of the widget's token starts a fresh fetch in auto mode", async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const fetchToken = vi.fn(async () => makeToken(60_000));
    const { link } = await openReady(fetchToken, {
      refreshLeadMs: 30_000,
      retry: { attempts: 2, baseDelayMs: 1000 },
      onError: () => {},
    });
    fetchToken.mockImplementation(async () => {
      throw new Error('down');
    });
    await vi.advanceTimersByTimeAsync(40_000); // refresh at 30 s and its one retry fail
    const calls = fetchToken.mock.calls.length;
    fetchToken.mockImplementation(async () => makeToken(60_000)); // the network is back
    await vi.advanceTimersByTimeAsync(21_000); // past expiry at 60 s
    expect(fetchToken.mock.calls.length).toBeGreaterThan(calls);
    expect(link.state).toBe('open');
    expect(widget.all('token')).toHaveLength(1);
  });
});
