import { lockPage, measurePage, type PageLock } from './modal.js';
import type { Labels } from './options.js';
import { CSS } from './styles.js';

/**
 * The widget's frame on the host page: a shadow root (host CSS cannot reach in), the iframe,
 * and a loading indicator until the widget is ready. Modal by default; inline in a container.
 */
export interface Frame {
  /** Our element on the page (`<wink-link>`, holding the shadow root). */
  readonly host: HTMLElement;
  /** In the document only once its URL is known (`url`, or `load`): inserted without one, it
   * would load about:blank with its sandbox flags, same-origin with the page, and Chrome warns. */
  readonly iframe: HTMLIFrameElement;
  /** Starts loading the widget page: puts the iframe in, with its URL. */
  load(url: string): void;
  /** The widget has its token: hides the loading indicator, moves focus into the widget (modal). */
  reveal(): void;
  /** Shows a frame mounted `hidden` (prepared in the background) and locks the page. */
  show(): void;
  /** Inline mode: follow the widget's content height. */
  setHeight(px: number): void;
  /** Removes every node and restores the page. Idempotent. */
  remove(): void;
}

export interface FrameOptions {
  container?: Element;
  /** Modal only: `'none'` shows the widget full-viewport, without the card (it draws its own dialog). */
  chrome?: 'card' | 'none';
  labels: Labels;
  /** Mount invisibly: the widget loads, but the page is not held until `show()`. */
  hidden?: boolean;
  /** The widget page, when known now; else the iframe waits for `load` (the loading
   * indicator shows meanwhile). */
  url?: string;
  onDismiss: (reason: 'escape' | 'button') => void;
}

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** A widget ready sooner than this never shows the spinner (the "Loading…" text shows at once). */
const SPINNER_DELAY_MS = 400;

/** One parsed stylesheet per document, shared by every link's shadow root: parsing costs a launch ~0.3 ms. */
const sheets = new WeakMap<Document, CSSStyleSheet>();

function adoptStyles(doc: Document, root: ShadowRoot) {
  const win = doc.defaultView!;
  // adoptedStyleSheets and replaceSync shipped together (Chrome 73, Firefox 101, Safari 16.4).
  if ('adoptedStyleSheets' in root) {
    let sheet = sheets.get(doc);
    if (!sheet) {
      sheet = new win.CSSStyleSheet();
      sheet.replaceSync(CSS);
      sheets.set(doc, sheet);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    // Browsers without constructable stylesheets (Safari 16.0-16.3): needs style-src 'unsafe-inline'.
    // (TypeScript's DOM types have them everywhere, so `root` reads as `never` here.)
    (root as ShadowRoot).append(el(doc, 'style', {}, doc.createTextNode(CSS)));
  }
}

export function mountFrame(doc: Document, options: FrameOptions): Frame {
  const inline = options.container !== undefined;
  const host = el(doc, 'wink-link' as 'div', {
    'data-mode': inline ? 'inline' : 'modal',
    'data-chrome': options.chrome ?? 'card',
  });
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(doc, root);

  const iframe = el(doc, 'iframe', {
    title: options.labels.title,
    // The widget needs its own origin (storage, our origin check) and may open provider
    // log-in popups; it may not navigate the host page. No `allow`: no powerful features.
    sandbox: 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox',
    referrerpolicy: 'strict-origin',
  });
  const loading = el(
    doc,
    'div',
    { class: 'loading', role: 'status' },
    el(doc, 'div', { class: 'spinner', 'aria-hidden': 'true' }),
    doc.createTextNode(options.labels.loading),
  );
  // Only a slow load shows the spinner: a turning one costs frames that the widget's own load
  // needs (~5% of a launch on a slow machine, bench/latency.js).
  const spinnerTimer = setTimeout(() => loading.classList.add('slow'), SPINNER_DELAY_MS);
  const closeButton = el(
    doc,
    'button',
    { class: 'close', type: 'button', 'aria-label': options.labels.close },
    doc.createTextNode('×'),
  );
  closeButton.addEventListener('click', () => options.onDismiss('button'));

  let pageLock: PageLock | undefined;
  let panel: HTMLElement;
  let backdrop: HTMLElement | undefined;
  let isReady = false;
  if (inline) {
    panel = el(doc, 'div', { class: 'inline', role: 'region', 'aria-label': options.labels.title }, loading);
    root.append(panel);
    options.container!.append(host);
  } else {
    panel = el(
      doc,
      'div',
      { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-label': options.labels.title, tabindex: '-1' },
      loading,
      closeButton,
    );
    // The top layer (a manual popover) escapes every containing block the page may create
    // (a transform or filter on <body>) and every z-index: nothing can cover or clip it.
    backdrop = el(doc, 'div', { class: 'backdrop', popover: 'manual' }, panel);
    root.append(backdrop);
  }

  const load = (url: string) => {
    iframe.src = url;
    panel.prepend(iframe);
  };
  if (options.url) load(options.url);

  const focusIn = () => (isReady ? iframe : panel).focus({ preventScroll: true });
  const show = () => {
    host.removeAttribute('data-hidden');
    if (!backdrop) return;
    // Connected first: that starts the widget page's request before the modal's own work.
    // Everything outside a host's open modal <dialog> is inert, a top-layer popover included:
    // opened from inside an open dialog (focus in it), the modal goes inside it (a prepared one
    // moves: its frame reloads).
    const page = measurePage(doc);
    const parent = page.opener[0]?.closest?.('dialog[open]') ?? doc.body;
    if (host.parentNode !== parent) parent.append(host);
    pageLock = lockPage(doc, host, page, () => options.onDismiss('escape'));
    backdrop.showPopover?.();
    focusIn();
  };
  if (options.hidden) {
    host.setAttribute('data-hidden', '');
    if (backdrop) doc.body.append(host);
  } else {
    show();
  }

  return {
    host,
    iframe,
    load,
    reveal() {
      isReady = true;
      // Focus first, while the frame's style is clean: after the changes below, focus() would
      // have to recompute it on the spot.
      if (pageLock) focusIn();
      clearTimeout(spinnerTimer);
      loading.hidden = true;
      // The widget has its own close control and Escape; ours is for a widget that never loads.
      closeButton.remove();
    },
    show() {
      if (host.hasAttribute('data-hidden')) show();
    },
    setHeight(px) {
      if (!inline) return;
      panel.style.height = `${px}px`;
      panel.style.minHeight = '0'; // the loading state's minimum no longer applies
    },
    remove() {
      // The page may have removed our element itself (a re-render of <body>): the page is
      // still ours to give back.
      clearTimeout(spinnerTimer);
      host.remove();
      pageLock?.release();
      pageLock = undefined;
    },
  };
}
