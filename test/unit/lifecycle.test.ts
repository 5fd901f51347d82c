import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SPEC_TRANSITIONS,
  code,
  controlledFetcher,
  flush,
  makeToken,
  openLink,
  openReady,
  useHarness,
  widget,
} from './harness';

useHarness();

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

const path = (states: Array<{ from: string; to: string }>) => states.map((s) => s.to);

describe('state transitions', () => {
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

  it('the host close posts close to the widget', async () => {
    const { link } = await openReady(vi.fn(async () => makeToken()));
    link.close();
    expect(widget.last('close')).toMatchObject({ targetOrigin: 'https://widget.example', payload: {} });
  });

  it('→ destroyed from every live state', async () => {
    for (const target of ['fetching', 'loading', 'open', 'refreshing', 'closed'] as const) {
      const fetchToken = controlledFetcher();
      const { link, states } = openLink(fetchToken.fn, { refresh: 'manual' });
      if (target !== 'fetching') await fetchToken.resolve(makeToken());
      await flush();
      if (['open', 'refreshing', 'closed'].includes(target)) widget.say('ready');
      if (target === 'refreshing') void link.refresh();
      if (target === 'closed') link.close();
      expect(link.state).toBe(target);
      link.destroy();
      expect(link.state).toBe('destroyed');
      expect(states.at(-1)).toEqual({ from: target, to: 'destroyed' });
      for (const { from, to } of states) expect(SPEC_TRANSITIONS[from]).toContain(to);
    }
  });

  // Was a bug, fixed in c578989 ("close() then refresh() in the same tick"): the relaunch reuses
  // the closed launch's in-flight fetch, which rejects with CLOSED, so the relaunch fails at once.
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
});

describe('idempotence, unsubscribe, rejections', () => {
  it('close and destroy are idempotent', async () => {
    const onClose = vi.fn();
    const { link, states } = await openReady(
      vi.fn(async () => makeToken()),
      { onClose },
    );
    link.close();
    link.close();
    expect(onClose).toHaveBeenCalledTimes(1);
    link.destroy();
    link.destroy();
    link.close();
    expect(link.state).toBe('destroyed');
    expect(path(states)).toEqual(['loading', 'open', 'closed', 'destroyed']);
    expect(widget.all('close')).toHaveLength(1);
  });

  it('the unsubscribe function returned by on() stops the listener, and only it', async () => {
    const { link } = await openReady(vi.fn(async () => makeToken()));
    const a = vi.fn();
    const b = vi.fn();
    const offA = link.on('accountRemoved', a);
    link.on('accountRemoved', b);
    offA();
    offA();
    widget.say('accountRemoved', { accountId: 'a', userId: 'u', providerId: 'p' });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('no listener is called after destroy', async () => {
    const onEvent = vi.fn();
    const { link } = await openReady(
      vi.fn(async () => makeToken()),
      { onEvent },
    );
    link.destroy();
    widget.say('event', { name: 'x', metadata: {} });
    expect(onEvent).not.toHaveBeenCalled();
  });

  it('an ignored ready / refresh() rejection is never unhandled', async () => {
    const fail = vi.fn(async () => {
      throw new Error('down');
    });
    const a = openLink(fail).link; // ready rejects with FETCH_FAILED
    const b = openLink(controlledFetcher().fn).link;
    b.close(); // ready rejects with CLOSED
    const c = openLink(controlledFetcher().fn).link;
    c.destroy(); // ready rejects with DESTROYED
    void c.refresh(); // rejects with DESTROYED
    await flush();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(unhandled).toEqual([]);
    await expect(a.ready).rejects.toMatchObject(code('FETCH_FAILED'));
  });

  it('first launch failure: onError, ready rejects, the modal is closed', async () => {
    const onError = vi.fn();
    const onClose = vi.fn();
    const { link } = openLink(
      vi.fn(async () => {
        throw new Error('down');
      }),
      { onError, onClose },
    );
    await expect(link.ready).rejects.toMatchObject(code('FETCH_FAILED'));
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onClose).toHaveBeenCalledWith({ reason: 'failed' });
    expect(link.state).toBe('closed');
    expect(document.querySelector('wink-link')).toBeNull();
  });

  it.each([
    ['stateChange → open', 'stateChange'],
    ['load', 'load'],
    ['accountConnected', 'accountConnected'],
    ['tokenExpired', 'tokenExpired'],
    ['close', 'close'],
  ] as const)(
    'close() or destroy() from inside a %s listener: no throw, nothing left, no unhandled rejection',
    async (_, event) => {
      vi.useFakeTimers();
      for (const how of ['close', 'destroy'] as const) {
        const fetchToken = controlledFetcher();
        const { link, errors } = openLink(fetchToken.fn, { refresh: 'manual' });
        link.on(event, ((change?: { to?: string }) => {
          if (event !== 'stateChange' || change?.to === 'open') link[how]();
        }) as never);
        widget.say('ready');
        await fetchToken.resolve(makeToken(5000));
        widget.say('accountConnected', { accountId: 'a', userId: 'u', providerId: 'p' });
        if (event === 'close') link.close();
        await vi.advanceTimersByTimeAsync(10_000);
        await flush();
        expect(['closed', 'destroyed']).toContain(link.state);
        expect(errors).toEqual([]);
        expect(document.querySelector('wink-link')).toBeNull();
        expect(vi.getTimerCount()).toBe(0);
        link.destroy();
      }
      vi.useRealTimers();
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
    },
  );
});
