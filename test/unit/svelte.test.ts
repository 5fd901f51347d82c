// wink-link/svelte in happy-dom: the store's contract (one link while anyone subscribes) and a
// real Svelte 5 component (compiled by @sveltejs/vite-plugin-svelte, mounted with `mount`),
// against what users of launcher SDKs report: an iframe left after unmount, a refetch per
// render, a close that navigates away and still fetches.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CreateWinkLinkOptions, createWinkLink, type WinkLinkValue } from '../../src/svelte/index';
import { bindingKit, button, frames, shown, tokenFetcher } from './bindings-kit';
import { consoleErrors, listeners, useHarness, WIDGET_URL, widget } from './harness';
import Connect from './svelte/Connect.svelte';
import Page from './svelte/Page.svelte';

useHarness();

type Mounted = ReturnType<typeof mount>;
const mounted: Mounted[] = [];
afterEach(() => {
  for (const component of mounted.splice(0)) unmount(component);
});

function render(props: Partial<CreateWinkLinkOptions> & { inline?: boolean }) {
  const component = mount(Connect, {
    target: document.body.appendChild(document.createElement('div')),
    props: { widgetUrl: WIDGET_URL, fetchToken: tokenFetcher(), ...props },
  });
  mounted.push(component);
  return component;
}
const remove = (component: Mounted) => {
  mounted.splice(mounted.indexOf(component), 1);
  unmount(component);
};

const { settle, widgetSays } = bindingKit(flushSync);

describe('createWinkLink (Svelte)', () => {
  it('in a component: one hidden widget on mount, shown at once on click, nothing left after unmount', async () => {
    const fetchToken = tokenFetcher();
    const before = listeners.describe();
    const component = render({ fetchToken });
    await settle();
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(shown()).toHaveLength(0);
    expect(button().disabled).toBe(true);
    await widgetSays('ready');
    expect(button().disabled).toBe(false);
    expect(button().textContent).toBe('Connect (open)');
    button().click();
    expect(shown()).toHaveLength(1);
    expect(fetchToken).toHaveBeenCalledTimes(1);

    remove(component);
    expect(document.querySelectorAll('wink-link, iframe, [inert]')).toHaveLength(0);
    expect(document.documentElement.getAttribute('style')).toBeNull();
    expect(listeners.describe()).toEqual(before);
    expect(consoleErrors).toEqual([]);
  });

  it('the store contract: one link while anyone subscribes, none after the last leaves, none for a resubscribe at once', async () => {
    const fetchToken = tokenFetcher();
    const store = createWinkLink({ widgetUrl: WIDGET_URL, fetchToken });
    const seen: WinkLinkValue[] = [];
    const first = store.subscribe((value) => seen.push(value));
    expect(seen).toEqual([{ state: 'idle', error: null, link: null, ready: false }]); // at once, as stores do
    first();
    const second = store.subscribe(() => {});
    const third = store.subscribe((value) => seen.push(value));
    await settle();
    expect(fetchToken).toHaveBeenCalledTimes(1);
    await widgetSays('ready');
    expect(seen.at(-1)).toMatchObject({ state: 'open', ready: true });
    second();
    expect(frames()).toHaveLength(1);
    third();
    expect(frames()).toHaveLength(0);
    store.open(); // nobody subscribes: nothing to show
    await settle();
    expect(frames()).toHaveLength(0);
  });

  it('options through a getter: the latest callback gets the event, no refetch', async () => {
    const fetchToken = tokenFetcher();
    let onAccountConnected = vi.fn();
    const first = onAccountConnected;
    const store = createWinkLink(() => ({ widgetUrl: WIDGET_URL, fetchToken, onAccountConnected }));
    const stop = store.subscribe(() => {});
    await settle();
    await widgetSays('ready');
    onAccountConnected = vi.fn();
    await widgetSays('accountConnected', { accountId: 'acc_1', userId: 'u_1', providerId: 'p_1' });
    expect(first).not.toHaveBeenCalled();
    expect(onAccountConnected).toHaveBeenCalledTimes(1);
    expect(fetchToken).toHaveBeenCalledTimes(1);
    stop();
  });

  it('after the user closes the widget, the next launch is prepared with a fresh token', async () => {
    const fetchToken = tokenFetcher();
    render({ fetchToken });
    await settle();
    await widgetSays('ready');
    button().click();
    await widgetSays('close', { reason: 'close' });
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(shown()).toHaveLength(0);
    expect(button().disabled).toBe(true);
    await widgetSays('ready');
    expect(new Set(widget.tokens()).size).toBe(2);
  });

  it('a close that unmounts the component (a route change in onClose) fetches no token for a next launch', async () => {
    const fetchToken = tokenFetcher();
    mounted.push(mount(Page, { target: document.body, props: { widgetUrl: WIDGET_URL, fetchToken } }));
    await settle();
    await widgetSays('ready');
    button().click();
    await widgetSays('close', { reason: 'exit' });
    expect(document.querySelector('p')?.textContent).toBe('elsewhere');
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(frames()).toHaveLength(0);
  });

  it('inline in a bound element; an unattached one is one INVALID_OPTIONS error, not a throw', async () => {
    render({ inline: true });
    await settle();
    expect(document.querySelector('[data-testid=slot] > wink-link')?.getAttribute('data-mode')).toBe('inline');

    const onError = vi.fn();
    render({ container: null, onError });
    await settle();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0]).toMatchObject({
      code: 'INVALID_OPTIONS',
      message: expect.stringMatching(/container ref/),
    });
    expect(document.querySelector('[role=alert]')?.textContent).toMatch(/container ref/);
  });
});
