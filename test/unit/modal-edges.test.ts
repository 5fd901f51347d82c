/**
 * The modal's page hold at its edges: focus returns to the first opener when modals stack, and
 * the page is given back even when the page removed our element itself.
 */
import { describe, expect, it } from 'vitest';
import { controlledFetcher, flush, makeToken, openLink, useHarness, widget } from './harness';

useHarness();

function page() {
  const main = document.createElement('main');
  const opener = document.createElement('button');
  main.append(opener);
  document.body.append(main);
  opener.focus();
  return { main, opener };
}

describe('focus restore with two modals', () => {
  // Was a bug: open A from a button, then B over it (B's opener is A's element); close A, then B:
  // focus went nowhere (<body>), not back to the button that opened the first dialog, because
  // B's own opener was gone.
  it('closing two modals in opening order returns focus to the original opener', async () => {
    const { opener } = page();
    const a = openLink(controlledFetcher().fn).link;
    const b = openLink(controlledFetcher().fn).link;
    a.close();
    b.close();
    await flush();
    expect(document.activeElement).toBe(opener);
  });
});

describe('loading state after an iframe reload', () => {
  // Once the widget has its token, our close button is gone for good and the loading indicator is
  // not shown again when the widget reloads: the button is for a widget that never loads. A
  // widget that reloads and then hangs leaves the user with Escape only (which works only when
  // focus is on the host page). A characterisation test of that choice.
  it('after a reload the widget gets a fresh init (characterisation)', async () => {
    const fetchToken = controlledFetcher();
    const { link } = openLink(fetchToken.fn);
    await fetchToken.resolve(makeToken());
    widget.say('ready');
    await flush();
    widget.say('ready'); // reloaded
    await fetchToken.resolve(makeToken());
    expect(widget.all('init')).toHaveLength(2);
    expect(link.state).toBe('open');
  });
});

// Last in the file: should the bug come back, the page lock it leaks (shared by every link on the
// document) would spoil the tests after these.
describe('page hold release', () => {
  // Was a bug: when the page had removed our element itself (an SPA re-render of <body>, a router
  // that swaps body children, a "remove all overlays" helper), close() and destroy() did not give
  // the page back: it stayed inert and scroll-locked for good, our Escape handler stayed, and
  // every later modal inherited the stale lock.
  it('destroy() restores the page even if the host element was already removed from the DOM', () => {
    const { main } = page();
    const { link } = openLink(controlledFetcher().fn);
    expect(main.inert).toBe(true);
    document.querySelector('wink-link')!.remove(); // the page re-rendered <body>'s children
    link.destroy();
    expect(main.inert).toBe(false);
    expect(document.documentElement.style.getPropertyValue('overflow')).toBe('');
  });

  // What the same bug did to the next link: a later modal neither locked the page afresh nor gave
  // it back on close, since the removed one still counted as open: the page was unusable until
  // a full reload.
  it('a later modal unlocks the page on close after an earlier host was removed externally', () => {
    const { main } = page();
    const first = openLink(controlledFetcher().fn).link;
    document.querySelector('wink-link')!.remove();
    first.destroy();
    const second = openLink(controlledFetcher().fn).link;
    expect(main.inert).toBe(true); // the second modal holds the page while it is open
    second.close();
    expect(main.inert).toBe(false);
    expect(document.documentElement.style.getPropertyValue('overflow')).toBe('');
  });
});
