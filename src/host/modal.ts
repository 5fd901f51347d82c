/**
 * What a modal dialog owes the page behind it, written out one duty at a time (after
 * a11y-dialog): the page is inert and cannot scroll, Escape closes the top-most dialog, and
 * when the last dialog goes, focus, scroll position and every inline style we touched are
 * restored exactly. Several links may be open at once (a double-clicked button): the page is
 * locked by the first and released by the last, in whatever order they close.
 */
export interface PageHold {
  release(): void;
}

type Restore = () => void;

const open: Element[] = [];
let unlockPage: Restore | undefined;

/**
 * Sets an inline style (CSSOM: allowed under a strict CSP) and returns its exact undo. A
 * shorthand is saved with its longhands, each with its own value and priority, and restored
 * in that order: the shorthand alone would lose a page's lone `overflow-y`.
 */
function setStyle(element: HTMLElement, name: string, value: string, longhands: string[] = []): Restore {
  const { style } = element;
  const hadAttribute = element.hasAttribute('style');
  const saved = [name, ...longhands].map((property) => [
    property,
    style.getPropertyValue(property),
    style.getPropertyPriority(property),
  ]);
  style.setProperty(name, value, 'important');
  return () => {
    for (const [property, previous, priority] of saved) {
      if (previous) style.setProperty(property!, previous, priority);
      else style.removeProperty(property!);
    }
    if (!hadAttribute && style.length === 0) {
      // Chromium serialises CSSOM changes into the attribute lazily: read it first, or the
      // removal runs before the attribute exists and an empty one appears afterwards.
      element.getAttribute('style');
      element.removeAttribute('style');
    }
  };
}

/**
 * Scroll lock and inert background, undone exactly, focus given back to what had it before
 * the first dialog opened; modal hosts are handled by `stack`.
 */
function lockPage(doc: Document): Restore {
  const win = doc.defaultView!;
  const opener = doc.activeElement as HTMLElement | null;
  const { scrollX, scrollY } = win;
  // Every read before the first write: measuring after a write would force another layout.
  const scrollbar = win.innerWidth - doc.documentElement.clientWidth;
  const padding = scrollbar > 0 ? parseFloat(win.getComputedStyle(doc.body).paddingRight) || 0 : 0;
  const undo: Restore[] = [];
  for (const child of Array.from(doc.body.children)) {
    if (child instanceof win.HTMLElement && !child.inert && !open.includes(child)) {
      child.inert = true;
      undo.push(() => (child.inert = false));
    }
  }
  undo.push(setStyle(doc.documentElement, 'overflow', 'hidden', ['overflow-x', 'overflow-y']));
  // Keep the layout still where the scrollbar disappears.
  if (scrollbar > 0) undo.push(setStyle(doc.body, 'padding-right', `${padding + scrollbar}px`));
  return () => {
    for (const restore of undo.reverse()) restore();
    win.scrollTo(scrollX, scrollY);
    if (opener?.isConnected && typeof opener.focus === 'function') opener.focus({ preventScroll: true });
  };
}

/** Only the top-most dialog is live; those under it are inert until it closes. */
function stack() {
  for (const [index, host] of open.entries()) (host as HTMLElement).inert = index !== open.length - 1;
}

export function holdPage(doc: Document, host: HTMLElement, onEscape: () => void): PageHold {
  open.push(host);
  unlockPage ??= lockPage(doc);
  stack();

  // Escape on the host page; inside the cross-origin widget, the widget forwards it.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || open[open.length - 1] !== host) return;
    event.preventDefault();
    event.stopPropagation();
    onEscape();
  };
  doc.addEventListener('keydown', onKeyDown, true);

  return {
    release() {
      doc.removeEventListener('keydown', onKeyDown, true);
      const index = open.indexOf(host);
      if (index < 0) return;
      open.splice(index, 1);
      host.inert = false;
      stack();
      if (open.length > 0) return;
      unlockPage?.();
      unlockPage = undefined;
    },
  };
}
