/**
 * What the widget tells the host about its token: that its server refused it (`tokenExpired`),
 * or, by a second `ready`, that its page reloaded. Either way it gets a fresh token, never the
 * old one — and a widget that keeps asking cannot make the host mint tokens without end.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TokenExpiredEvent } from '../../src/host/index';
import { code, flush, makeToken, openReady, useHarness, widget } from './harness';

useHarness();
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-26T12:00:00.000Z'));
});

describe('the widget reports its token refused (tokenExpired)', () => {
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
});

describe('the widget reloaded (a second ready)', () => {
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

describe('a widget cannot make the host mint tokens without end', () => {
  it.each([
    ['ready again and again (reloads)', () => widget.say('ready')],
    ['tokenExpired again and again', () => widget.say('tokenExpired')],
  ])('%s: the first at once, then a growing wait', async (_, ask) => {
    vi.useFakeTimers();
    let issued = 0;
    const fetchToken = vi.fn(async () => {
      issued++;
      return makeToken(600_000);
    });
    await openReady(fetchToken, { debug: false });
    expect(issued).toBe(1);
    ask();
    await vi.advanceTimersByTimeAsync(0);
    expect(issued).toBe(2); // a real reload gets its fresh token at once
    for (let i = 0; i < 200; i++) {
      ask();
      await vi.advanceTimersByTimeAsync(5);
    }
    expect(issued).toBeLessThanOrEqual(3); // one second: at most one more
    for (let i = 0; i < 60; i++) {
      ask();
      await vi.advanceTimersByTimeAsync(1000);
    }
    // A minute of asking every second: 1, 2, 4, 8, 16, 32 s apart — not sixty.
    expect(issued).toBeLessThanOrEqual(9);
  });
});
