/**
 * Host code that calls back into the link while it changes — from a listener, from the focus
 * handlers of the page (focus leaves for the modal, and comes back on close), from fetchToken's
 * abort listener — runs after the change under way is complete: nothing throws, nothing is
 * left behind, and every event is reported once. (But destroy() silences the link at once,
 * wherever it is called from: destroy-silence.test.ts, also from fetchToken's abort listener.)
 */
import { describe, expect, it, vi } from 'vitest';
import { controlledFetcher, flush, makeToken, openLink, openReady, useHarness, widget } from './harness';
import { trackUnhandledRejections } from './unhandled';

useHarness();

const unhandled = trackUnhandledRejections();

const page = () => ({
  mounted: document.querySelectorAll('wink-link').length,
  inert: [...document.body.children].some((child) => (child as HTMLElement).inert),
  overflow: document.documentElement.style.overflow,
});
const released = { mounted: 0, inert: false, overflow: '' };

describe('from a listener', () => {
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

  // Was a bug: a host that closed the link from a stateChange listener as it became `open` (a
  // flow cancelled meanwhile) made the SDK throw a TypeError out of its message handler.
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

describe("from the page's focus handlers", () => {
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

describe('from the focus handler that runs as the last modal gives the page back', () => {
  // Was a bug (the model test found it): when the last modal closed, focus went back to the
  // opener before the page's lock was forgotten. A link opened from that focus handler found the
  // page "already held" and showed its modal over a live, scrollable page; and a lock taken there
  // (a link opened, closed, then another opened) was forgotten as the outer release finished, so
  // the page stayed inert and unscrollable with no modal left.
  function opener() {
    const main = document.body.appendChild(document.createElement('main'));
    const button = main.appendChild(document.createElement('button'));
    button.focus();
    return { main, button };
  }
  const held = (main: HTMLElement) => ({ inert: main.inert, overflow: document.documentElement.style.overflow });

  it('a link opened from it holds the page', async () => {
    const { main, button } = opener();
    const first = openLink(controlledFetcher().fn).link;
    let second: ReturnType<typeof openLink>['link'] | undefined;
    button.addEventListener('focus', () => {
      second ??= openLink(controlledFetcher().fn).link;
    });
    first.close();
    await flush();
    expect(second!.state).toBe('fetching');
    expect(held(main)).toEqual({ inert: true, overflow: 'hidden' }); // the bug: not held
  });

  it('a page locked again from it is released when the last modal closes', async () => {
    const { main, button } = opener();
    const first = openLink(controlledFetcher().fn).link;
    let third: ReturnType<typeof openLink>['link'] | undefined;
    let reentered = false;
    button.addEventListener('focus', () => {
      if (reentered) return;
      reentered = true;
      openLink(controlledFetcher().fn).link.close();
      third = openLink(controlledFetcher().fn).link;
    });
    first.close();
    await flush();
    third!.close();
    await flush();
    expect(document.querySelector('wink-link')).toBeNull();
    expect(held(main)).toEqual({ inert: false, overflow: '' }); // the bug: inert and hidden for good
  });
});
