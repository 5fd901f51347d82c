// wink-link/vue in happy-dom: the composable's lifecycle against what Vue users of launcher SDKs
// report (an iframe left after unmount, a refetch on every render, `open` that does nothing, a
// close that navigates away and still fetches). Components are render functions (no SFC compiler).
import { type App, createApp, defineComponent, h, nextTick, reactive, ref } from 'vue';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type UseWinkLink, type UseWinkLinkOptions, useWinkLink } from '../../src/vue/index';
import { bindingKit, button, frames, shown, tokenFetcher } from './bindings-kit';
import { consoleErrors, listeners, useHarness, WIDGET_URL, widget } from './harness';

useHarness();

/** What the composable returned in the latest setup. */
let hook: UseWinkLink;
const apps: App[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.unmount();
});

/** Mounts `setup`'s render on a fresh element; returns the app (for unmount). */
function mount(setup: () => () => unknown): App {
  const app = createApp(defineComponent({ setup }));
  apps.push(app);
  app.mount(document.body.appendChild(document.createElement('div')));
  return app;
}
const unmount = (app: App) => {
  apps.splice(apps.indexOf(app), 1);
  app.unmount();
};

/** A connect button over `options` (reactive or not), as a component renders it. */
function connect(options: UseWinkLinkOptions | (() => UseWinkLinkOptions)) {
  return mount(() => {
    hook = useWinkLink(options);
    return () => h('button', { disabled: !hook.ready.value, onClick: hook.open }, `Connect (${hook.state.value})`);
  });
}

const { settle, widgetSays } = bindingKit(nextTick);

describe('useWinkLink (Vue)', () => {
  it('prepares one hidden widget on mount, shows it at once on click, and leaves nothing after unmount', async () => {
    const fetchToken = tokenFetcher();
    const before = listeners.describe();
    const app = connect({ widgetUrl: WIDGET_URL, fetchToken });
    expect(hook.state.value).toBe('idle');
    await settle();
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(shown()).toHaveLength(0);
    expect(button().disabled).toBe(true);

    await widgetSays('ready');
    expect(hook.ready.value).toBe(true);
    expect(hook.link.value?.state).toBe('open');
    expect(button().disabled).toBe(false);
    button().click();
    expect(shown()).toHaveLength(1);
    expect(fetchToken).toHaveBeenCalledTimes(1);

    unmount(app);
    expect(document.querySelectorAll('wink-link, iframe, [inert]')).toHaveLength(0);
    expect(document.documentElement.getAttribute('style')).toBeNull();
    expect(listeners.describe()).toEqual(before);
    expect(consoleErrors).toEqual([]);
  });

  it('mounted, unmounted and mounted again at once (HMR, a toggled v-if): one token fetch, one widget', async () => {
    const fetchToken = tokenFetcher();
    unmount(connect({ widgetUrl: WIDGET_URL, fetchToken }));
    connect({ widgetUrl: WIDGET_URL, fetchToken });
    await settle();
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(frames()).toHaveLength(1);
  });

  it('new inline callbacks neither refetch nor relaunch; the latest callback gets the event', async () => {
    const fetchToken = tokenFetcher();
    const onAccountConnected = ref(vi.fn());
    const first = onAccountConnected.value;
    // A getter: a new options object (and new callbacks) on every read.
    connect(() => ({
      widgetUrl: WIDGET_URL,
      fetchToken,
      labels: { title: 'Payroll' },
      onAccountConnected: onAccountConnected.value,
    }));
    await settle();
    await widgetSays('ready');
    onAccountConnected.value = vi.fn();
    await settle();
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(widget.all('init')).toHaveLength(1);
    await widgetSays('accountConnected', { accountId: 'acc_1', userId: 'u_1', providerId: 'p_1' });
    expect(first).not.toHaveBeenCalled();
    expect(onAccountConnected.value).toHaveBeenCalledWith({ accountId: 'acc_1', userId: 'u_1', providerId: 'p_1' });
  });

  it('a reactive option that changes what is shown prepares again, once per change', async () => {
    const fetchToken = tokenFetcher();
    const options = reactive<UseWinkLinkOptions>({ widgetUrl: WIDGET_URL, fetchToken, templateId: 'wtpl-a' });
    connect(options);
    await settle();
    await widgetSays('ready');
    const first = hook.link.value;
    options.templateId = 'wtpl-b';
    options.onLoad = () => {}; // not shown: no relaunch of its own
    await settle();
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(first?.state).toBe('destroyed');
    expect(frames()).toHaveLength(1);
    await widgetSays('ready');
    expect(widget.last('init')?.payload.templateId).toBe('wtpl-b');
  });

  it('after the user closes the widget, the next launch is prepared with a fresh token', async () => {
    const fetchToken = tokenFetcher();
    connect({ widgetUrl: WIDGET_URL, fetchToken });
    await settle();
    await widgetSays('ready');
    button().click();
    await widgetSays('close', { reason: 'close' });
    await settle();
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(shown()).toHaveLength(0);
    expect(hook.ready.value).toBe(false);
    await widgetSays('ready');
    expect(new Set(widget.tokens()).size).toBe(2);
  });

  it('a close that unmounts the component (a route change in onClose) fetches no token for a next launch', async () => {
    const fetchToken = tokenFetcher();
    const here = ref(true);
    const leave = () => {
      here.value = false;
    };
    const Connect = defineComponent({
      setup() {
        hook = useWinkLink({ widgetUrl: WIDGET_URL, fetchToken, onClose: leave });
        return () => h('i');
      },
    });
    mount(() => () => (here.value ? h(Connect) : h('p', 'elsewhere')));
    await settle();
    await widgetSays('ready');
    hook.open();
    await widgetSays('close', { reason: 'exit' });
    await settle();
    expect(document.querySelector('p')?.textContent).toBe('elsewhere');
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(frames()).toHaveLength(0);
  });

  it('inline in a template ref; misuse (an unattached ref) is one INVALID_OPTIONS error, not a throw', async () => {
    const onError = vi.fn();
    for (const attach of [true, false]) {
      mount(() => {
        const slot = ref<HTMLElement | null>(null);
        hook = useWinkLink({ widgetUrl: WIDGET_URL, fetchToken: tokenFetcher(), container: slot, onError });
        return () => (attach ? h('div', { ref: slot, 'data-testid': 'slot' }) : null);
      });
      await settle();
    }
    expect(document.querySelector('[data-testid=slot] > wink-link')?.getAttribute('data-mode')).toBe('inline');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(hook.error.value).toMatchObject({
      code: 'INVALID_OPTIONS',
      message: expect.stringMatching(/container ref/),
    });
    expect(hook.state.value).toBe('idle');
  });
});
