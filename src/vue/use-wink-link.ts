import {
  computed,
  isRef,
  type MaybeRefOrGetter,
  onMounted,
  onScopeDispose,
  type Ref,
  shallowRef,
  toValue,
  unref,
  watch,
} from 'vue';
import { createLinkOwner, displayKey, isReady, type LinkOwnerOptions, type LinkView } from '../bindings/owner.js';

export interface UseWinkLinkOptions extends Omit<LinkOwnerOptions, 'container'> {
  /** Inline mode: an element, a selector, or a template ref to an element this component renders. */
  container?: Element | string | null | Readonly<Ref<Element | null | undefined>>;
}

export interface UseWinkLink {
  /** Shows the widget (prepared, so at once). A no-op before mount and during server rendering. */
  open(): void;
  /** Closes the widget; the composable then prepares the next launch. */
  close(): void;
  /** The widget is loaded with its token: `open()` shows it at once. For `:disabled="!ready"`. */
  ready: Readonly<Ref<boolean>>;
  /** The link's state; `idle` before it is prepared (and always during server rendering). */
  state: Readonly<Ref<LinkView['state']>>;
  /** The latest error of the current link (also given to `onError`); cleared when a new one is prepared. */
  error: Readonly<Ref<LinkView['error']>>;
  /** The underlying handle, or null. */
  link: Readonly<Ref<LinkView['link']>>;
}

/**
 * Prepares a Wink Link for this component (Vue 3.3+, in `setup`): loaded out of sight on
 * mount, so `open()` is instant; destroyed with the component's scope; prepared again after each
 * close, and once when an option that changes what is shown changes (`options` may be a plain
 * object, a `reactive()` one, a ref or a getter; callbacks are read when called, so inline ones
 * are fine). During server rendering nothing is prepared and nothing of the browser is touched.
 */
export function useWinkLink(options: MaybeRefOrGetter<UseWinkLinkOptions>): UseWinkLink {
  const state = shallowRef<LinkView['state']>('idle');
  const error = shallowRef<LinkView['error']>(null);
  const link = shallowRef<LinkView['link']>(null);
  const read = (): LinkOwnerOptions => {
    const latest = toValue(options);
    // A template ref is read when preparing (after mount): its element, or null if unattached.
    const { container } = latest;
    return { ...latest, container: isRef(container) ? (unref(container) ?? null) : container };
  };
  const owner = createLinkOwner(read, (change) => {
    if (change.state !== undefined) state.value = change.state;
    if (change.error !== undefined) error.value = change.error;
    if (change.link !== undefined) link.value = change.link;
  });
  let cleanup: (() => void) | undefined;
  onMounted(() => {
    cleanup = owner.mount();
  });
  // What is shown changed (compared by value) or the container did: one new link.
  watch([() => displayKey(toValue(options)), () => toValue(options).container], () => {
    if (!cleanup) return;
    cleanup();
    cleanup = owner.mount();
  });
  // After the render that follows a close: if that render unmounted the component (a route
  // change in onClose), the scope is gone and no token is fetched for a link nobody sees.
  watch(state, (now) => now === 'closed' && owner.renew(), { flush: 'post' });
  onScopeDispose(() => {
    cleanup?.();
    cleanup = undefined;
  });
  return { open: owner.open, close: owner.close, ready: computed(() => isReady(state.value)), state, error, link };
}
