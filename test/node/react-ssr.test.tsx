/**
 * wink-link/react rendered on the server (Node, react-dom/server): no browser global touched,
 * the hook renders `ready: false, state: 'idle'`, and `open` / `close` do nothing and do not throw.
 */
import { renderToString } from 'react-dom/server';
import { expect, it, vi } from 'vitest';
import { trapBrowserGlobals } from './browser-globals';

const touched = trapBrowserGlobals();

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
