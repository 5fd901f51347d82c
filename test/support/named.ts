// Finding elements as a user does, by role and accessible name, on the page-driver layer (what
// Playwright's getByRole did): a CSS selector for the role, and the name an element shows —
// aria-labelledby's text, else aria-label, else its own text less aria-hidden parts, whitespace
// folded. Only rendered elements count (as for a user, and for getByRole).
import { expect } from 'vitest';
import { type Context, waitFor } from './driver';

/** CSS for the roles the tests ask for (native elements and their ARIA spellings). */
export const ROLE = {
  button: 'button, [role=button]',
  heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
  dialog: 'dialog, [role=dialog]',
  searchbox: 'input[type=search], [role=searchbox]',
} as const;

/** Text the name contains (any case, as getByRole's default), or a pattern it matches. */
export type Name = string | RegExp;
type WireName = { part: string } | { source: string; flags: string };
const wire = (name: Name): WireName =>
  typeof name === 'string' ? { part: name.toLowerCase() } : { source: name.source, flags: name.flags };

/**
 * Marks the elements matching `selector` and named `name` with `data-e2e-named` and returns how
 * many there are: `[data-e2e-named]` then selects them (for a click with real input).
 */
function mark(target: Context, selector: string, name: Name): Promise<number> {
  return target.evaluate(
    ([selector, name]) => {
      const text = (el: Element | null) => {
        const copy = el?.cloneNode(true) as Element | undefined;
        for (const hidden of copy?.querySelectorAll('[aria-hidden=true]') ?? []) hidden.remove();
        return (copy?.textContent ?? '').replace(/\s+/g, ' ').trim();
      };
      const nameOf = (el: Element) => {
        const by = el.getAttribute('aria-labelledby');
        if (by)
          return by
            .split(' ')
            .map((id) => text(document.getElementById(id)))
            .join(' ');
        return el.getAttribute('aria-label') ?? text(el);
      };
      const matches = (n: string) =>
        'part' in name ? n.toLowerCase().includes(name.part) : new RegExp(name.source, name.flags).test(n);
      for (const el of document.querySelectorAll('[data-e2e-named]')) el.removeAttribute('data-e2e-named');
      const found = [...document.querySelectorAll(selector)].filter(
        (el) => el.checkVisibility() && matches(nameOf(el)),
      );
      for (const el of found) el.setAttribute('data-e2e-named', '');
      return found.length;
    },
    [selector, wire(name)] as const,
  );
}

/** How many rendered `selector` elements are named `name` (now, no waiting). */
export const countNamed = (target: Context, selector: string, name: Name = /.*/): Promise<number> =>
  mark(target, selector, name);

/** Waits until a rendered `selector` element named `name` is there. */
export async function waitNamed(target: Context, selector: string, name: Name, timeout = 15_000): Promise<void> {
  await expect
    .poll(() => mark(target, selector, name), { timeout, message: `${selector} named ${name}` })
    .toBeGreaterThan(0);
}

/**
 * Clicks the rendered `selector` element named `name` with real mouse input, waiting for it. A
 * page that redraws between finding and clicking (a widget that renders twice) is tried again.
 */
export async function clickNamed(target: Context, selector: string, name: Name): Promise<void> {
  await waitFor(
    `${selector} named ${name} to click`,
    async () =>
      (await mark(target, selector, name)) > 0 &&
      target.click('[data-e2e-named]').then(
        () => true,
        () => false,
      ),
    15_000,
  );
}

/** The text of every `selector` element, in document order (Playwright's allTextContents). */
export const texts = (target: Context, selector: string): Promise<string[]> =>
  target.evaluate((s) => [...document.querySelectorAll(s)].map((el) => el.textContent ?? ''), selector);

/** The document's rendered text (hidden elements left out), to wait for a message to show or go. */
export const visibleText = (target: Context): Promise<string> =>
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point (hidden parts left out)
  target.evaluate(() => document.body.innerText);
