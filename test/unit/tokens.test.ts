/**
 * Link tokens are single use and short lived: fetchToken is cancellable, a token is never sent
 * twice, never sent once expired (on the server's clock when the SDK can know it), and the SDK
 * fetches another instead.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { code, controlledFetcher, flush, makeToken, openLink, openReady, useHarness, widget } from './harness';

useHarness();

describe('fetchToken', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

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
});

describe('single use', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

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
});

describe('an expired token is never sent', () => {
  beforeEach(() => {
    vi.useFakeTimers();
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

describe('a relaunch with its own token source', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  // Was a bug: a token that expired while the relaunched widget loaded was replaced from the
  // link's first source (here a token object, spent) instead of the source the relaunch was given.
  it('refresh(fetcher) on a closed link: a token expired before the widget asked is replaced from that fetcher', async () => {
    const { link, errors } = await openReady(makeToken());
    link.close();
    const fetcher = vi.fn(async () => makeToken(fetcher.mock.calls.length === 1 ? 5000 : 60_000));
    const relaunched = link.refresh(fetcher);
    await flush();
    await vi.advanceTimersByTimeAsync(6000); // the relaunch's first token expires unsent
    widget.say('ready');
    await relaunched;
    expect(fetcher).toHaveBeenCalledTimes(2);
    expect(link.state).toBe('open');
    expect(errors).toEqual([]);
    expect(Date.parse(widget.last('init')!.payload.expiresAt as string)).toBeGreaterThan(Date.now());
  });
});

describe('clock skew', () => {
  const HOUR = 3_600_000;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-26T12:00:00.000Z'));
  });

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

  // Was a bug: the serverTime of a token object (open(token), refresh(token)) was ignored, so on a
  // client whose clock ran an hour ahead a valid token was refused as expired.
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

describe('clock skew: the freshest reading of the server clock wins', () => {
  // serverTime is the server's clock when the token is handed out; a token that sat somewhere
  // (cached, server-rendered) would have its age read as skew. A Response's own Date header is
  // read as the answer is sent, so it wins: a stale token is then seen as expired and never sent.
  it('a stale serverTime in the body loses to the Response Date header: an expired token is never sent', async () => {
    const now = Date.now();
    const stale = makeToken(0, {
      serverTime: new Date(now - 120_000).toISOString(), // issued 2 min ago (60 s life)
      expiresAt: new Date(now - 60_000).toISOString(), // expired a minute ago
    });
    const response = new Response(JSON.stringify(stale), { headers: { date: new Date(now).toUTCString() } });
    const { link } = await openReady(async () => response.clone(), { refresh: 'manual', onError: () => {} });
    await expect(link.ready).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(widget.tokens()).not.toContain(stale.accessToken);
  });
});
