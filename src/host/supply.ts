import { WinkLinkError } from '../shared/errors.js';
import type { Scheduler } from './expiry.js';
import { fetchOnce, retry } from './fetch-token.js';
import type { LinkConfig } from './options.js';
import { refreshTime, type HeldToken, type TokenSource } from './held-token.js';

/**
 * The token side of one link: fetches with the right retry policy, enforces single use,
 * and times the token the widget holds (auto refresh; expiry, reported once per token).
 */
export interface SupplyHooks {
  /** A failed attempt that will be retried. */
  onRetry(error: WinkLinkError): void;
  /** The widget's token reached its expiry (called once per token). */
  onExpired(held: HeldToken): void;
  /** Auto mode: time to fetch the next token. */
  onRefreshDue(): void;
}

export type FetchKind = 'launch' | 'refresh';

const LAUNCH_ATTEMPTS = 3;
const FORGET_AFTER_MS = 60 * 60 * 1000;

export class TokenSupply {
  /** Tokens the widget was given, with their deadlines. Long expired, one is refused anyway
   * (even should a new clock reading shift it by minutes), so it is forgotten: a long
   * session keeps only the last hour's few. */
  readonly #sent = new Map<string, number>();
  #current?: HeldToken;
  #currentExpired = false;
  #cancelTimers: Array<() => void> = [];

  readonly #config: LinkConfig;
  readonly #scheduler: Scheduler;
  readonly #hooks: SupplyHooks;

  constructor(config: LinkConfig, scheduler: Scheduler, hooks: SupplyHooks) {
    this.#config = config;
    this.#scheduler = scheduler;
    this.#hooks = hooks;
  }

  /**
   * Fetches a usable token. A launch retries only a token that was spent or expired on
   * arrival (the user is waiting: fail fast); an auto refresh retries every failure.
   */
  fetch(source: TokenSource, kind: FetchKind, signal: AbortSignal): Promise<HeldToken> {
    const retryAll = kind === 'refresh' && this.#config.auto && typeof source === 'function';
    const attempts = typeof source !== 'function' ? 1 : retryAll ? this.#config.retry.attempts : LAUNCH_ATTEMPTS;
    return retry(() => fetchOnce(source, signal, this.#config.fetchTimeoutMs).then((held) => this.#checkUsable(held)), {
      ...this.#config.retry,
      attempts,
      signal,
      shouldRetry: (error) => retryAll || error.code === 'TOKEN_EXPIRED',
      onFailure: (error) => this.#hooks.onRetry(error),
    });
  }

  /** A token is never used twice, and never once it has expired (on the corrected clock). */
  #checkUsable(held: HeldToken): HeldToken {
    if (this.#sent.has(held.token.accessToken)) {
      throw new WinkLinkError(
        'TOKEN_EXPIRED',
        'fetchToken returned a token that was already used. Link tokens are single use: return a fresh one (POST /tokens?userId=) every time.',
      );
    }
    if (!this.isFresh(held)) {
      throw new WinkLinkError(
        'TOKEN_EXPIRED',
        `fetchToken returned a token that expired at ${held.token.expiresAt}. Return a fresh one; if the client clock is wrong, pass serverTime or return the Response.`,
      );
    }
    return held;
  }

  isFresh(held: HeldToken): boolean {
    return held.deadline > Date.now();
  }

  /** The widget now holds `held`: remember it as spent and time its refresh and expiry. */
  handedOver(held: HeldToken) {
    for (const [accessToken, deadline] of this.#sent) {
      if (deadline + FORGET_AFTER_MS <= Date.now()) this.#sent.delete(accessToken);
    }
    this.#sent.set(held.token.accessToken, held.deadline);
    this.#current = held;
    this.#currentExpired = false;
    this.#stopTimers();
    let refreshDue = this.#config.auto;
    const refresh = () => {
      if (refreshDue) this.#hooks.onRefreshDue();
      refreshDue = false;
    };
    if (refreshDue) {
      this.#cancelTimers.push(
        this.#scheduler.at(refreshTime(held.deadline, Date.now(), this.#config.refreshLeadMs), refresh),
      );
    }
    // A machine that slept past both times wakes to both at once: the missed refresh goes
    // first, so auto mode never leaves the widget with an expired token.
    this.#cancelTimers.push(
      this.#scheduler.at(held.deadline, () => {
        refresh();
        this.expire();
      }),
    );
  }

  /** Reports the widget's token as expired, at most once per token. */
  expire() {
    this.#stopTimers();
    if (!this.#current || this.#currentExpired) return;
    this.#currentExpired = true;
    this.#hooks.onExpired(this.#current);
  }

  /** Whether the widget's token is spent (expired, refused, or the widget reloaded). */
  get currentSpent(): boolean {
    return !this.#current || this.#currentExpired || !this.isFresh(this.#current);
  }

  /** Forgets the widget's token and its timers (the widget was closed or reloaded). */
  release() {
    this.#stopTimers();
    this.#current = undefined;
  }

  /** Forgets everything, spent tokens included (destroy). */
  clear() {
    this.release();
    this.#sent.clear();
  }

  #stopTimers() {
    for (const cancel of this.#cancelTimers) cancel();
    this.#cancelTimers = [];
  }
}
