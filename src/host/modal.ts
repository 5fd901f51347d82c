/**
 * What a modal dialog owes the page behind it, written out one duty at a time (after
 * a11y-dialog): the page is inert and cannot scroll, Escape closes the top-most dialog, and
 * when the last dialog goes, focus, scroll position and every inline style we touched are
 * restored exactly. Several links may be open at once (a double-clicked button), from several
 * copies of the SDK (a script tag and a bundle): the page is locked by the first and released
 * by the last, in whatever order they close.
 */
export interface PageLock {
  release(): void;
}

type Restore = () => void;

/**
 * The page lock's bookkeeping, shared by every copy of wink-link on the document: kept per copy,
 * a second copy would save the first one's `overflow: hidden` as the page's own and restore it
 * after both closed. Its shape is a contract between versions: a change takes a new key (v2).
 */
interface Registry {
  /** The open modals' host elements, bottom to top. */
  open: HTMLElement[];
  /** Set by the first modal to open, called by the last to close. */
  unlock?: Restore;
}

const registry = (doc: Document): Registry =>
  ((doc as unknown as Record<symbol, Registry>)[Symbol.for('wink-link.page-lock.v1')] ??= { open: [] });

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

/** What locking the page must know of it: what opened the dialog, the scroll, the scrollbar. */
export interface PageState {
  /**
   * To give focus back to, the first that takes it: what had focus (keyboard use), or, when that
   * is <body>, the target of the event being handled and its ancestors, shadow roots included (a
   * click in Safari and Firefox on macOS, which do not focus a clicked button; a span in a button).
   * A link opened later than in the click's own handler (after an await) has no event to ask:
   * there focus goes back to what had it, as before. Partial: an unrelated event's path may hold
   * the window or a document (a link opened in a `message` handler).
   */
  opener: Partial<HTMLElement>[];
  scrollX: number;
  scrollY: number;
  scrollbar: number;
  padding: number;
}

/**
 * Reads the page before our element goes in: every read before the first write, since a
 * measure after a write forces a layout (here, of the whole new modal: a launch's largest
 * avoidable cost, bench/latency.js).
 */
export function measurePage(doc: Document): PageState {
  const win = doc.defaultView!;
  const scrollbar = win.innerWidth - doc.documentElement.clientWidth;
  const active = doc.activeElement;
  return {
    opener: (active && active !== doc.body ? [active] : (win.event?.composedPath() ?? [])) as Partial<HTMLElement>[],
    scrollX: win.scrollX,
    scrollY: win.scrollY,
    scrollbar,
    padding: scrollbar > 0 ? parseFloat(win.getComputedStyle(doc.body).paddingRight) || 0 : 0,
  };
}

/**
 * Scroll lock and inert background, undone exactly, focus given back to what had it before
 * the first dialog opened; modal hosts are handled by `stack`. Inert: the siblings of `host`
 * and of each of its ancestors up to <body>. Inside a host's modal <dialog>, the rest of the
 * page is already inert (the browser's doing), and the dialog's own content becomes so.
 */
function freezePage(doc: Document, host: Element, open: Element[], page: PageState): Restore {
  const win = doc.defaultView!;
  const { opener, scrollX, scrollY, scrollbar, padding } = page;
  const undo: Restore[] = [];
  for (let node = host; node !== doc.body && node.parentElement; node = node.parentElement) {
    for (const child of Array.from(node.parentElement.children)) {
      if (child !== node && child instanceof win.HTMLElement && !child.inert && !open.includes(child)) {
        child.inert = true;
        undo.push(() => (child.inert = false));
      }
    }
  }
  undo.push(setStyle(doc.documentElement, 'overflow', 'hidden', ['overflow-x', 'overflow-y']));
  // Keep the layout still where the scrollbar disappears.
  if (scrollbar > 0) undo.push(setStyle(doc.body, 'padding-right', `${padding + scrollbar}px`));
  return () => {
    for (const restore of undo.reverse()) restore();
    win.scrollTo(scrollX, scrollY);
    for (const element of opener) {
      if (!element.isConnected) continue;
      element.focus?.({ preventScroll: true });
      if (element.matches?.(':focus')) break;
    }
  };
}

/** Only the top-most dialog is live; those under it are inert until it closes. */
function stack(open: HTMLElement[]) {
  for (const [index, host] of open.entries()) host.inert = index !== open.length - 1;
}

export function lockPage(doc: Document, host: HTMLElement, page: PageState, onEscape: () => void): PageLock {
  const lock = registry(doc);
  const { open } = lock;
  open.push(host);
  lock.unlock ??= freezePage(doc, host, open, page);
  stack(open);

  // Escape on the host page; inside the cross-origin widget, the widget forwards it. On the
  // window, capturing: before the page's own document listeners (a focus trap's, a dialog
  // library's), so Escape closes ours, not the host's modal under it.
  const win = doc.defaultView!;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || open[open.length - 1] !== host) return;
    event.preventDefault();
    event.stopPropagation();
    onEscape();
  };
  win.addEventListener('keydown', onKeyDown, true);

  return {
    release() {
      win.removeEventListener('keydown', onKeyDown, true);
      const index = open.indexOf(host);
      if (index < 0) return;
      open.splice(index, 1);
      host.inert = false;
      stack(open);
      if (open.length > 0) return;
      // Forgotten before it runs: giving focus back runs the page's focus handlers, and a link
      // they open must lock the page anew.
      const unlock = lock.unlock;
      lock.unlock = undefined;
      unlock?.();
    },
  };
}
