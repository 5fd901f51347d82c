/**
 * Regression tests from the code review: token freshness, refresh(next) during a fetch,
 * prepared links that closed, re-entrant close from listeners.
 */
import { describe, expect, it, vi } from 'vitest';
import { WinkLink, type PreparedLink } from '../../src/host/index';
import { WIDGET_URL, controlledFetcher, flush, makeToken, openLink, openReady, useHarness, widget } from './harness';

useHarness();

describe('per-mode widgetUrl', () => {
  // Regression guard. In 96b76d3 `#renew` set `this.#pending = held` BEFORE `#loadWidgetFor`
  // threw INVALID_TOKEN, so a refused other-mode token stayed pending and was posted in `init`
  // to the first mode's widget when it said `ready`. 5388ad2 (channel.ts, `useMode` before
  // `#pending =`) fixed it as a side effect of the refactor, with no test: this is that test.
  it('a refused other-mode token is never posted later, when the widget says ready', async () => {
    const widgetUrl = { SANDBOX: 'https://sandbox.widget.example/', PRODUCTION: 'https://widget.example/' };
    const { link } = openLink(
      vi.fn(async () => makeToken(60_000, { mode: 'SANDBOX' })),
      { widgetUrl, refresh: 'manual' },
    );
    await flush();
    expect(link.state).toBe('loading'); // SANDBOX token pending, SANDBOX widget loading
    const production = makeToken(60_000, { mode: 'PRODUCTION' });
    await expect(link.refresh(production)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    widget.say('ready', {}, { origin: 'https://sandbox.widget.example' });
    await flush();
    const init = widget.last('init')!;
    expect(init.targetOrigin).toBe('https://sandbox.widget.example');
    expect(init.payload.mode).toBe('SANDBOX'); // never the refused PRODUCTION credential
    expect(init.payload.accessToken).not.toBe(production.accessToken);
  });
});

describe('token freshness', () => {
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

  // Was a bug (link.ts #renew: `if (this.#inflight) return this.#inflight;`): refresh(next) joins
  // whatever fetch is in flight and silently drops `next`, yet resolves as if `next` had been
  // handed over. Here: an auto refresh is stuck on a slow/failing endpoint; the host supplies a
  // token itself; the host's token never reaches the widget and refresh() still resolves.
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
});

describe('prepare()', () => {
  // Was a bug (link.ts open(): `if (!this.#hidden || this.#lifecycle.stopped) return this;`). open()
  // on a prepared link that has meanwhile closed (first fetch failed, LOAD_TIMEOUT, widget
  // `close`) does nothing and leaves #hidden = true, so the documented recovery
  // ("link.refresh() relaunches a closed link") relaunches it INVISIBLY: state 'open', `load`
  // fires, ready resolves, but the modal is hidden and the page is not held.
  it('open() then refresh() on a prepared link that failed shows the relaunched widget', async () => {
    const fetchToken = vi
      .fn()
      .mockRejectedValueOnce(new Error('503'))
      .mockImplementation(async () => makeToken());
    const link: PreparedLink = WinkLink.prepare(fetchToken, { widgetUrl: WIDGET_URL, onError: () => {} });
    try {
      await flush();
      expect(link.state).toBe('closed');
      link.open(); // the user clicks Connect
      const relaunch = link.refresh(); // settles like ready: once the widget has its token
      await flush();
      widget.say('ready');
      await relaunch;
      expect(link.state).toBe('open');
      expect(document.querySelector('wink-link')!.hasAttribute('data-hidden')).toBe(false);
    } finally {
      link.destroy();
    }
  });
});

describe('re-entrancy', () => {
  // Was a bug (link.ts #deliver: `this.#lifecycle.to('open')` emits stateChange, then
  // `this.#frame!.ready()`). A host that closes or destroys the link from a stateChange listener
  // (e.g. "close as soon as it opens" in a flow that was cancelled meanwhile) makes #frame
  // undefined, and the SDK then throws a TypeError out of its own message handler.
  it('closing from a stateChange listener never throws out of the SDK', async () => {
    const fetchToken = controlledFetcher();
    const { link } = openLink(fetchToken.fn);
    await fetchToken.resolve(makeToken()); // token first: state loading
    link.on('stateChange', ({ to }) => {
      if (to === 'open') link.close();
    });
    const thrown: unknown[] = [];
    const onError = (event: ErrorEvent) => thrown.push(event.error ?? event.message);
    window.addEventListener('error', onError);
    let direct: unknown;
    try {
      widget.say('ready');
    } catch (error) {
      direct = error;
    }
    window.removeEventListener('error', onError);
    await flush();
    expect(link.state).toBe('closed');
    expect(direct).toBeUndefined();
    expect(thrown).toEqual([]);
  });
});
