import { Component, ElementRef, inject, signal } from '@angular/core';
import { type InjectWinkLinkOptions, injectWinkLink } from 'wink-link/angular';

/** The widget page's URL (another origin): given once, in the query of the first page load. */
const widgetUrl = new URLSearchParams(location.search).get('widget') ?? '';
/** The app's token endpoint (same origin). */
const fetchToken: InjectWinkLinkOptions['fetchToken'] = ({ signal }) =>
  fetch('/api/wink/link-token', { method: 'POST', signal });

/** What the binding gives, and every callback in a list: the test reads what reached component state. */
const status = `
  <p>state <output id="state">{{ link.state() }}</output>, ready <output id="ready">{{ link.ready() }}</output></p>
  @if (link.error(); as error) { <p role="alert">{{ error.message }}</p> }
  <ol id="events">
    @for (entry of events(); track $index) { <li>{{ entry }}</li> }
  </ol>`;

export const ConnectPage = Component({
  selector: 'app-connect-page',
  template: `<section>
    <h1>Connect</h1>
    <button id="open" type="button" [disabled]="!link.ready()" (click)="link.open()">Connect payroll</button>
    ${status}
  </section>`,
})(
  class {
    events = signal<string[]>([]);
    log = (entry: string) => this.events.update((list) => [...list, entry]);
    // A getter: new options and new inline callbacks on every read.
    link = injectWinkLink(() => ({
      fetchToken,
      widgetUrl,
      labels: { title: 'Connect your payroll account' },
      onLoad: () => this.log('load'),
      onAccountConnected: ({ accountId }) => this.log(`accountConnected ${accountId}`),
      onClose: ({ reason }) => this.log(`close ${reason}`),
    }));
  },
);

export const InlinePage = Component({
  selector: 'app-inline-page',
  template: `<section>
    <h1>Inline</h1>
    <button id="open" type="button" [disabled]="!link.ready()" (click)="link.open()">Show the widget</button>
    ${status}
    <div id="slot"></div>
  </section>`,
})(
  class {
    events = signal<string[]>([]);
    // With the CLI (AOT): `slot = viewChild<ElementRef>('slot')` and `container: this.slot`.
    // JIT cannot see signal queries, so the element is found in the host after the first render.
    host: ElementRef<Element> = inject(ElementRef);
    link = injectWinkLink({
      fetchToken,
      widgetUrl,
      container: () => this.host.nativeElement.querySelector('#slot'),
      onAccountConnected: ({ accountId }) => this.events.update((list) => [...list, `accountConnected ${accountId}`]),
    });
  },
);
