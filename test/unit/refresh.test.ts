/**
 * link.refresh(next?): on an open link, a new token handed over in place; while a fetch is under
 * way, refresh() joins it and refresh(next) goes right after it; on a closed link, a relaunch
 * whose promise settles like `ready`.
 */
import { describe, expect, it, vi } from 'vitest';
import { code, controlledFetcher, flush, makeToken, openLink, openReady, useHarness, widget } from './harness';

useHarness();

const path = (states: Array<{ from: string; to: string }>) => states.map((s) => s.to);

describe('refresh() on an open link: a new token, in place', () => {
  it('open → refreshing → open on refresh()', async () => {
    const fetchToken = controlledFetcher();
    const { link, states } = openLink(fetchToken.fn, { refresh: 'manual' });
    widget.say('ready');
    await fetchToken.resolve(makeToken());
    const refreshed = link.refresh();
    expect(link.state).toBe('refreshing');
    await fetchToken.resolve(makeToken());
    await refreshed;
    expect(link.state).toBe('open');
    expect(path(states)).toEqual(['open', 'refreshing', 'open']);
    expect(widget.tokens()).toHaveLength(2);
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

  it('a failed refresh goes back to open and rejects refresh()', async () => {
    const fetchToken = controlledFetcher();
    const { link, errors } = openLink(fetchToken.fn, { refresh: 'manual' });
    widget.say('ready');
    await fetchToken.resolve(makeToken());
    const refreshed = link.refresh();
    await fetchToken.reject(new Error('down'));
    await expect(refreshed).rejects.toMatchObject(code('FETCH_FAILED'));
    expect(link.state).toBe('open');
    expect(errors.map((e) => e.code)).toEqual(['FETCH_FAILED']);
  });
});

describe('refresh(next) while a fetch is under way: next goes right after it', () => {
  // Was a bug: refresh(token) called while an auto refresh was fetching joined that fetch and
  // dropped the host's token, yet resolved as if it had been handed over.
  it('refresh(token) while an auto refresh is in flight hands over THAT token (or rejects)', async () => {
    vi.useFakeTimers();
    const fetchToken = controlledFetcher();
    const { link } = openLink(fetchToken.fn, { refreshLeadMs: 10_000 });
    await fetchToken.resolve(makeToken(60_000));
    widget.say('ready');
    await flush();
    await vi.advanceTimersByTimeAsync(50_000); // the auto refresh starts and hangs
    expect(link.state).toBe('refreshing');
    const mine = makeToken(60_000);
    let outcome = 'pending';
    link.refresh(mine).then(
      () => (outcome = 'resolved'),
      () => (outcome = 'rejected'),
    );
    await fetchToken.resolve(makeToken(60_000)); // the joined fetch lands
    await flush();
    if (outcome === 'resolved') expect(widget.tokens()).toContain(mine.accessToken);
    else expect(outcome).toBe('rejected');
  });

  // Was a bug: a refresh(token) waiting behind an auto refresh relaunched the link when the user
  // closed it meanwhile (Escape): the widget the user had just dismissed came back by itself,
  // after `close` was emitted. The waiting refresh now rejects with CLOSED.
  it('a refresh(token) queued during an auto refresh does not reopen a link closed meanwhile', async () => {
    vi.useFakeTimers();
    const fetchToken = controlledFetcher();
    const onClose = vi.fn();
    const { link } = openLink(fetchToken.fn, { refreshLeadMs: 10_000, onClose, onError: () => {} });
    await fetchToken.resolve(makeToken(60_000));
    widget.say('ready');
    await flush();
    await vi.advanceTimersByTimeAsync(50_000); // the auto refresh starts and hangs
    expect(link.state).toBe('refreshing');
    let outcome = 'pending';
    link.refresh(makeToken(60_000)).then(
      () => (outcome = 'resolved'),
      () => (outcome = 'rejected'),
    );
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })); // the user closes
    expect(link.state).toBe('closed');
    expect(onClose).toHaveBeenCalledWith({ reason: 'escape' });
    await flush();
    widget.say('ready'); // (if it was relaunched, the new frame's widget is ready at once)
    await flush();
    expect(link.state).toBe('closed'); // the bug: 'open' again, the dismissed modal back
    expect(document.querySelector('wink-link')).toBeNull();
    expect(outcome).toBe('rejected');
  });
});

