/**
 * wink-link/vue rendered on the server (Node, vue/server-renderer, as Nuxt does): no browser
 * global touched, the composable renders not-ready and `idle`, and `open` / `close` do nothing.
 */
import { expect, it, vi } from 'vitest';
import { trapBrowserGlobals } from './browser-globals';

const touched = trapBrowserGlobals();

it('renders idle and not ready, touches no browser global, and open() is a no-op', async () => {
  const { createSSRApp, h } = await import('vue');
  const { renderToString } = await import('vue/server-renderer');
  // Vue itself looks for a window when loaded and when it makes an app (its devtools hook):
  // `touched` is reset after Vue's part, before each of ours.
  touched.length = 0;
  const { useWinkLink } = await import('../../src/vue/index');
  expect(touched).toEqual([]);
  const fetchToken = vi.fn();
  const app = createSSRApp({
    setup() {
      const { open, close, ready, state, error, link } = useWinkLink({
        fetchToken,
        widgetUrl: 'https://widget.example/link',
        widgetOptions: { topProviders: ['acme'] },
      });
      // What a careless component might do in setup: nothing happens, nothing throws.
      open();
      close();
      return () =>
        h(
          'button',
          {
            disabled: !ready.value,
            'data-state': state.value,
            'data-error': String(error.value),
            'data-link': String(link.value),
          },
          'Connect',
        );
    },
  });
  touched.length = 0;
  expect(await renderToString(app)).toBe(
    '<button disabled data-state="idle" data-error="null" data-link="null">Connect</button>',
  );
  expect(fetchToken).not.toHaveBeenCalled();
  expect(touched).toEqual([]);
});
