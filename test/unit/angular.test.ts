// wink-link/angular in happy-dom: real components (Angular's JIT compiler, zoneless change
// detection, TestBed), declared without decorators syntax as the binding itself is written,
// against what users of launcher SDKs report: an iframe left after destroy, a refetch per change
// detection, a close that routes away and still fetches.
import '@angular/compiler';
import { ApplicationRef, Component, ElementRef, inject, provideZonelessChangeDetection, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { BrowserTestingModule, platformBrowserTesting } from '@angular/platform-browser/testing';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type InjectWinkLink, type InjectWinkLinkOptions, injectWinkLink } from '../../src/angular/index';
import { bindingKit, button, frames, shown, tokenFetcher } from './bindings-kit';
import { consoleErrors, listeners, useHarness, WIDGET_URL, widget } from './harness';

useHarness();
beforeAll(() => TestBed.initTestEnvironment(BrowserTestingModule, platformBrowserTesting()));
afterEach(() => TestBed.resetTestingModule());

/** What the component's injectWinkLink returned. */
let hook: InjectWinkLink;
/** The options the next component is made with (a getter: read at each launch and event). */
let options: () => InjectWinkLinkOptions;

const Connect = Component({
  selector: 'app-connect',
  template: `<button type="button" [disabled]="!link.ready()" (click)="link.open()">Connect ({{ link.state() }})</button>
    @if (link.error(); as error) {<p role="alert">{{ error.message }}</p>}`,
})(
  class {
    link = injectWinkLink(options);
    constructor() {
      hook = this.link;
    }
  },
);

// In an app built with the Angular CLI (AOT), `slot = viewChild<ElementRef>('slot')` and
// `container: this.slot` is the idiom; JIT without the CLI's transform cannot see signal
// queries, so this one finds its element through its host (after the first render too).
const Inline = Component({ selector: 'app-inline', template: '<div data-testid="slot"></div>' })(
  class {
    host: ElementRef<Element> = inject(ElementRef);
    link = injectWinkLink(() => ({
      ...options(),
      container: () => this.host.nativeElement.querySelector('[data-testid=slot]'),
    }));
    constructor() {
      hook = this.link;
    }
  },
);

function create(component: typeof Connect, made: InjectWinkLinkOptions | (() => InjectWinkLinkOptions)) {
  options = typeof made === 'function' ? made : () => made;
  TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
  const fixture = TestBed.createComponent(component);
  document.body.append(fixture.nativeElement);
  fixture.detectChanges(); // the first render, as bootstrapping an app does
  return fixture;
}

const { settle, widgetSays } = bindingKit(() => TestBed.inject(ApplicationRef).tick());

describe('injectWinkLink (Angular)', () => {
  it('one hidden widget after the first render, shown at once on click, nothing left after destroy', async () => {
    const fetchToken = tokenFetcher();
    const before = listeners.describe();
    const fixture = create(Connect, { widgetUrl: WIDGET_URL, fetchToken });
    expect(hook.state()).toBe('idle');
    expect(fetchToken).not.toHaveBeenCalled();
    await settle();
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(shown()).toHaveLength(0);
    await widgetSays('ready');
    expect(hook.ready()).toBe(true);
    expect(button().disabled).toBe(false);
    expect(button().textContent).toBe('Connect (open)');
    button().click();
    expect(shown()).toHaveLength(1);
    expect(fetchToken).toHaveBeenCalledTimes(1);

    fixture.destroy();
    expect(document.querySelectorAll('wink-link, iframe, [inert]')).toHaveLength(0);
    expect(document.documentElement.getAttribute('style')).toBeNull();
    expect(listeners.describe()).toEqual(before);
    expect(consoleErrors).toEqual([]);
  });

  it('options through a getter: the latest callback gets the event; change detection never refetches', async () => {
    const fetchToken = tokenFetcher();
    const onAccountConnected = signal(vi.fn());
    const first = onAccountConnected();
    create(Connect, () => ({ widgetUrl: WIDGET_URL, fetchToken, onAccountConnected: onAccountConnected() }));
    await settle();
    await widgetSays('ready');
    onAccountConnected.set(vi.fn());
    for (let i = 0; i < 3; i++) await settle();
    await widgetSays('accountConnected', { accountId: 'acc_1', userId: 'u_1', providerId: 'p_1' });
    expect(first).not.toHaveBeenCalled();
    expect(onAccountConnected()).toHaveBeenCalledTimes(1);
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('after a close, the next launch is prepared with a fresh token; a close that destroys the component fetches none', async () => {
    const fetchToken = tokenFetcher();
    create(Connect, { widgetUrl: WIDGET_URL, fetchToken });
    await settle();
    await widgetSays('ready');
    button().click();
    await widgetSays('close', { reason: 'close' });
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(shown()).toHaveLength(0);
    await widgetSays('ready');
    expect(new Set(widget.tokens()).size).toBe(2);
    TestBed.resetTestingModule();
    expect(frames()).toHaveLength(0);

    const leaving = tokenFetcher();
    const fixture = create(Connect, { widgetUrl: WIDGET_URL, fetchToken: leaving, onClose: () => fixture.destroy() });
    await settle();
    await widgetSays('ready');
    button().click();
    await widgetSays('close', { reason: 'exit' });
    expect(leaving).toHaveBeenCalledTimes(1);
    expect(frames()).toHaveLength(0);
  });

  it('inline in an element of the component; a container that is not there is one INVALID_OPTIONS error', async () => {
    create(Inline, { widgetUrl: WIDGET_URL, fetchToken: tokenFetcher() });
    await settle();
    expect(hook.error()).toBeNull();
    expect(document.querySelector('[data-testid=slot] > wink-link')?.getAttribute('data-mode')).toBe('inline');
    TestBed.resetTestingModule();

    const onError = vi.fn();
    create(Connect, { widgetUrl: WIDGET_URL, fetchToken: tokenFetcher(), container: () => undefined, onError });
    await settle();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(hook.error()).toMatchObject({ code: 'INVALID_OPTIONS', message: expect.stringMatching(/container ref/) });
    expect(document.querySelector('[role=alert]')?.textContent).toMatch(/container ref/);
  });
});
