/**
 * WinkLink.prepare: the widget loads with its token out of sight, without holding the page, so
 * that open() shows it at once (with a fresh token if the prepared one went stale meanwhile).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WinkLink, type PreparedLink } from '../../src/host/index';
import { WIDGET_URL, flush, listeners, makeToken, useHarness, widget } from './harness';

useHarness();
beforeEach(() => {
  vi.useFakeTimers();
});

const prepared: PreparedLink[] = [];
afterEach(() => {
  for (const link of prepared.splice(0)) link.destroy();
});
function prepare(fetchToken: Parameters<typeof WinkLink.prepare>[0], options: Record<string, unknown> = {}) {
  const link = WinkLink.prepare(fetchToken, { widgetUrl: WIDGET_URL, ...options });
  prepared.push(link);
  return link;
}

const host = () => document.querySelector('wink-link');

describe('WinkLink.prepare', () => {
  it('loads the widget and hands it its token out of sight, without holding the page', async () => {
    const main = document.body.appendChild(document.createElement('main'));
    const onLoad = vi.fn();
    const link = prepare(
      vi.fn(async () => makeToken()),
      { onLoad },
    );
    await flush();
    widget.say('ready');
    await flush();
    expect(link.state).toBe('open');
    expect(onLoad).toHaveBeenCalledTimes(1);
    expect(widget.all('init')).toHaveLength(1);
    expect(host()!.hasAttribute('data-hidden')).toBe(true);
    expect(main.inert).toBe(false);
    expect(document.documentElement.style.getPropertyValue('overflow')).toBe('');
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(link.state).toBe('open');
    link.destroy();
  });

  it('open() shows it at once and holds the page; focus goes back to the opener on close', async () => {
    const opener = document.body.appendChild(document.createElement('button'));
    const link = prepare(vi.fn(async () => makeToken()));
    await flush();
    widget.say('ready');
    await flush();
    opener.focus();
    expect(link.open()).toBe(link);
    expect(host()!.hasAttribute('data-hidden')).toBe(false);
    expect(opener.inert).toBe(true);
    expect(document.documentElement.style.getPropertyValue('overflow')).toBe('hidden');
    expect(widget.all('init')).toHaveLength(1); // nothing fetched again: the token is fresh
    link.close();
    expect(document.activeElement).toBe(opener);
    expect(opener.inert).toBe(false);
  });

  it('open() after the prepared token went stale hands over a fresh one first', async () => {
    const fetchToken = vi.fn(async () => makeToken(60_000));
    const onTokenExpired = vi.fn();
    const link = prepare(fetchToken, { refresh: 'manual', onTokenExpired });
    await flush();
    widget.say('ready');
    await flush();
    await vi.advanceTimersByTimeAsync(61_000);
    expect(onTokenExpired).toHaveBeenCalledTimes(1);
    link.open();
    await flush();
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(widget.all('token')).toHaveLength(1);
    expect(new Set(widget.tokens()).size).toBe(2);
    expect(link.state).toBe('open');
  });

  it('open() before the token arrived shows the loading indicator', async () => {
    const link = prepare(vi.fn(() => new Promise<never>(() => {})));
    link.open();
    expect(host()!.hasAttribute('data-hidden')).toBe(false);
    expect(host()!.shadowRoot!.querySelector<HTMLElement>('[role=status]')!.hidden).toBe(false);
    expect(link.state).toBe('fetching');
    link.destroy();
  });

  it('destroying a prepared link (shown or not) leaves nothing', async () => {
    for (const show of [false, true]) {
      const link = prepare(vi.fn(async () => makeToken()));
      await flush();
      widget.say('ready');
      await flush();
      if (show) link.open();
      link.destroy();
      link.open(); // a no-op once destroyed
      await flush();
      expect(host()).toBeNull();
      expect(listeners.describe()).toEqual([]);
      expect(vi.getTimerCount()).toBe(0);
      expect(document.documentElement.getAttribute('style')).toBeNull();
    }
  });
});

describe('a prepared link that was closed', () => {
  // Was a bug: a prepared link whose launch failed (its fetch failed, LOAD_TIMEOUT, the widget
  // closed), then opened and relaunched by refresh(), came back invisible: state open, `load`
  // emitted, `ready` resolved, but the modal stayed hidden and the page was not held.
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

describe('auto refresh while out of sight', () => {
  // Was a bug: an auto refresh that came due while the prepared link was out of sight was dropped;
  // open() then found the token not yet expired and did nothing, so the widget just shown ran
  // into tokenExpired, in auto mode. open() now runs the refresh that came due.
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
      expect(fetchToken).toHaveBeenCalledTimes(2); // the bug: 1, no refresh until expiry
      await vi.advanceTimersByTimeAsync(10_000); // past the first token's expiry
      expect(onTokenExpired).not.toHaveBeenCalled();
    } finally {
      link.destroy();
    }
  });
  // Was a bug: the refresh owed out of sight stayed owed after the host refreshed by hand (or
  // relaunched), so open() spent one more single-use token on a widget that held a fresh one.
  it.each([
    ['refreshed in place by link.refresh()', (link: PreparedLink) => link.refresh()],
    [
      'closed, then relaunched by link.refresh()',
      async (link: PreparedLink) => {
        link.close();
        const relaunched = link.refresh();
        await flush();
        widget.say('ready'); // the new frame asks for its token
        await relaunched;
      },
    ],
  ])('a refresh owed out of sight, then %s: open() fetches nothing more', async (_, renew) => {
    vi.useFakeTimers();
    const fetchToken = vi.fn(async () => makeToken(60_000));
    const link: PreparedLink = WinkLink.prepare(fetchToken, { widgetUrl: WIDGET_URL, refreshLeadMs: 10_000 });
    try {
      await flush();
      widget.say('ready');
      await flush();
      await vi.advanceTimersByTimeAsync(55_000); // refresh due at 50 s, owed (hidden)
      await renew(link);
      expect(fetchToken).toHaveBeenCalledTimes(2);
      link.open();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(fetchToken).toHaveBeenCalledTimes(2);
      expect(widget.tokens()).toHaveLength(2);
    } finally {
      link.destroy();
    }
  });
});
