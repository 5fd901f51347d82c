import { WinkLinkError } from '../shared/errors.js';
import { SDK_VERSION } from '../shared/version.js';
import type { CloseReason, LinkState } from './events.js';
import type { FetchKind } from './fetch-token.js';
import type { LinkConfig } from './options.js';
import { deferred, type Deferred } from './promises.js';
import type { Effect, Fetch, State } from './state.js';
import type { TokenSource } from './timed-token.js';

/**
 * The moves `step` (step.ts) makes, each a small rule over the state: fetch or join, hand a token
 * over, report an expiry, tear a launch down, close, fail. They change `s` and push the effects
 * they need onto `fx`; nothing here runs host code or touches the page.
 */
export const STOPPED = {
  CLOSED: 'The link was closed before this finished.',
  DESTROYED: 'The link was destroyed; open a new one with WinkLink.open.',
};

/** The widget may ask for tokens (by reloading, or reporting its token refused): the first at
 * once, then, while it keeps asking within a minute, after 1 s, 2 s, 4 s… at most a minute. */
const ASK_WINDOW_MS = 60_000;
const ASK_FLOOR_MS = 1000;

/** What a step may read besides the state: the options, and the link's own `refresh`. */
export interface StepContext {
  config: LinkConfig;
  refresh: (next?: TokenSource) => Promise<void>;
}

/**
 * The moves, as a tuple that `step` destructures in the same order: its names are then local and
 * minified, where an object's keys would ship in the script-tag bundle twice (54 B gzip).
 */
export function transitions(s: State, fx: Effect[], { config, refresh }: StepContext) {
  const stopped = () => s.link === 'closed' || s.link === 'destroyed';

  const move = (to: LinkState) => {
    if (s.link === to) return;
    fx.push(['emit', 'stateChange', { from: s.link, to }]);
    s.link = to;
  };

  const launch = (source: TokenSource) => {
    s.launch = { id: s.launch.id + 1, widget: 'booting', ready: deferred() };
    move('fetching');
    fx.push(['mount', s.launch.id]);
    want('launch', source);
  };

  /** Fetches a token, or joins the fetch in flight, or the token waiting for the widget. */
  const want = (kind: FetchKind, source: TokenSource, done?: Deferred) => {
    if (s.pending && !s.fetch) return done?.follow(s.pending.done);
    if (!s.fetch) {
      s.fetch = { id: ++s.fetches, kind, source, done: deferred() };
      if (s.link === 'open') move('refreshing');
      fx.push(['fetch', s.fetch]);
    }
    done?.follow(s.fetch.done);
  };

  /** Hands the pending token to the widget once it asks: `init` after `ready`, else `token`. */
  const deliver = () => {
    const pending = s.pending;
    if (!pending) return;
    if (s.launch.widget === 'booting') {
      if (s.link === 'fetching') move('loading');
      return;
    }
    s.pending = null;
    const { token, deadline } = pending.token;
    if (deadline <= Date.now()) {
      // It expired while the widget loaded: never sent; a fresh one instead.
      if (s.link === 'loading') move('fetching');
      return want('launch', pending.source, pending.done);
    }
    const { accessToken, mode, expiresAt } = token;
    fx.push(
      s.launch.widget === 'asking'
        ? ['post', 'init', { accessToken, mode, expiresAt, sdkVersion: SDK_VERSION, ...config.init }]
        : ['post', 'token', { accessToken, mode, expiresAt }],
    );
    s.launch.widget = 'holding';
    // Long expired, a token is refused anyway: forget it, so a long session keeps a few.
    for (const [spent, until] of s.spent) if (until + 3_600_000 <= Date.now()) s.spent.delete(spent);
    s.spent.set(accessToken, deadline);
    s.held = { token: pending.token, expired: false };
    // A fresh token is what a refresh owed out of sight would have fetched.
    s.refreshOwed = false;
    fx.push(['arm', pending.token]);
    pending.done.settle();
    const launched = s.link === 'fetching' || s.link === 'loading';
    move('open');
    if (launched) {
      s.launch.ready.settle();
      fx.push(['reveal'], ['emit', 'load']);
    }
    next();
  };

  /** A queued `refresh(next)` goes once the fetch before it is done. */
  const next = () => {
    const queued = s.queue.shift();
    if (queued) want('refresh', queued.source, queued.done);
  };

  const failed = (fetch: Fetch, error: WinkLinkError) => {
    s.fetch = null;
    fetch.done.settle(error);
    // A launch with no token to show cannot go on.
    if (s.link === 'fetching') return fail(error);
    fx.push(['report', error]);
    if (s.link === 'refreshing') move('open');
    next();
  };

  /** Reports the held token's expiry, once per token. */
  const expire = () => {
    const held = s.held;
    if (!held || held.expired) return;
    held.expired = true;
    const expiredAt = new Date(Date.parse(held.token.token.expiresAt));
    fx.push(['arm', null], ['emit', 'tokenExpired', { expiredAt, refresh }]);
  };

  /** Auto mode's own refresh; paused while a prepared link is out of sight (open() catches up). */
  const autoRenew = () => {
    if (!config.auto || stopped()) return;
    if (s.hidden) s.refreshOwed = true;
    else want('refresh', config.source);
  };

  /** A fetch the widget asked for: at once the first time, then with a growing wait. */
  const widgetAsks = () => {
    const asks = s.widgetAsks;
    if (s.fetch || asks.waiting) return;
    const now = Date.now();
    asks.count = now - asks.at < ASK_WINDOW_MS ? asks.count + 1 : 1;
    asks.at = now;
    if (asks.count === 1) return want('refresh', config.source);
    const wait = Math.min(ASK_WINDOW_MS, ASK_FLOOR_MS * 2 ** (asks.count - 2));
    asks.waiting = true;
    fx.push(
      ['log', `the widget asked for a new token ${asks.count} times in a row: the next in ${wait} ms`],
      ['later', wait],
    );
  };

  /** Stops every fetch, timer, node and promise of the current launch. */
  const teardown = (code: keyof typeof STOPPED) => {
    const error = new WinkLinkError(code, STOPPED[code]);
    for (const waiting of [s.fetch, s.pending, ...s.queue.splice(0)]) waiting?.done.settle(error);
    s.fetch = s.pending = s.held = null;
    s.widgetAsks.waiting = false;
    s.launch.ready.settle(error);
    fx.push(['arm', null], ['unmount', error]);
  };

  const close = (reason: CloseReason) => {
    if (stopped()) return;
    if (s.launch.widget === 'holding') fx.push(['post', 'close', {}]);
    teardown('CLOSED');
    move('closed');
    fx.push(['emit', 'close', { reason }]);
  };

  /** A launch that cannot finish: `ready` rejects with why, the error is reported, it closes. */
  const fail = (error: WinkLinkError) => {
    if (stopped()) return;
    s.launch.ready.settle(error);
    fx.push(['report', error]);
    close('failed');
  };

  return [stopped, move, launch, want, deliver, failed, expire, autoRenew, widgetAsks, teardown, close, fail] as const;
}
