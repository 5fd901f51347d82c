/**
 * What the bridge page shows when Smile's widget cannot run (its script missing, throwing, or
 * the page not configured): a small dialog of its own, so the user never faces a blank frame.
 * Built with DOM calls and CSSOM styles only: it runs under a strict CSP (no 'unsafe-inline',
 * Trusted Types enforced).
 */
function styled<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  css: Record<string, string>,
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  for (const [property, value] of Object.entries(css)) element.style.setProperty(property, value);
  element.append(...children);
  return element;
}

/** Shows `message` in a dialog over the page; with `onClose`, a Close button that calls it. */
export function showNotice(doc: Document, title: string, message: string, onClose?: () => void): HTMLElement {
  const heading = styled(doc, 'h1', { margin: '0 0 8px', 'font-size': '18px' }, title);
  heading.id = 'wink-bridge-notice-title';
  const card = styled(
    doc,
    'div',
    {
      background: '#fff',
      color: '#0f172a',
      'border-radius': '16px',
      padding: '24px',
      'max-width': '360px',
      margin: '16px',
      font: '15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif',
    },
    heading,
    styled(doc, 'p', { margin: '0 0 16px' }, message),
  );
  card.setAttribute('role', 'alertdialog');
  card.setAttribute('aria-labelledby', heading.id);
  card.tabIndex = -1;
  const overlay = styled(
    doc,
    'div',
    {
      position: 'fixed',
      inset: '0',
      display: 'flex',
      'align-items': 'center',
      'justify-content': 'center',
      background: 'rgba(15, 23, 42, 0.55)',
    },
    card,
  );
  overlay.dataset.winkBridge = 'notice';
  if (onClose) {
    const button = styled(
      doc,
      'button',
      { font: 'inherit', padding: '8px 16px', 'border-radius': '8px', border: '1px solid #cbd5e1', background: '#fff' },
      'Close',
    );
    button.type = 'button';
    button.addEventListener('click', onClose);
    card.append(button);
  }
  doc.body.append(overlay);
  (card.querySelector('button') ?? card).focus();
  return overlay;
}
