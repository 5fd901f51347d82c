/**
 * Opening a link: the widget page loads in parallel with the first fetchToken call, and the token
 * goes to the widget in `init` once both are there, whichever comes first.
 */
import { describe, expect, it, vi } from 'vitest';
import { controlledFetcher, flush, listeners, makeToken, openLink, useHarness, widget } from './harness';

useHarness();

const path = (states: Array<{ from: string; to: string }>) => states.map((s) => s.to);

describe('opening a link', () => {
  it('opens, inits, reports an account, refreshes in auto mode, closes', async () => {
    vi.useFakeTimers();
    const fetchToken = vi.fn(async () => makeToken(60_000));
    const connected = vi.fn();
    const { link, widget } = openLink(fetchToken, { onAccountConnected: connected, refreshLeadMs: 10_000 });
    expect(link.state).toBe('fetching');
    await flush();
    expect(link.state).toBe('loading');
    widget.say('ready');
    expect(link.state).toBe('open');
    await link.ready;
    const init = widget.last('init')!;
    expect(init.targetOrigin).toBe('https://widget.example');
    expect(init.payload.accessToken).toMatch(/^tok\./);
    widget.say('accountConnected', { accountId: 'a', userId: 'u', providerId: 'p' });
    expect(connected).toHaveBeenCalledWith({ accountId: 'a', userId: 'u', providerId: 'p' });
    await vi.advanceTimersByTimeAsync(50_000);
    expect(fetchToken).toHaveBeenCalledTimes(2);
    const token = widget.last('token')!;
    expect(token.payload.accessToken).not.toBe(init.payload.accessToken);
    expect(link.state).toBe('open');
    link.close();
    expect(link.state).toBe('closed');
    expect(document.querySelector('wink-link')).toBeNull();
    expect(listeners.describe()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('fetching → loading → open when the token comes first', async () => {
    const fetchToken = controlledFetcher();
    const { link, states } = openLink(fetchToken.fn);
    expect(link.state).toBe('fetching');
    await fetchToken.resolve(makeToken());
    expect(link.state).toBe('loading');
    expect(widget.sent).toHaveLength(0);
    widget.say('ready');
    expect(link.state).toBe('open');
    expect(path(states)).toEqual(['loading', 'open']);
    expect(widget.all('init')).toHaveLength(1);
  });

  it('fetching → open when ready comes first', async () => {
    const fetchToken = controlledFetcher();
    const { link, states } = openLink(fetchToken.fn);
    widget.say('ready');
    expect(link.state).toBe('fetching');
    await fetchToken.resolve(makeToken());
    expect(link.state).toBe('open');
    expect(path(states)).toEqual(['open']);
    await expect(link.ready).resolves.toBeUndefined();
  });
});

describe('load and ready need a widget that got its token', () => {
  it('a widget that said ready, then was removed before its token came: no load, ready rejects', async () => {
    const fetchToken = controlledFetcher();
    const onLoad = vi.fn();
    const { link } = openLink(fetchToken.fn, { onLoad, onError: () => {} });
    await flush();
    widget.say('ready');
    document.querySelector('wink-link')!.remove();
    await fetchToken.resolve(makeToken());
    expect(onLoad).not.toHaveBeenCalled();
    await expect(link.ready).rejects.toMatchObject({ code: 'CLOSED' });
    expect(widget.all('init')).toEqual([]);
  });
});

describe('per-mode widgetUrl', () => {
  // Was a bug: with a widgetUrl per mode, a PRODUCTION token handed to refresh(token) while the
  // SANDBOX widget was still loading was refused (INVALID_TOKEN), yet it stayed waiting and went
  // to the SANDBOX widget in `init` when that widget said ready: a credential of one environment
  // reached the other's widget.
  it('a refused other-mode token is never posted later, when the widget says ready', async () => {
    const widgetUrl = { SANDBOX: 'https://sandbox.widget.example/', PRODUCTION: 'https://widget.example/' };
    const { link } = openLink(
      vi.fn(async () => makeToken(60_000, { mode: 'SANDBOX' })),
      { widgetUrl, refresh: 'manual' },
    );
    await flush();
    expect(link.state).toBe('loading'); // SANDBOX token pending, SANDBOX widget loading
    const production = makeToken(60_000, { mode: 'PRODUCTION' });
    const refused = link.refresh(production); // goes after the SANDBOX token that waits
    widget.say('ready', {}, { origin: 'https://sandbox.widget.example' });
    await expect(refused).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    await flush();
    const init = widget.last('init')!;
    expect(init.targetOrigin).toBe('https://sandbox.widget.example');
    expect(init.payload.mode).toBe('SANDBOX'); // never the refused PRODUCTION credential
    expect(init.payload.accessToken).not.toBe(production.accessToken);
  });
});
