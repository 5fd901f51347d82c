import { WinkLinkError } from '../shared/errors.js';
import { createEventBus, type CloseReason, type LinkEventName, type LinkEvents, type LinkState } from './events.js';
import type { Link } from './handle.js';
import { createScheduler } from './expiry.js';
import { WidgetChannel } from './channel.js';
import { createLifecycle } from './lifecycle.js';
import { createLogger } from './logger.js';
import { checkRefreshSource, type LinkConfig } from './options.js';
import { handled, readiness, rejected, settled, type Readiness } from './promises.js';
import type { Message, WidgetToHost } from '../shared/messages.js';
import { TokenSupply, type FetchKind } from './supply.js';
import type { HeldToken, TokenSource } from './held-token.js';
import { SDK_VERSION } from '../shared/version.js';

/** Where the widget page is: loading, said `ready` and waits for `init`, or has a token. */
type WidgetPhase = 'loading' | 'waiting' | 'initialised';

const STOPPED = {
  CLOSED: 'The link was closed before the widget was ready.',
  DESTROYED: 'The link was destroyed; open a new one with WinkLink.open.',
};

export class LinkSession implements Link {
  readonly #lifecycle = createLifecycle((from, to) => {
    this.#log(`state ${from} → ${to}`);
    this.#bus.emit('stateChange', { from, to });
  });
  #ready!: Readiness;
  readonly #bus = createEventBus((error, event) => this.#onListenerError(error, event));
  readonly #supply: TokenSupply;
  readonly #log: (...args: unknown[]) => void;
  #controller = new AbortController();
  #channel?: WidgetChannel;
  #widget: WidgetPhase = 'loading';
  #pending?: HeldToken;
  #inflight?: Promise<void>;
  /** A prepared link's auto refresh that came due out of sight: open() runs it. */
  #refreshOwed = false;

  readonly #config: LinkConfig;
  #hidden: boolean;

  constructor(config: LinkConfig, hidden: boolean) {
    this.#config = config;
    this.#hidden = hidden;
    this.#log = createLogger(config.debug);
    this.#supply = new TokenSupply(config, createScheduler(window), {
      onRetry: (error) => this.#report(error),
      onExpired: (held) => {
        this.#bus.emit('tokenExpired', {
          expiredAt: new Date(Date.parse(held.token.expiresAt)),
          refresh: (next) => this.refresh(next),
        });
        // Auto mode never leaves the widget with a dead token: when every retry of the refresh
        // failed, the expiry starts one more round (once per token, so still bounded).
        this.#autoRenew();
      },
      onRefreshDue: () => this.#autoRenew(),
    });
    for (const [event, listener] of config.listeners) this.#bus.on(event, listener as never);
    this.#launch(config.source);
  }

  get state(): LinkState {
    return this.#lifecycle.state;
  }

  get ready(): Promise<void> {
    return this.#ready.promise;
  }

  on<E extends LinkEventName>(event: E, listener: LinkEvents[E]): () => void {
    return this.#bus.on(event, listener);
  }

  refresh(next?: TokenSource): Promise<void> {
    if (this.state === 'destroyed') return rejected(new WinkLinkError('DESTROYED', STOPPED.DESTROYED));
    const misuse = checkRefreshSource(next, this.#config);
    if (misuse) return rejected(misuse);
    // An explicit token or fetcher is the host's own: it is handed over after the fetch under
    // way (if any), never swallowed by it.
    if (next !== undefined && this.#inflight) {
      // …unless the link was closed meanwhile: a queued refresh never reopens it.
      const { signal } = this.#controller;
      return handled(
        settled(this.#inflight).then(() => (signal.aborted ? Promise.reject(signal.reason) : this.refresh(next))),
      );
    }
    const source = next ?? this.#config.source;
    if (this.state !== 'closed') return this.#renew(source, 'refresh');
    this.#launch(source);
    return this.#ready.promise;
  }

  /** Shows a prepared (hidden) link; refreshes its token if it went stale meanwhile. */
  open(): this {
    if (!this.#hidden) return this;
    // Shown from now on, also when a closed prepared link is relaunched by refresh().
    this.#hidden = false;
    if (this.#lifecycle.stopped) return this;
    this.#channel!.frame.show();
    const owed = this.#refreshOwed || this.#supply.currentSpent;
    this.#refreshOwed = false;
    if (this.#widget === 'initialised' && owed && typeof this.#config.source === 'function') {
      void this.#renew(this.#config.source, 'refresh');
    }
    return this;
  }

  close(reason: CloseReason = 'host'): void {
    if (this.#lifecycle.stopped) return;
    if (this.#widget === 'initialised') this.#channel!.send('close', {});
    this.#teardown('CLOSED');
    this.#lifecycle.to('closed');
    this.#bus.emit('close', { reason });
  }

  destroy(): void {
    if (this.state === 'destroyed') return;
    this.#teardown('DESTROYED');
    this.#supply.clear();
    this.#lifecycle.to('destroyed');
    this.#bus.clear();
  }

  // ── launch and token hand-over ───────────────────────────────────────────────────────

  #launch(source: TokenSource) {
    this.#ready = readiness();
    this.#controller = new AbortController();
    this.#widget = 'loading';
    this.#channel = new WidgetChannel(this.#config, this.#hidden, {
      onMessage: (message) => this.#onMessage(message),
      onDismiss: (reason) => this.close(reason),
      onLoadTimeout: (error) => this.#fail(error),
      log: this.#log,
    });
    // Last, once everything is in place: a stateChange listener may close the link right here.
    if (this.state === 'closed') this.#lifecycle.to('fetching');
    if (!this.#lifecycle.stopped) void this.#renew(source, 'launch');
  }

  /** Auto mode's own refresh; paused while a prepared link is out of sight (open() catches up). */
  #autoRenew() {
    if (!this.#config.auto || this.#lifecycle.stopped) return;
    if (this.#hidden) this.#refreshOwed = true;
    else void this.#renew(this.#config.source, 'refresh');
  }

  /** Fetches a token and hands it over; concurrent triggers share one fetch. */
  #renew(source: TokenSource, kind: FetchKind): Promise<void> {
    if (this.#inflight) return this.#inflight;
    const { signal } = this.#controller;
    if (this.state === 'open') this.#lifecycle.to('refreshing');
    if (signal.aborted) return rejected(signal.reason); // closed by a listener
    const done = () => (this.#inflight = undefined);
    const task = this.#supply.fetch(source, kind, signal).then(
      (held) => {
        done();
        if (signal.aborted) throw signal.reason;
        this.#channel!.useMode(held.token.mode);
        this.#pending = held;
        this.#deliver();
      },
      (error: unknown) => {
        done();
        throw error;
      },
    );
    this.#inflight = handled(task);
    // A failure of work this link already abandoned (closed, relaunched) is nobody's news.
    task.catch((error: WinkLinkError) => {
      if (signal.aborted) return;
      // Whoever started the fetch: a launch with no token left to deliver was waiting on it.
      if (this.#ready.pending && !this.#pending) return this.#fail(error);
      this.#report(error);
      if (this.state === 'refreshing') this.#lifecycle.to('open');
    });
    return this.#inflight;
  }

  /** Sends the pending token once the widget can take it: `init` after `ready`, else `token`. */
  #deliver() {
    const held = this.#pending;
    if (!held) return;
    if (this.#widget === 'loading') return this.#lifecycle.to('loading');
    this.#pending = undefined;
    if (!this.#supply.isFresh(held)) {
      // It expired while the widget loaded: never send it; fetch again (bounded by the supply).
      if (this.state === 'loading') this.#lifecycle.to('fetching');
      return void this.#renew(this.#config.source, 'launch');
    }
    const { accessToken, mode, expiresAt } = held.token;
    if (this.#widget === 'waiting') {
      this.#channel!.send('init', { accessToken, mode, expiresAt, sdkVersion: SDK_VERSION, ...this.#config.init });
    } else {
      this.#channel!.send('token', { accessToken, mode, expiresAt });
    }
    this.#widget = 'initialised';
    this.#supply.handedOver(held);
    const launched = this.state === 'fetching' || this.state === 'loading';
    this.#lifecycle.to('open');
    if (launched && !this.#lifecycle.stopped) {
      this.#channel!.frame.ready();
      this.#ready.settle();
      this.#bus.emit('load');
    }
  }

  // ── the widget's messages ────────────────────────────────────────────────────────────

  #onMessage(message: Message<WidgetToHost>) {
    this.#log('received', message.type, message.payload);
    if (message.type === 'ready') return this.#onWidgetReady();
    // Before its token, a widget has nothing to report: only `ready` counts.
    if (this.#widget !== 'initialised') return this.#log(`dropped ${message.type} before init`);
    switch (message.type) {
      case 'tokenExpired':
        // The widget's server refused the token: it is spent, whatever the clock says. (If the
        // clock had already expired it, auto mode still owes the widget a fresh one.)
        this.#supply.expire();
        return this.#autoRenew();
      case 'resize':
        return this.#channel!.frame.setHeight(message.payload.height);
      case 'close':
        return this.close(message.payload.reason ?? 'widget');
      case 'error':
        return this.#report(
          new WinkLinkError('WIDGET_ERROR', `The widget reported ${message.payload.code}: ${message.payload.message}`),
        );
      default:
        this.#bus.emit(message.type, message.payload as never);
    }
  }

  #onWidgetReady() {
    this.#channel!.loaded();
    const reloaded = this.#widget === 'initialised';
    this.#widget = 'waiting';
    if (!reloaded) return this.#deliver();
    // The iframe reloaded: its token is spent, so it gets a fresh one by a new `init`.
    if (typeof this.#config.source === 'function') {
      this.#supply.release();
      void this.#renew(this.#config.source, 'refresh');
    } else {
      this.#supply.expire();
    }
  }

  // ── plumbing ─────────────────────────────────────────────────────────────────────────

  /** Stops every timer, fetch, listener and node of the current launch. */
  #teardown(code: keyof typeof STOPPED) {
    const error = new WinkLinkError(code, STOPPED[code]);
    this.#controller.abort(error);
    // The aborted fetch settles later; a relaunch in the same tick must not join it.
    this.#inflight = undefined;
    this.#supply.release();
    this.#channel?.remove();
    this.#channel = undefined;
    this.#pending = undefined;
    this.#ready.settle(error);
  }

  /** A launch that cannot finish: report it, reject `ready` with it, close. */
  #fail(error: WinkLinkError) {
    if (this.#lifecycle.stopped) return;
    // `ready` first: an onError listener that closes the link must not turn it into CLOSED.
    this.#ready.settle(error);
    this.#report(error);
    this.close('failed');
  }

  #report(error: WinkLinkError) {
    this.#log('error', error.code, error.message);
    if (this.#bus.has('error')) this.#bus.emit('error', error);
    else console.error('[wink-link]', error);
  }

  #onListenerError(error: unknown, event: LinkEventName) {
    if (event === 'error') return console.error('[wink-link] your error listener threw:', error);
    this.#report(new WinkLinkError('LISTENER_FAILED', `Your ${event} listener threw; wink-link carried on.`, error));
  }
}
