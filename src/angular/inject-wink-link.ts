import { afterNextRender, computed, DestroyRef, inject, type Signal, signal } from '@angular/core';
import { createLinkOwner, IDLE, isReady, type LinkOwnerOptions, type LinkView } from '../bindings/owner.js';

/** Angular's ElementRef, typed structurally (no class is imported at run time). */
interface NativeElementRef {
  readonly nativeElement: Element;
}

export interface InjectWinkLinkOptions extends Omit<LinkOwnerOptions, 'container'> {
  /** Inline mode: an element, a selector, or a `viewChild('slot')` signal (read after the first render). */
  container?: Element | string | (() => Element | NativeElementRef | null | undefined);
}

export interface InjectWinkLink {
  /** Shows the widget (prepared, so at once). A no-op before the first render and on the server. */
  open(): void;
  /** Closes the widget; the next launch is then prepared. */
  close(): void;
  /** The widget is loaded with its token: `open()` shows it at once. For `[disabled]="!link.ready()"`. */
  ready: Signal<boolean>;
  /** The link's state; `idle` before it is prepared (and always on the server). */
  state: Signal<LinkView['state']>;
  /** The latest error of the current link (also given to `onError`); cleared when a new one is prepared. */
  error: Signal<LinkView['error']>;
  /** The underlying handle, or null. */
  link: Signal<LinkView['link']>;
}

/**
 * Prepares a Wink Link for this component (Angular 17+, in an injection context: a field
 * initializer or the constructor). Loaded out of sight after the first render (`afterNextRender`,
 * which never runs on the server), so `open()` is instant; destroyed with the component
 * (`DestroyRef`); prepared again after each close. `options` may be a getter, read at each
 * launch and each event: callbacks and fetchToken may come from inputs or signals.
 */
export function injectWinkLink(options: InjectWinkLinkOptions | (() => InjectWinkLinkOptions)): InjectWinkLink {
  const view = signal<LinkView>(IDLE);
  const read = (): LinkOwnerOptions => {
    const latest = typeof options === 'function' ? options() : options;
    const { container } = latest;
    if (typeof container !== 'function') return { ...latest, container };
    const found = container();
    return { ...latest, container: found && 'nativeElement' in found ? found.nativeElement : (found ?? null) };
  };
  const owner = createLinkOwner(read, (change) => {
    view.update((current) => ({ ...current, ...change }));
    if (change.state === 'closed') owner.renewSoon();
  });
  let cleanup: (() => void) | undefined;
  afterNextRender(() => {
    cleanup = owner.mount();
  });
  inject(DestroyRef).onDestroy(() => {
    cleanup?.();
    cleanup = undefined;
  });
  const state = computed(() => view().state);
  return {
    open: owner.open,
    close: owner.close,
    ready: computed(() => isReady(state())),
    state,
    error: computed(() => view().error),
    link: computed(() => view().link),
  };
}
