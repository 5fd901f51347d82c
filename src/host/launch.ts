import { WinkLinkError } from '../shared/errors.js';
import type { HostToWidget } from '../shared/messages.js';
import { listen, post } from '../shared/protocol.js';
import { widgetToHost } from '../shared/schemas.js';
import { mountFrame, type Frame } from './frame.js';
import type { LinkConfig } from './options.js';
import type { SessionEvent } from './state.js';

/**
 * The page side of one launch: its frame, the message channel to the widget, the abort signal
 * of its fetches and its timers. Everything it notices goes to the session as an event tagged
 * with the launch's id (so nothing of an old launch can touch a new one); `remove()` undoes
 * everything, its fetch aborted first.
 */
export class Launch {
  readonly frame: Frame;
  readonly #controller = new AbortController();
  readonly #id: number;
  readonly #loadTimeoutMs: number;
  readonly #dispatch: (event: SessionEvent) => void;
  readonly #log: (...args: unknown[]) => void;
  readonly #stopListening: () => void;
  readonly #observer: MutationObserver;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #inline: boolean;
  /** The widget's origin, once its URL is known: the only one whose messages count. */
  #origin?: string;
  #loadTimer?: ReturnType<typeof setTimeout>;
  /** The frame's documents that finished loading, and `ready`s heard: each widget document
   * says `ready` once, before or after its load ends. A document that never does (the frame
   * navigated away from the widget) fails the launch after loadTimeoutMs. */
  #loads = 0;
  #readies = 0;

  constructor(
    id: number,
    config: LinkConfig,
    hidden: boolean,
    dispatch: (event: SessionEvent) => void,
    log: (...args: unknown[]) => void,
  ) {
    this.#id = id;
    this.#loadTimeoutMs = config.loadTimeoutMs;
    this.#dispatch = dispatch;
    this.#log = log;
    this.#inline = config.container !== undefined;
    const url = typeof config.widgetUrl === 'string' ? config.widgetUrl : undefined;
    // The frame reads its container, chrome and labels from the config.
    const frame = mountFrame(document, {
      ...config,
      hidden,
      // The widget page loads in parallel with the token fetch, unless its URL depends on the mode.
      url,
      onDismiss: (reason) => dispatch({ type: 'dismiss', launch: id, reason }),
    });
    this.frame = frame;
    this.#stopListening = listen(window, {
      schemas: widgetToHost,
      source: () => frame.iframe.contentWindow,
      acceptOrigin: (origin) => origin === this.#origin,
      onMessage: (message) => dispatch({ type: 'message', launch: id, message }),
      onDrop: (reason, event) => log(`dropped a message (${reason}) from ${event.origin}`),
    });
    if (url) this.#watch(url);
    // The page may remove our element itself (a re-render of <body>, an SPA route change), or
    // close the <dialog> our modal went into: the ancestors' child lists and `open` attributes
    // say so; each is observed alone, not the whole document's subtree.
    this.#observer = new MutationObserver(() => this.#checkAttached());
    this.#observeAncestors();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /**
   * Whether the host page still shows our element (checked before every event): in the page,
   * and a modal we put inside a host's <dialog> (frame.ts) no longer there once it closed:
   * unseen, it would keep the page locked and Escape taken. An inline container is the app's
   * to show or hide.
   */
  get attached(): boolean {
    const { host } = this.frame;
    return host.isConnected && (this.#inline || !host.parentElement?.closest('dialog:not([open])'));
  }

  load(url: string) {
    this.frame.load(url);
    this.#watch(url);
  }

  /** Sends to the widget's exact origin; nothing when it cannot be reached. */
  post<K extends keyof HostToWidget & string>(type: K, payload: HostToWidget[K]) {
    const target = this.frame.iframe.contentWindow;
    if (!target || !this.#origin || !this.attached) return;
    this.#log('sent', type, payload);
    post<HostToWidget, K>(target, this.#origin, type, payload);
  }

  /** The widget said `ready`: it loaded in time. */
  loaded() {
    if (++this.#readies >= this.#loads) this.#stopLoadTimer();
  }

  /** Dispatches `event` after `ms`, unless the launch is removed first. */
  later(ms: number, event: SessionEvent) {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#dispatch(event);
    }, ms);
    this.#timers.add(timer);
  }

  /** Aborts the launch's fetch and removes its timers, observer, listener and frame. */
  remove(reason: WinkLinkError) {
    this.#controller.abort(reason);
    this.#stopLoadTimer();
    this.frame.iframe.removeEventListener('load', this.#onLoad);
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#observer.disconnect();
    this.#stopListening();
    this.frame.remove();
  }

  /** From now on, messages count from `url`'s origin, which must say `ready` in time. */
  #watch(url: string) {
    this.#origin = new URL(url).origin;
    this.#startLoadTimer(url);
    this.frame.iframe.addEventListener('load', this.#onLoad);
  }

  readonly #onLoad = () => {
    this.#loads++;
    // A widget document's extra `ready`s never cover for a later document that says none.
    this.#readies = Math.min(this.#readies, this.#loads);
    if (this.#readies < this.#loads && this.#loadTimer === undefined) this.#startLoadTimer(this.#origin!);
  };

  #startLoadTimer(where: string) {
    const loadTimeoutMs = this.#loadTimeoutMs;
    const error = new WinkLinkError(
      'LOAD_TIMEOUT',
      `The widget at ${where} did not say ready within ${loadTimeoutMs} ms; check widgetUrl and your CSP's frame-src (or the widget's frame navigated away).`,
    );
    this.#loadTimer = setTimeout(() => this.#dispatch({ type: 'loadTimeout', launch: this.#id, error }), loadTimeoutMs);
  }

  #stopLoadTimer() {
    clearTimeout(this.#loadTimer);
    this.#loadTimer = undefined;
  }

  #checkAttached() {
    if (!this.attached) return this.#dispatch({ type: 'detached', launch: this.#id });
    // Still in the page, maybe under new ancestors (moved): watch those.
    this.#observer.disconnect();
    this.#observeAncestors();
  }

  #observeAncestors() {
    for (let parent = this.frame.host.parentNode; parent; parent = parent.parentNode) {
      this.#observer.observe(parent, { childList: true, attributeFilter: ['open'] });
    }
  }
}
