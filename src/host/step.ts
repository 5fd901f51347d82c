import { WinkLinkError } from '../shared/errors.js';
import { SDK_VERSION } from '../shared/version.js';
import type { CloseReason, LinkState } from './events.js';
import type { FetchKind } from './fetch-token.js';
import type { LinkConfig } from './options.js';
import { deferred, type Deferred } from './promises.js';
import type { Effect, Fetch, SessionEvent, State } from './state.js';
import type { TokenSource } from './timed-token.js';

/**
 * The session core's one decision-maker: `step` takes a link's state and one event, updates the
 * state and returns the effects to perform (in order, after it returns). Nothing here touches
 * the page, the network or a timer, and no host code runs during a step: listeners run as
 * effects, and whatever they call is queued as the next event.
 *
 *   fetching ─▶ loading ─▶ open ⇄ refreshing      loading: token in hand, the widget not ready
 *       └────────────────▶ open                    (the widget was ready first)
 *   loading ─▶ fetching                           (the token expired while the widget loaded)
 *   any live state ─▶ closed ─▶ fetching          (refresh() relaunches)
 *   any state but destroyed ─▶ destroyed
 */
const STOPPED = {
  CLOSED: 'The link was closed before the widget was ready.',
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

export function step(s: State, event: SessionEvent, { config, refresh }: StepContext): Effect[] {
  const fx: Effect[] = [];
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

  /** Fetches a token, or joins the fetch in flight: at most one at a time. */
  const want = (kind: FetchKind, source: TokenSource, done?: Deferred) => {
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
      return want('launch', config.source, pending.done);
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
    fx.push(['log', `the widget asked for a new token ${asks.count} times in a row: the next in ${wait} ms`]);
    fx.push(['later', wait]);
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

  // Events from an earlier launch's frame are stale.
  if ('launch' in event && event.launch !== s.launch.id) return fx;
  switch (event.type) {
    case 'launch':
      launch(event.source);
      break;
    case 'refresh':
      if (s.link === 'destroyed') event.done.settle(new WinkLinkError('DESTROYED', STOPPED.DESTROYED));
      // The host's own token or fetcher is handed over after the fetch under way, never lost in it.
      else if (event.explicit && s.fetch) s.queue.push(event);
      else if (s.link === 'closed') {
        launch(event.source);
        event.done.follow(s.launch.ready);
      } else want('refresh', event.source, event.done);
      break;
    case 'show':
      if (!s.hidden) break;
      // Shown from now on, also when a closed prepared link is relaunched by refresh().
      s.hidden = false;
      if (stopped()) break;
      fx.push(['show']);
      if (
        s.launch.widget === 'holding' &&
        (s.refreshOwed || !s.held || s.held.expired || s.held.token.deadline <= Date.now())
      ) {
        s.refreshOwed = false;
        if (typeof config.source === 'function') want('refresh', config.source);
      }
      break;
    case 'close':
      close(event.reason);
      break;
    case 'destroy':
      if (s.link === 'destroyed') break;
      teardown('DESTROYED');
      s.spent.clear();
      move('destroyed');
      fx.push(['forget']);
      break;
    case 'fetched': {
      const fetch = s.fetch;
      if (event.id !== fetch?.id) break;
      const { widgetUrl } = config;
      const { mode } = event.token.token;
      if (typeof widgetUrl !== 'string') {
        // The link stays in the first token's mode: a credential never reaches the other environment.
        if (s.launch.mode && mode !== s.launch.mode) {
          failed(
            fetch,
            new WinkLinkError(
              'INVALID_TOKEN',
              `fetchToken returned a ${mode} token, but this link's widget runs in ${s.launch.mode} mode; open a new link for the other mode.`,
            ),
          );
          break;
        }
        if (!s.launch.mode) fx.push(['load', widgetUrl[mode]]);
        s.launch.mode = mode;
      }
      s.fetch = null;
      s.pending = { token: event.token, done: fetch.done };
      deliver();
      break;
    }
    case 'fetchFailed':
      if (event.id === s.fetch?.id) failed(s.fetch, event.error);
      break;
    case 'retrying':
      if (event.id === s.fetch?.id) fx.push(['report', event.error]);
      break;
    case 'refreshDue':
      autoRenew();
      break;
    case 'expired':
      // A machine that slept past both times wakes to both at once: the missed refresh goes
      // first, and auto mode never leaves the widget with a dead token (one more round, once
      // per token, when every retry of the refresh failed).
      autoRenew();
      expire();
      break;
    case 'widgetAskDue':
      s.widgetAsks.waiting = false;
      if (!stopped()) want('refresh', config.source);
      break;
    case 'loadTimeout':
      fail(event.error);
      break;
    case 'dismiss':
      close(event.reason);
      break;
    case 'detached':
      close('removed');
      break;
    case 'message': {
      const { message } = event;
      fx.push(['log', 'received', message.type, message.payload]);
      if (message.type === 'ready') {
        fx.push(['loaded']);
        if (s.launch.widget !== 'holding') {
          s.launch.widget = 'asking';
          deliver();
        } else if (typeof config.source === 'function') {
          // The frame reloaded: its token is spent; it gets a fresh one by a new `init`.
          s.launch.widget = 'asking';
          s.held = null;
          fx.push(['arm', null]);
          widgetAsks();
        } else {
          s.launch.widget = 'asking';
          expire();
        }
        break;
      }
      // Before its token, a widget has nothing to report.
      if (s.launch.widget !== 'holding') {
        fx.push(['log', `dropped ${message.type} before init`]);
        break;
      }
      switch (message.type) {
        case 'tokenExpired':
          // Its server refused the token: spent, whatever the clock says.
          expire();
          if (config.auto && s.hidden) s.refreshOwed = true;
          else if (config.auto) widgetAsks();
          break;
        case 'resize':
          fx.push(['resize', message.payload.height]);
          break;
        case 'close':
          close(message.payload.reason ?? 'widget');
          break;
        case 'error':
          fx.push([
            'report',
            new WinkLinkError(
              'WIDGET_ERROR',
              `The widget reported ${message.payload.code}: ${message.payload.message}`,
            ),
          ]);
          break;
        default:
          fx.push(['emit', message.type, message.payload as never]);
      }
    }
  }
  return fx;
}
