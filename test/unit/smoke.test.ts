import { describe, expect, it, vi } from 'vitest';
import { flush, listeners, makeToken, openLink, useHarness } from './harness';

useHarness();

describe('smoke', () => {
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
});
