/**
 * wink-link/svelte rendered on the server (Node, svelte/server, as SvelteKit does): `$link`
 * subscribes there too, and the store renders not-ready and `idle`, prepares nothing and reads
 * no browser global beyond asking whether there is a document.
 */
import { expect, it, vi } from 'vitest';
import { trapBrowserGlobals } from './browser-globals';

const touched = trapBrowserGlobals();

it('renders idle and not ready; fetchToken is never called', async () => {
  const { render } = await import('svelte/server');
  const { default: Connect } = await import('../unit/svelte/Connect.svelte');
  const fetchToken = vi.fn();
  touched.length = 0; // Svelte's own, loading
  const { body } = render(Connect, { props: { fetchToken, widgetUrl: 'https://widget.example/link' } });
  expect(body).toContain('<button type="button" disabled="">Connect (idle)</button>');
  expect(body).not.toContain('role="alert"');
  expect(fetchToken).not.toHaveBeenCalled();
  // `typeof document`: the store's one question, whether this is a browser.
  expect(touched).toEqual(['document']);
});
