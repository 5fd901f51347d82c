/**
 * The bridge page belongs to the bridge: whatever Smile's SDK adds to it is the SDK's, and goes
 * when its widget goes. Smile documents no close(), destroy() or container option (only
 * `open()`: SmileAPI/smile-openapi docs/english/api-reference/Chapter-4.md), so the bridge keeps
 * its own record instead: the nodes `<html>` and `<body>` held, and their `style` and `class`,
 * before Smile's widget first ran. Clearing removes every node added to either since (wherever
 * in them the SDK mounted its modal) and restores both attributes (a scroll lock it set).
 * `<head>` is left alone: styles the SDK injects once may be needed by its next widget.
 */
export interface OwnedPage {
  /** Removes what was added to `<html>` and `<body>` since, restores their style and class. */
  clear(): void;
}

export function ownPage(doc: Document): OwnedPage {
  const roots = [doc.documentElement, doc.body].map((element) => ({
    element,
    style: element.getAttribute('style'),
    className: element.getAttribute('class'),
  }));
  const kept = new Set<Node>(roots.flatMap(({ element }) => Array.from(element.childNodes)));
  return {
    clear() {
      for (const { element, style, className } of roots) {
        for (const node of Array.from(element.childNodes)) if (!kept.has(node)) node.remove();
        // Through the CSSOM: a strict CSP (no 'unsafe-inline') blocks setAttribute('style', …).
        if (style === null) element.removeAttribute('style');
        else element.style.cssText = style;
        if (className === null) element.removeAttribute('class');
        else element.setAttribute('class', className);
      }
    },
  };
}
