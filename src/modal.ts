/**
 * What a modal dialog owes the page behind it, written out one duty at a time (after
 * a11y-dialog): the page is inert and cannot scroll, Escape closes, and on release focus,
 * scroll position and every inline style we touched are restored exactly.
 */
export interface PageHold {
  release(): void;
}

type SavedStyle = [CSSStyleDeclaration, string, string, string];

function setStyle(saved: SavedStyle[], style: CSSStyleDeclaration, name: string, value: string) {
  saved.push([style, name, style.getPropertyValue(name), style.getPropertyPriority(name)]);
  style.setProperty(name, value, 'important');
}

export function holdPage(doc: Document, host: Element, onEscape: () => void): PageHold {
  const win = doc.defaultView!;
  const opener = doc.activeElement as HTMLElement | null;
  const { scrollX, scrollY } = win;

  // Inert: everything beside the modal leaves the tab order and the accessibility tree.
  // Only elements we made inert are made ert again.
  const madeInert: HTMLElement[] = [];
  for (const sibling of Array.from(doc.body.children)) {
    if (sibling !== host && sibling instanceof win.HTMLElement && !sibling.inert) {
      sibling.inert = true;
      madeInert.push(sibling);
    }
  }

  // Scroll lock, keeping the layout still where a scrollbar disappears. CSSOM writes, unlike
  // style attributes, are allowed under a strict CSP.
  const saved: SavedStyle[] = [];
  const scrollbar = win.innerWidth - doc.documentElement.clientWidth;
  setStyle(saved, doc.documentElement.style, 'overflow', 'hidden');
  if (scrollbar > 0) {
    const padding = parseFloat(win.getComputedStyle(doc.body).paddingRight) || 0;
    setStyle(saved, doc.body.style, 'padding-right', `${padding + scrollbar}px`);
  }

  // Escape from the host page (inside the cross-origin widget, the widget forwards it).
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onEscape();
  };
  doc.addEventListener('keydown', onKeyDown, true);

  return {
    release() {
      doc.removeEventListener('keydown', onKeyDown, true);
      for (const [style, name, value, priority] of saved.reverse()) {
        if (value) style.setProperty(name, value, priority);
        else style.removeProperty(name);
      }
      for (const element of madeInert) element.inert = false;
      win.scrollTo(scrollX, scrollY);
      if (opener?.isConnected && typeof opener.focus === 'function') opener.focus({ preventScroll: true });
    },
  };
}
