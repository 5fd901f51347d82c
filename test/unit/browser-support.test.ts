/**
 * What an older browser gets (docs/guide/browsers.md): without `inert`, open() and prepare()
 * refuse with UNSUPPORTED_BROWSER naming it, before anything is mounted or locked. (Focus back
 * to a clicked button Safari did not focus is tested in real browsers, test/e2e/a11y-focus:
 * happy-dom has no `window.event`.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WinkLink, WinkLinkError } from '../../src/host/index';
import { controlledFetcher, listeners, makeToken, openLink, useHarness, WIDGET_URL } from './harness';

useHarness();

describe('a browser without HTMLElement.inert', () => {
  const inert = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'inert')!;
  afterEach(() => Object.defineProperty(HTMLElement.prototype, 'inert', inert));

  for (const call of ['open', 'prepare'] as const) {
    it(`${call}() throws UNSUPPORTED_BROWSER naming inert and the versions, leaving the page untouched`, () => {
      const main = document.body.appendChild(document.createElement('main'));
      const before = document.documentElement.outerHTML;
      delete (HTMLElement.prototype as { inert?: boolean }).inert;
      const fetchToken = vi.fn(async () => makeToken());
      let caught: unknown;
      try {
        WinkLink[call](fetchToken, { widgetUrl: WIDGET_URL });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(WinkLinkError);
      expect(caught).toMatchObject({
        code: 'UNSUPPORTED_BROWSER',
        message: expect.stringMatching(/inert.*Safari 16/),
      });
      expect(fetchToken).not.toHaveBeenCalled();
      expect(document.documentElement.outerHTML).toBe(before); // no element, no inert, no scroll lock
      expect(main.hasAttribute('inert')).toBe(false);
      expect(listeners.describe()).toEqual([]);
    });
  }

  it('control: with inert, open() mounts the modal', () => {
    openLink(controlledFetcher().fn);
    expect(document.querySelectorAll('wink-link')).toHaveLength(1);
  });
});
