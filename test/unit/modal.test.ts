import { describe, expect, it, vi } from 'vitest';
import { controlledFetcher, flush, makeToken, openLink, useHarness, widget } from './harness';

useHarness();

/** A host page: a header, a main with the opener button, a footer already inert. */
function page() {
  const header = document.createElement('header');
  const main = document.createElement('main');
  const footer = document.createElement('footer');
  footer.inert = true;
  const opener = document.createElement('button');
  opener.textContent = 'Connect payroll';
  main.append(opener);
  document.body.append(header, main, footer);
  opener.focus();
  return { header, main, footer, opener };
}

const shadow = () => document.querySelector('wink-link')!.shadowRoot!;
const dialog = () => shadow().querySelector<HTMLElement>('[role=dialog]')!;
const loading = () => shadow().querySelector<HTMLElement>('[role=status]')!;
/** The focused element, looking into the modal's shadow root. */
const focused = () => {
  const active = document.activeElement;
  return active?.shadowRoot?.activeElement ?? active;
};

describe('the modal', () => {
  it('is a labelled, modal dialog in an open shadow root', () => {
    openLink(controlledFetcher().fn, { labels: { title: 'Connect your bank' } });
    const host = document.querySelector('wink-link')!;
    expect(host.parentElement).toBe(document.body);
    expect(host.getAttribute('data-mode')).toBe('modal');
    expect(host.shadowRoot).not.toBeNull();
    expect(dialog().getAttribute('aria-modal')).toBe('true');
    expect(dialog().getAttribute('aria-label')).toBe('Connect your bank');
    expect(shadow().querySelector('iframe')!.getAttribute('title')).toBe('Connect your bank');
  });

  it('shows a loading indicator (and a close button) until the widget is ready', async () => {
    const fetchToken = controlledFetcher();
    const { link } = openLink(fetchToken.fn);
    expect(loading().hidden).toBe(false);
    expect(shadow().querySelector('button.close')).not.toBeNull();
    widget.say('ready');
    expect(loading().hidden).toBe(false); // ready, but no token yet
    await fetchToken.resolve(makeToken());
    expect(link.state).toBe('open');
    expect(loading().hidden).toBe(true);
  });

  it('the close button closes with reason "button"', () => {
    const onClose = vi.fn();
    const { link } = openLink(controlledFetcher().fn, { onClose });
    shadow().querySelector<HTMLButtonElement>('button.close')!.click();
    expect(onClose).toHaveBeenCalledWith({ reason: 'button' });
    expect(link.state).toBe('closed');
  });

  it('moves focus in, and restores it to the opener on close', async () => {
    const { opener } = page();
    expect(document.activeElement).toBe(opener);
    const fetchToken = controlledFetcher();
    const { link } = openLink(fetchToken.fn);
    expect(document.activeElement).not.toBe(opener);
    expect(dialog().contains(focused() as Node)).toBe(true);
    widget.say('ready');
    await fetchToken.resolve(makeToken());
    expect(focused()).toBe(shadow().querySelector('iframe'));
    link.close();
    expect(document.activeElement).toBe(opener);
  });

  it('Escape closes with reason "escape"; other keys do not', () => {
    const onClose = vi.fn();
    const { link } = openLink(controlledFetcher().fn, { onClose });
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(link.state).toBe('fetching');
    const escapeKey = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    document.body.dispatchEvent(escapeKey);
    expect(escapeKey.defaultPrevented).toBe(true);
    expect(link.state).toBe('closed');
    expect(onClose).toHaveBeenCalledWith({ reason: 'escape' });
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('makes the page siblings inert, and restores only those it changed', () => {
    const { header, main, footer } = page();
    const { link } = openLink(controlledFetcher().fn);
    expect([header.inert, main.inert, footer.inert]).toEqual([true, true, true]);
    expect(document.querySelector('wink-link')!.hasAttribute('inert')).toBe(false);
    link.close();
    expect([header.inert, main.inert, footer.inert]).toEqual([false, false, true]);
  });

  it.each([
    ['no inline overflow', null],
    ['overflow: scroll', 'overflow: scroll;'],
    ['overflow: auto !important', 'overflow: auto !important;'],
  ])('locks scrolling (html overflow hidden) and restores %s exactly', (_, style) => {
    const html = document.documentElement;
    if (style) html.setAttribute('style', style);
    const before = [html.style.getPropertyValue('overflow'), html.style.getPropertyPriority('overflow')];
    const { link } = openLink(controlledFetcher().fn);
    expect(html.style.getPropertyValue('overflow')).toBe('hidden');
    link.destroy();
    expect([html.style.getPropertyValue('overflow'), html.style.getPropertyPriority('overflow')]).toEqual(before);
    if (!style) expect(html.getAttribute('style') ?? '').toBe('');
  });

  it('two links at once, closed last-opened first: the page is held until both close', () => {
    const { main } = page();
    const first = openLink(controlledFetcher().fn).link;
    const second = openLink(controlledFetcher().fn).link;
    second.close();
    expect([document.documentElement.style.getPropertyValue('overflow'), main.inert]).toEqual(['hidden', true]);
    first.close();
    expect([document.documentElement.style.getPropertyValue('overflow'), main.inert]).toEqual(['', false]);
  });

  // Was a bug, fixed in 0276209 ("two modals closed out of order"): each modal saves and restores
  // the page state on its own, so closing the first-opened one unlocks the page under the
  // second, and closing the second then re-locks it for good (overflow: hidden !important).
  it('two links at once, closed first-opened first: held until both close, then fully restored', () => {
    const { main } = page();
    const first = openLink(controlledFetcher().fn).link;
    const second = openLink(controlledFetcher().fn).link;
    first.close();
    expect([document.documentElement.style.getPropertyValue('overflow'), main.inert]).toEqual(['hidden', true]);
    second.close();
    expect([document.documentElement.style.getPropertyValue('overflow'), main.inert]).toEqual(['', false]);
  });

  it('with two modals, Escape closes only the top-most one', () => {
    page();
    const first = openLink(controlledFetcher().fn).link;
    const second = openLink(controlledFetcher().fn).link;
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect([first.state, second.state]).toEqual(['fetching', 'closed']);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect([first.state, second.state]).toEqual(['closed', 'closed']);
  });

  it('inline mode holds nothing: no inert, no scroll lock, no Escape', async () => {
    const { header, main } = page();
    const container = document.createElement('div');
    main.append(container);
    const { link } = openLink(controlledFetcher().fn, { container });
    expect([header.inert, main.inert]).toEqual([false, false]);
    expect(document.documentElement.style.getPropertyValue('overflow')).toBe('');
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flush();
    expect(link.state).toBe('fetching');
  });
});
