/**
 * wink-link/react rendered on the server (Node, react-dom/server): no browser global touched,
 * the hook renders `ready: false, state: 'idle'`, and `open` / `close` do nothing and do not throw.
 */
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

const BROWSER_GLOBALS = ['window', 'document', 'self', 'location', 'HTMLElement', 'Element', 'customElements'];
const touched: string[] = [];

beforeEach(() => {
  touched.length = 0;
  for (const name of BROWSER_GLOBALS) {
    if (name in globalThis) continue; // only trap what Node does not have
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        touched.push(name);
        return undefined;
      },
    });
  }
});
afterEach(() => {
  for (const name of BROWSER_GLOBALS) {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
    if (descriptor?.get && descriptor.configurable) delete (globalThis as Record<string, unknown>)[name];
  }
  vi.resetModules();
});

it('renders idle and not ready, touches no browser global, and open() is a no-op', async () => {
  const { useWinkLink } = await import('../../src/react/index');
  const fetchToken = vi.fn();
  const calls: string[] = [];
  function Connect() {
    const { open, close, ready, state, error, link } = useWinkLink({
      fetchToken,
      widgetUrl: 'https://widget.example/link',
      widgetOptions: { topProviders: ['acme'] },
    });
    // What a careless component might do while rendering: nothing happens, nothing throws.
    open();
    close();
    calls.push('rendered');
    return (
      <button type="button" disabled={!ready} data-state={state} data-error={String(error)} data-link={String(link)}>
        Connect
      </button>
    );
  }
  const html = renderToString(<Connect />);
  expect(calls).toEqual(['rendered']);
  expect(html).toBe(
    '<button type="button" disabled="" data-state="idle" data-error="null" data-link="null">Connect</button>',
  );
  expect(fetchToken).not.toHaveBeenCalled();
  expect(touched).toEqual([]);
});
