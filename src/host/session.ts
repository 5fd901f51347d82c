import { WinkLinkError } from '../shared/errors.js';
import { createEventBus, type LinkEventName, type LinkEvents, type LinkState } from './events.js';
import { createScheduler, type Scheduler } from './expiry.js';
import { fetchUsable } from './fetch-token.js';
import type { Link } from './handle.js';
import { Launch } from './launch.js';
import { createLogger } from './logger.js';
import { checkRefreshSource, type LinkConfig } from './options.js';
import { deferred, rejected } from './promises.js';
import { initialState, type Effect, type Effects, type SessionEvent, type State } from './state.js';
import { step, type StepContext } from './step.js';
import { refreshTime, type TokenSource } from './timed-token.js';

/**
 * One link: the public handle, and the thin runner of its state machine. Every call and every
 * signal from the page becomes an event; `step` (step.ts) decides what it changes, and the
 * effects it returns are performed here, in order. An event raised while effects run (host code
 * in a listener, a focus handler, an abort listener) waits in the queue until the step before
 * it is complete: host code never sees, nor interleaves with, a half-done transition. One event
 * cannot wait: `destroy()` means silence at once (see destroy()).
 */
export class LinkSession implements Link {
  readonly #state: State;
  readonly #config: LinkConfig;
  readonly #context: StepContext;
  readonly #bus = createEventBus((error, event) => this.#onListenerError(error, event));
  readonly #log: (...args: unknown[]) => void;
  /** The held token's expiry and auto refresh: nothing else is scheduled on it. */
  readonly #scheduler: Scheduler = createScheduler(window);
  /** The page side of the current launch, while one is mounted. */
  #launch?: Launch;
  readonly #queue: SessionEvent[] = [];
  /** What the step under way has left to do. */
  #todo!: Effect[];
  #stepping = false;

  readonly #effects: Effects = {
    mount: (id) => {
      this.#launch = new Launch(id, this.#config, this.#state.hidden, (event) => this.#dispatch(event), this.#log);
    },
    unmount: (error) => {
      this.#launch?.remove(error);
      this.#launch = undefined;
    },
    load: (url) => this.#launch?.load(url),
    fetch: ({ id, kind, source }) => {
      fetchUsable(source, kind, this.#config, this.#state.spent, this.#launch!.signal, (error) =>
        this.#dispatch({ type: 'retrying', id, error }),
      ).then(
        (token) => this.#dispatch({ type: 'fetched', id, token }),
        (error: WinkLinkError) => this.#dispatch({ type: 'fetchFailed', id, error }),
      );
    },
    post: (type, payload) => this.#launch?.post(type, payload as never),
    arm: (token) => {
      this.#scheduler.clear();
      if (!token) return;
      this.#scheduler.at(token.deadline, () => this.#dispatch({ type: 'expired' }));
      if (this.#config.auto) {
        const due = refreshTime(token.deadline, Date.now(), this.#config.refreshLeadMs);
        this.#scheduler.at(due, () => this.#dispatch({ type: 'refreshDue' }));
      }
    },
    later: (ms) => this.#launch?.later(ms, { type: 'widgetAskDue' }),
    loaded: () => this.#launch?.loaded(),
    reveal: () => this.#launch?.frame.reveal(),
    show: () => this.#launch?.frame.show(),
    resize: (height) => this.#launch?.frame.setHeight(height),
    emit: (event, ...args) => {
      if (event === 'stateChange') this.#log('state', ...args);
      this.#bus.emit(event, ...args);
    },
    report: (error) => {
      this.#log('error', error.code, error.message);
      if (!this.#bus.emit('error', error)) console.error('[wink-link]', error);
    },
    log: (...args) => this.#log(...args),
  };

  constructor(config: LinkConfig, hidden: boolean) {
    this.#log = createLogger(config.debug);
    this.#state = initialState(hidden);
    this.#config = config;
    this.#context = { config, refresh: (next) => this.refresh(next) };
    for (const [event, listener] of config.listeners) this.#bus.on(event, listener as never);
    this.#dispatch({ type: 'launch', source: config.source });
  }

  get state(): LinkState {
    return this.#state.link;
  }

  get ready(): Promise<void> {
    return this.#state.launch.ready.promise;
  }

  on<E extends LinkEventName>(event: E, listener: LinkEvents[E]): () => void {
    return this.#bus.on(event, listener);
  }

  refresh(next?: TokenSource): Promise<void> {
    const misuse = checkRefreshSource(next, this.#config);
    if (misuse) return rejected(misuse);
    const done = deferred();
    this.#dispatch({ type: 'refresh', source: next ?? this.#config.source, explicit: next !== undefined, done });
    return done.promise;
  }

  /** Shows a prepared (hidden) link; refreshes its token if it went stale meanwhile. */
  open(): this {
    this.#dispatch({ type: 'show' });
    return this;
  }

  close(): void {
    this.#dispatch({ type: 'close', reason: 'host' });
  }

  destroy(): void {
    const destroy: SessionEvent = { type: 'destroy' };
    if (!this.#stepping) this.#dispatch(destroy);
    else if (this.state !== 'destroyed') {
      // Called from host code the runner is running (a listener, fetchToken's abort listener, a
      // focus handler), a queued destroy would come after what is queued and what the step under
      // way has left to do, and their listeners would run after destroy() returned. So the link
      // is stepped to destroyed now (the step under way is complete: only its effects are left);
      // its teardown replaces those effects, since it undoes all they could do, and runs as soon
      // as the host code returns. What was queued then meets a destroyed link. (Once: a second
      // destroy() must not replace the first one's teardown.)
      this.#todo = step(this.#state, destroy, this.#context);
    }
    // Silent from here on, whatever is left to run.
    this.#bus.clear();
  }

  /** Runs `event`, or queues it behind the step under way. */
  #dispatch(event: SessionEvent) {
    this.#queue.push(event);
    if (this.#stepping) return;
    this.#stepping = true;
    try {
      for (let next = this.#queue.shift(); next; next = this.#queue.shift()) {
        // The host may have removed our element without a mutation record reaching us yet: a
        // detached widget is never handed a token, nor reported as loaded.
        if (this.#launch && !this.#launch.attached) this.#run({ type: 'detached', launch: this.#state.launch.id });
        this.#run(next);
      }
    } finally {
      this.#stepping = false;
    }
  }

  #run(event: SessionEvent) {
    this.#todo = step(this.#state, event, this.#context);
    for (let effect = this.#todo.shift(); effect; effect = this.#todo.shift()) {
      const [name, ...args] = effect;
      (this.#effects[name] as (...a: unknown[]) => void)(...args);
    }
  }

  #onListenerError(error: unknown, event: LinkEventName) {
    if (event === 'error') return console.error('[wink-link] your error listener threw:', error);
    this.#effects.report(
      new WinkLinkError('LISTENER_FAILED', `Your ${event} listener threw; wink-link carried on.`, error),
    );
  }
}
