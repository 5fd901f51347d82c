/**
 * Regression tests from the second review: queued refreshes after close, refreshes owed by a
 * prepared link, launches joining a refresh fetch, and the reason `ready` rejects with.
 */
import { describe, expect, it, vi } from 'vitest';
import { WinkLink, type PreparedLink } from '../../src/host/index';
import { WIDGET_URL, controlledFetcher, flush, makeToken, openLink, useHarness, widget } from './harness';

useHarness();

describe('refresh(next) queued behind a fetch in flight', () => {
  // Was a bug (link.ts refresh(): `return handled(this.#inflight.then(noop, noop).then(() => this.refresh(next)))`).
  // The queued call re-enters refresh() whenever the in-flight fetch settles — including when it
  // settled because the link was CLOSED meanwhile (close() aborts it). refresh() on a closed link
  // relaunches, so the widget the user just dismissed (Escape, ×, widget `close`, host close())
  // pops up again by itself, after `close` was already emitted. The queued refresh should be
  // dropped (reject with CLOSED) once the link it was queued on is closed or relaunched.
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
    expect(link.state).toBe('closed'); // actually: 'open' again — the modal came back
    expect(document.querySelector('wink-link')).toBeNull();
    expect(outcome).toBe('rejected');
  });
});

describe('prepare(): auto refresh paused while out of sight', () => {
  // Was a bug (link.ts #autoRenew skips while #hidden; open() only catches up when
  // `this.#supply.currentSpent`). supply.handedOver arms the refresh timer once; when it fires
  // while the prepared link is hidden, #autoRenew drops it and nothing re-arms it. open() between
  // the refresh time and the expiry sees a token that is not yet spent and does nothing, so the
  // now-visible widget keeps a token that runs out: tokenExpired fires in AUTO mode and the
  // widget holds a dead token while the next fetch runs — what auto mode promises never happens
  // ("Auto mode never leaves the widget with a dead token"; README: open() "hands it a fresh one
  // in place right after" if it went stale). Expected: open() runs the refresh that came due.
  it('open() after the refresh came due (token not yet expired) refreshes at once, no tokenExpired', async () => {
    vi.useFakeTimers();
    const fetchToken = vi.fn(async () => makeToken(60_000));
    const onTokenExpired = vi.fn();
    const link: PreparedLink = WinkLink.prepare(fetchToken, {
      widgetUrl: WIDGET_URL,
      refreshLeadMs: 10_000,
      onTokenExpired,
    });
    try {
      await flush();
      widget.say('ready');
      await flush();
      expect(link.state).toBe('open');
      await vi.advanceTimersByTimeAsync(55_000); // refresh due at 50 s, skipped (hidden)
      expect(fetchToken).toHaveBeenCalledTimes(1);
      link.open(); // the user clicks Connect with 5 s of token life left
      await vi.advanceTimersByTimeAsync(1_000);
      expect(fetchToken).toHaveBeenCalledTimes(2); // actually: 1 — no refresh until expiry
      await vi.advanceTimersByTimeAsync(10_000); // past the first token's expiry
      expect(onTokenExpired).not.toHaveBeenCalled();
    } finally {
      link.destroy();
    }
  });
});

describe('a launch that joins a refresh-kind fetch', () => {
  // Was a bug (link.ts #renew: `if (this.#inflight) return this.#inflight;` ignores `kind`). When the
  // token pending for a loading widget expired, #deliver goes back to `fetching` and calls
  // #renew(source, 'launch') — which joins a fetch that a refresh() started as kind 'refresh'.
  // If that fetch fails, task.catch treats it as a refresh failure: it is reported, but #fail is
  // never called, `ready` never settles and the link sits in `fetching` forever (the load timer
  // was cancelled by `ready`), with the loading spinner up. (Same hole when a stateChange
  // listener calls refresh() during #launch's closed → fetching step.) Expected: the launch fails
  // (ready rejects, the link closes with reason 'error') or fetches again.
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
    widget.say('ready'); // #deliver: stale → fetching → #renew('launch') joins the refresh fetch
    await flush();
    expect(link.state).toBe('fetching');
    await fetchToken.reject(new Error('503'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(outcome).toBe('rejected'); // actually: 'pending' forever
    expect(link.state).toBe('closed'); // actually: 'fetching' forever
  });
});

describe('#fail reports before it settles ready', () => {
  // Was a bug (link.ts #fail: `this.#report(error); this.#settle(error); this.close('error');`). The
  // `error` event runs host code first; an onError that closes the link (a common "on error,
  // dismiss" handler) tears it down, and teardown settles `ready` with CLOSED ("closed before
  // the widget was ready") — so `await link.ready` loses the real cause and the README's
  // `if (error.code === 'FETCH_FAILED') showRetryBanner()` never runs. Settling first (or
  // settling inside teardown with the failure) keeps the cause. (Predates 6c14502, which
  // reworked #fail/#settle without changing the order.)
  it('ready rejects with the launch failure even when onError closes the link', async () => {
    const { link } = openLink(
      vi.fn(async () => {
        throw new Error('503');
      }),
      {
        onError: () => link.close(),
      },
    );
    await expect(link.ready).rejects.toMatchObject({ code: 'FETCH_FAILED' });
  });
});
