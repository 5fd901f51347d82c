import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Link } from '../../src/host/index';
import { controlledFetcher, flush, listeners, makeToken, openLink, useHarness, widget } from './harness';

useHarness();
beforeEach(() => {
  vi.useFakeTimers();
});

/** The page before the link: a couple of elements, one focused. */
function page() {
  const main = document.createElement('main');
  const button = document.createElement('button');
  main.append(button);
  document.body.append(main, document.createElement('footer'));
  button.focus();
  return {
    main,
    button,
    children: Array.from(document.body.children),
    html: document.documentElement.getAttribute('style'),
  };
}

/** Nothing of the link is left: no node, no listener on window/document, no timer. */
async function expectNothingLeft(before: ReturnType<typeof page>) {
  await flush();
  expect(document.querySelectorAll('wink-link')).toHaveLength(0);
  expect(Array.from(document.body.children)).toEqual(before.children);
  expect(document.documentElement.getAttribute('style')).toBe(before.html);
  expect(before.main.inert).toBe(false);
  expect(document.activeElement).toBe(before.button);
  expect(listeners.describe()).toEqual([]);
  expect(vi.getTimerCount()).toBe(0);
}

type Setup = (fetchToken: ReturnType<typeof controlledFetcher>) => Promise<Link>;
const states: Array<[string, Setup]> = [
  ['fetching', async (f) => openLink(f.fn).link],
  [
    'loading',
    async (f) => {
      const { link } = openLink(f.fn);
      await f.resolve(makeToken());
      return link;
    },
  ],
  [
    'open (auto refresh and expiry timers armed)',
    async (f) => {
      const { link } = openLink(f.fn);
      widget.say('ready');
      await f.resolve(makeToken());
      return link;
    },
  ],
  [
    'refreshing (a retry backoff pending)',
    async (f) => {
      const { link } = openLink(f.fn, { refreshLeadMs: 10_000 });
      widget.say('ready');
      await f.resolve(makeToken(60_000));
      await vi.advanceTimersByTimeAsync(50_000);
      await f.reject(new Error('down')); // now sleeping before the next attempt
      expect(link.state).toBe('refreshing');
      return link;
    },
  ],
  [
    'open after the token expired (manual)',
    async (f) => {
      const { link } = openLink(f.fn, { refresh: 'manual' });
      widget.say('ready');
      await f.resolve(makeToken(1000));
      await vi.advanceTimersByTimeAsync(2000);
      return link;
    },
  ],
  [
    'open after an iframe reload',
    async (f) => {
      const { link } = openLink(f.fn);
      widget.say('ready');
      await f.resolve(makeToken());
      widget.say('ready');
      await f.resolve(makeToken());
      return link;
    },
  ],
  [
    'closed after LOAD_TIMEOUT',
    async (f) => {
      const { link } = openLink(f.fn, { loadTimeoutMs: 1000 });
      await vi.advanceTimersByTimeAsync(1000);
      expect(link.state).toBe('closed');
      return link;
    },
  ],
];

describe('nothing is left', () => {
  it.each(states)('after destroy() in state %s', async (_, setup) => {
    const before = page();
    const fetchToken = controlledFetcher();
    const link = await setup(fetchToken);
    link.destroy();
    await expectNothingLeft(before);
  });

  it.each(states)('after close() in state %s', async (_, setup) => {
    const before = page();
    const link = await setup(controlledFetcher());
    link.close();
    await expectNothingLeft(before);
  });

  it('after destroy() in inline mode, with a widgetUrl map', async () => {
    const before = page();
    const container = document.createElement('div');
    before.main.append(container);
    const { link } = openLink(
      vi.fn(async () => makeToken()),
      {
        container,
        widgetUrl: { SANDBOX: 'https://sandbox.widget.example/', PRODUCTION: 'https://widget.example/' },
      },
    );
    await flush();
    widget.say('ready', {}, { origin: 'https://sandbox.widget.example' });
    await flush();
    expect(link.state).toBe('open');
    link.destroy();
    container.remove();
    await expectNothingLeft(before);
  });

  it('after 30 open → use → close → relaunch → destroy cycles', async () => {
    const before = page();
    for (let i = 0; i < 30; i++) {
      const { link } = openLink(
        vi.fn(async () => makeToken()),
        { refreshLeadMs: 10_000 },
      );
      await flush();
      widget.say('ready');
      await vi.advanceTimersByTimeAsync(55_000);
      link.close();
      await flush();
      void link.refresh();
      await flush();
      widget.say('ready');
      await flush();
      expect(link.state).toBe('open');
      link.destroy();
    }
    await expectNothingLeft(before);
  });

  it('while open, the listeners and timers are the expected few (the tracker sees them)', async () => {
    const before = page();
    const fetchToken = controlledFetcher();
    const { link } = openLink(fetchToken.fn);
    widget.say('ready');
    await fetchToken.resolve(makeToken());
    expect(listeners.count()).toBeGreaterThan(0);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    link.destroy();
    await expectNothingLeft(before);
  });
});
