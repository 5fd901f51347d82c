/**
 * close() and destroy(): idempotent, from any state; they cancel the fetch under way and leave
 * nothing behind. The page removing our element itself closes the link too (reason `removed`).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SPEC_TRANSITIONS,
  code,
  controlledFetcher,
  flush,
  listeners,
  makeToken,
  openLink,
  openReady,
  useHarness,
  widget,
} from './harness';

useHarness();

const path = (states: Array<{ from: string; to: string }>) => states.map((s) => s.to);

describe('close() and destroy()', () => {
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
});

describe('close() and destroy() during a fetch', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  it.each(['close', 'destroy'] as const)(
    '%s() during a fetch aborts it; a late token mounts and posts nothing',
    async (how) => {
      const fetchToken = controlledFetcher();
      const onTokenExpired = vi.fn();
      const { link } = openLink(fetchToken.fn, { onTokenExpired });
      await flush();
      widget.say('ready');
      link[how]();
      const { signal } = fetchToken.last();
      expect(signal.aborted).toBe(true);
      expect(signal.reason).toMatchObject(code(how === 'close' ? 'CLOSED' : 'DESTROYED'));
      fetchToken.last().resolve(makeToken(5000));
      await vi.advanceTimersByTimeAsync(60_000);
      expect(document.querySelector('wink-link')).toBeNull();
      expect(widget.sent).toEqual([]);
      expect(onTokenExpired).not.toHaveBeenCalled();
      expect(vi.getTimerCount()).toBe(0);
      expect(listeners.describe()).toEqual([]);
    },
  );

  it.each(['close', 'destroy'] as const)(
    '%s() while a resolved token is still on its way mounts nothing, posts nothing, leaves no timer',
    async (how) => {
      for (let ticks = 0; ticks <= 12; ticks++) {
        const fetchToken = controlledFetcher();
        const onTokenExpired = vi.fn();
        const { link } = openLink(fetchToken.fn, { onTokenExpired });
        await flush();
        widget.say('ready');
        fetchToken.last().resolve(makeToken(5000));
        for (let i = 0; i < ticks; i++) await Promise.resolve();
        const sentBefore = widget.sent.length;
        const early = link.state !== 'open'; // else the token already landed: nothing to race
        link[how]();
        await vi.advanceTimersByTimeAsync(60_000);
        if (early) {
          expect(widget.sent.length).toBe(sentBefore);
          expect(onTokenExpired).not.toHaveBeenCalled();
        }
        expect(vi.getTimerCount()).toBe(0);
        expect(listeners.describe()).toEqual([]);
        link.destroy();
      }
    },
  );
});

describe('the page removes our element', () => {
  const page = () => ({
    mounted: document.querySelectorAll('wink-link').length,
    inert: [...document.body.children].some((child) => (child as HTMLElement).inert),
    overflow: document.documentElement.style.overflow,
  });
  const removals: Array<[string, () => void]> = [
    ['the element', () => document.querySelector('wink-link')!.remove()],
    ['<body> re-rendered (innerHTML)', () => (document.body.innerHTML = '<main>new page</main>')],
    ['<body> replaced', () => document.documentElement.replaceChild(document.createElement('body'), document.body)],
  ];
  it.each(removals)('%s: the link closes (removed), releases the page, stops its timers', async (_, remove) => {
    vi.useFakeTimers();
    const fetchToken = vi.fn(async () => makeToken(20_000));
    const onClose = vi.fn();
    const { link } = await openReady(fetchToken, { onClose, refreshLeadMs: 5_000 });
    expect(document.documentElement.style.overflow).toBe('hidden');
    remove();
    await flush();
    expect(link.state).toBe('closed');
    expect(onClose).toHaveBeenCalledWith({ reason: 'removed' });
    expect(page()).toMatchObject({ inert: false, overflow: '' });
    const escapeKey = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    document.dispatchEvent(escapeKey);
    expect(escapeKey.defaultPrevented).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetchToken).toHaveBeenCalledTimes(1); // no token minted for a widget that is gone
  });

  it('the host closes the <dialog> our modal went into: closed (removed), the page released', async () => {
    const dialog = document.body.appendChild(document.createElement('dialog'));
    const button = dialog.appendChild(document.createElement('button'));
    dialog.showModal();
    button.focus();
    const onClose = vi.fn();
    const { link } = await openReady(
      vi.fn(async () => makeToken()),
      { onClose },
    );
    expect(dialog.contains(document.querySelector('wink-link'))).toBe(true);
    expect(document.documentElement.style.overflow).toBe('hidden');
    dialog.close();
    await flush();
    expect(link.state).toBe('closed');
    expect(onClose).toHaveBeenCalledWith({ reason: 'removed' });
    expect(page()).toMatchObject({ mounted: 0, overflow: '' });
    expect(button.inert).toBe(false);
    dialog.remove();
  });

  it('control: inline in a host <dialog> not open (yet), the link opens and stays open', async () => {
    const dialog = document.body.appendChild(document.createElement('dialog'));
    const container = dialog.appendChild(document.createElement('section'));
    const { link } = await openReady(
      vi.fn(async () => makeToken()),
      { container },
    );
    expect(link.state).toBe('open');
    dialog.show();
    dialog.close();
    await flush();
    expect(link.state).toBe('open');
    dialog.remove();
  });

  it('an inline container removed by the app: closed, no token handed to the detached frame', async () => {
    const container = document.body.appendChild(document.createElement('section'));
    const fetchToken = controlledFetcher();
    const { link } = openLink(fetchToken.fn, { container });
    await flush();
    const frame = widget.window;
    container.remove();
    await fetchToken.resolve(makeToken());
    widget.say('ready', {}, { source: frame });
    await flush();
    expect(link.state).toBe('closed');
    expect(widget.all('init')).toEqual([]);
  });
});
