/**
 * wink-link/angular rendered on the server (Node, @angular/platform-server's renderApplication,
 * as Angular SSR does): the component renders not-ready and `idle`, nothing is prepared or
 * fetched, and open() / close() do nothing. (platform-server installs its own DOM globals, so
 * which globals are read is not a question here: afterNextRender never runs on the server.)
 */
import { expect, it, vi } from 'vitest';

it('renders idle and not ready, prepares nothing, and open() is a no-op', async () => {
  await import('@angular/compiler');
  const { Component, provideZonelessChangeDetection } = await import('@angular/core');
  const { bootstrapApplication } = await import('@angular/platform-browser');
  const { provideServerRendering, renderApplication } = await import('@angular/platform-server');
  const { injectWinkLink } = await import('../../src/angular/index');
  const fetchToken = vi.fn();
  const onError = vi.fn();
  const Connect = Component({
    selector: 'app-root',
    template: '<button type="button" [disabled]="!link.ready()" [attr.data-state]="link.state()">Connect</button>',
  })(
    class {
      link = injectWinkLink({ fetchToken, onError, widgetUrl: 'https://widget.example/link' });
      constructor() {
        // What a careless component might do: nothing happens, nothing throws.
        this.link.open();
        this.link.close();
      }
    },
  );
  const html = await renderApplication(
    (context) =>
      bootstrapApplication(
        Connect,
        { providers: [provideServerRendering(), provideZonelessChangeDetection()] },
        context,
      ),
    { document: '<html><body><app-root></app-root></body></html>', url: '/' },
  );
  expect(html).toContain('<button type="button" disabled="" data-state="idle">Connect</button>');
  await new Promise((resolve) => setTimeout(resolve)); // a deferred prepare would have run
  expect(fetchToken).not.toHaveBeenCalled();
  expect(onError).not.toHaveBeenCalled(); // preparing on the server would be NOT_IN_BROWSER
});
