// What the framework bindings' tests share (Vue, Svelte, Angular): letting the framework
// render between steps, and readers of what the page holds.
import { vi } from 'vitest';
import { flush, makeToken, widget } from './harness';

/** `settle` lets the framework render (`render`), the deferred prepare, the token fetch and a
 * renew (a macrotask after a close) run; `widgetSays` has the widget say something, then settles. */
export function bindingKit(render: () => unknown) {
  const settle = async () => {
    await render();
    await flush();
    await new Promise((resolve) => setTimeout(resolve));
    await flush();
    await render();
  };
  return {
    settle,
    async widgetSays(type: string, payload: unknown = {}) {
      widget.say(type, payload);
      await settle();
    },
  };
}

export const frames = () => document.querySelectorAll('wink-link');
/** The links' elements out of hiding (a prepared link is hidden until open()). */
export const shown = () => [...frames()].filter((host) => !host.hasAttribute('data-hidden'));
export const tokenFetcher = () => vi.fn(async () => makeToken());
export const button = () => document.querySelector('button')!;
