/**
 * The holes a link's state let through while it was spread over several holders (each
 * reproduced against the session core before the single state owner): one fetch at a time,
 * host code that re-enters during a transition, the page removing our element, a widget that
 * asks for tokens without end, and a widget that never got its token.
 */
import { describe, expect, it, vi } from 'vitest';
import type { CloseEvent } from '../../src/host/index';
import { controlledFetcher, flush, makeToken, openLink, openReady, useHarness, widget } from './harness';

useHarness();

const page = () => ({
  mounted: document.querySelectorAll('wink-link').length,
  inert: [...document.body.children].some((child) => (child as HTMLElement).inert),
  overflow: document.documentElement.style.overflow,
});
const released = { mounted: 0, inert: false, overflow: '' };

describe('at most one fetch in flight', () => {
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
});

describe('host code that re-enters while the link changes', () => {
  it('destroy() from a focusout listener while refresh() relaunches leaves nothing behind', async () => {
    const button = document.body.appendChild(document.createElement('button'));
    const { link } = await openReady(
      vi.fn(async () => makeToken()),
      { refresh: 'manual' },
    );
    link.close();
    button.focus();
    // The modal takes focus as it mounts: the page's focusout runs in the middle of that.
    button.addEventListener('focusout', () => link.destroy(), { once: true });
    void link.refresh();
    await flush();
    expect(link.state).toBe('destroyed');
    expect(page()).toEqual(released);
    // The page's Escape is the page's again.
    const escapeKey = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    document.dispatchEvent(escapeKey);
    expect(escapeKey.defaultPrevented).toBe(false);
  });

  it("destroy() from fetchToken's abort listener inside close(): close is reported, then destroyed", async () => {
    const closes: CloseEvent[] = [];
    const errors: unknown[] = [];
    let link: ReturnType<typeof openLink>['link'];
    ({ link } = openLink(
      ({ signal }: { signal: AbortSignal }) => {
        signal.addEventListener('abort', () => link.destroy());
        return new Promise(() => {});
      },
      { refresh: 'manual', onClose: (event) => closes.push(event) },
    ));
    vi.spyOn(console, 'error').mockImplementation((...args) => errors.push(args));
    await flush();
    expect(() => link.close()).not.toThrow();
    expect(closes).toEqual([{ reason: 'host' }]);
    expect(link.state).toBe('destroyed');
    expect(errors).toEqual([]);
  });

  it('close() again from the focus handler of the element focus returns to: one close event', async () => {
    const opener = document.body.appendChild(document.createElement('button'));
    opener.focus();
    const onClose = vi.fn();
    const { link } = await openReady(
      vi.fn(async () => makeToken()),
      { onClose },
    );
    opener.addEventListener('focus', () => link.close());
    link.close();
    await flush();
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(link.state).toBe('closed');
  });
});

describe('the page removes our element', () => {
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

describe('a widget cannot make the host mint tokens without end', () => {
  it.each([
    ['ready again and again (reloads)', () => widget.say('ready')],
    ['tokenExpired again and again', () => widget.say('tokenExpired')],
  ])('%s: the first at once, then a growing wait', async (_, ask) => {
    vi.useFakeTimers();
    let issued = 0;
    const fetchToken = vi.fn(async () => (issued++, makeToken(600_000)));
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