describe('refresh() while the widget loads', () => {
  // Was a bug: when the token waiting for a loading widget expired, the SDK fetched a fresh one
  // by joining a fetch that refresh() had started; when that fetch failed, the launch was never
  // failed: `ready` never settled and the link stayed in `fetching`, spinner up, for good.
  it('ready settles when the joined fetch fails', async () => {
    vi.useFakeTimers();
    const fetchToken = controlledFetcher();
    const { link } = openLink(fetchToken.fn, { refresh: 'manual', onError: () => {} });
    await fetchToken.resolve(makeToken(5_000)); // token in hand, the widget still loading
    expect(link.state).toBe('loading');
    let outcome = 'pending';
    link.ready.then(
      () => (outcome = 'resolved'),
      () => (outcome = 'rejected'),
    );
    void link.refresh(); // e.g. the host's "Retry" button: a refresh-kind fetch, still running…
    await vi.advanceTimersByTimeAsync(6_000); // …while the pending token expires
    widget.say('ready'); // its token expired meanwhile: fetching again, joining refresh()'s fetch
    await flush();
    expect(link.state).toBe('fetching');
    await fetchToken.reject(new Error('503'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(outcome).toBe('rejected'); // the bug: 'pending' forever
    expect(link.state).toBe('closed'); // the bug: 'fetching' forever
  });
});

describe('refresh() while the first token waits for the widget', () => {
  // Was a bug the model test found: a refresh() made during the first fetch waits for that fetch's
  // token; a second refresh() before the widget said ready fetched another token, which replaced
  // the waiting one, and the first refresh() never settled, not even on destroy() (and the
  // replaced token was minted for nothing). A token waiting for the widget is joined, like a fetch.
  it('refresh() during the first fetch, then again before the widget is ready: both settle, one token', async () => {
    const fetchToken = controlledFetcher();
    const { link } = openLink(fetchToken.fn, { refresh: 'manual' });
    await flush();
    const outcomes = ['pending', 'pending'];
    const track = (i: number) =>
      link.refresh().then(
        () => (outcomes[i] = 'resolved'),
        () => (outcomes[i] = 'rejected'),
      );
    void track(0); // joins the launch's fetch
    await fetchToken.resolve(makeToken()); // the token waits: the widget is still loading
    void track(1); // joins the token that waits
    await flush();
    widget.say('ready');
    await flush();
    link.destroy();
    await flush();
    expect(outcomes).toEqual(['resolved', 'resolved']); // the bug: the first pending for good
    expect(fetchToken.calls).toHaveLength(1);
  });
});

describe('refresh() on a closed link: a relaunch', () => {
  it.each(['host', 'widget'] as const)(
    'open → closed (closed by the %s), then closed → fetching via refresh()',
    async (by) => {
      const fetchToken = vi.fn(async () => makeToken());
      const onClose = vi.fn();
      const { link, states } = await openReady(fetchToken, { onClose });
      if (by === 'host') link.close();
      else widget.say('close');
      expect(link.state).toBe('closed');
      expect(onClose).toHaveBeenCalledWith({ reason: by });
      expect(document.querySelector('wink-link')).toBeNull();
      await flush();
      const relaunch = link.refresh();
      expect(link.state).toBe('fetching');
      await flush();
      widget.say('ready');
      await relaunch;
      await expect(link.ready).resolves.toBeUndefined();
      expect(path(states)).toEqual(['loading', 'open', 'closed', 'fetching', 'loading', 'open']);
      expect(fetchToken).toHaveBeenCalledTimes(2);
      const [first, second] = widget.tokens();
      expect(second).not.toBe(first);
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

  // Was a bug: refresh() right after close(), in the same tick, failed at once with CLOSED instead
  // of relaunching: it waited on the fetch that close() had just cancelled.
  it('close() then refresh() in the same tick relaunches', async () => {
    const fetchToken = controlledFetcher();
    const { link, errors } = openLink(fetchToken.fn);
    link.close();
    const relaunch = link.refresh();
    await flush();
    // The closed launch never called fetchToken (its fetch was aborted first); the relaunch did.
    expect(fetchToken.fn).toHaveBeenCalledTimes(1);
    expect(fetchToken.last().signal.aborted).toBe(false);
    await fetchToken.resolve(makeToken());
    widget.say('ready');
    await expect(relaunch).resolves.toBeUndefined();
    expect(errors).toHaveLength(0);
    expect(link.state).toBe('open');
  });

  it('close(); refresh() while the first fetch runs, then refresh() again: one live fetchToken call', async () => {
    const fetchToken = controlledFetcher();
    const { link } = openLink(fetchToken.fn, { refresh: 'manual' });
    await flush(); // the launch's fetch is running
    link.close();
    void link.refresh(); // relaunch; the aborted first fetch settles meanwhile
    await flush();
    void link.refresh(); // joins the relaunch's fetch
    await flush();
    expect(fetchToken.calls[0]!.signal.aborted).toBe(true);
    const live = fetchToken.calls.filter((call) => !call.signal.aborted);
    expect(live).toHaveLength(1);
  });

  // Was a bug: the relaunch's refresh() resolved as soon as the new token was fetched, while the
  // widget was still loading; a LOAD_TIMEOUT afterwards rejected only `ready`, after
  // `await link.refresh()` had already reported success.
  it('refresh() that relaunches settles like ready: not before the widget has its token', async () => {
    vi.useFakeTimers();
    const fetchToken = controlledFetcher();
    const { link } = openLink(fetchToken.fn, { loadTimeoutMs: 5_000, onError: () => {} });
    await fetchToken.resolve(makeToken());
    widget.say('ready');
    await flush();
    link.close();
    let outcome = 'pending';
    link.refresh().then(
      () => (outcome = 'resolved'),
      () => (outcome = 'rejected'),
    );
    await fetchToken.resolve(makeToken()); // the token arrives; the new widget never says ready
    await vi.advanceTimersByTimeAsync(5_000); // LOAD_TIMEOUT: the relaunch failed
    expect(link.state).toBe('closed');
    expect(outcome).toBe('rejected'); // not 'resolved' before the widget had its token
  });
});
