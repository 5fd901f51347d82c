// A small SPA around wink-link/angular: a router (history API), a page with the modal and a
// page with the widget inline. The DOM is the contract test/support/spa-checks.ts reads.
// Decorators are called as functions: this app is built by plain Vite, without the CLI.
import { Component, signal } from '@angular/core';
import { ConnectPage, InlinePage } from './pages';

export const App = Component({
  selector: 'app-root',
  imports: [ConnectPage, InlinePage],
  host: { '(window:popstate)': 'path.set(location.pathname)' },
  template: `
    <nav>
      <button id="nav-home" type="button" (click)="navigate('/')">Home</button>
      <button id="nav-connect" type="button" (click)="navigate('/connect')">Connect page</button>
      <button id="nav-inline" type="button" (click)="navigate('/inline')">Inline page</button>
    </nav>
    <main>
      @switch (path()) {
        @case ('/connect') { <app-connect-page /> }
        @case ('/inline') { <app-inline-page /> }
        @default { <h1>Home</h1> }
      }
    </main>`,
})(
  class {
    path = signal(location.pathname);
    location = location;
    navigate(to: string) {
      history.pushState(null, '', to);
      this.path.set(to);
    }
  },
);
