import { WinkLinkError } from '../shared/errors.js';
import type { Effect, SessionEvent, State } from './state.js';
import { STOPPED, transitions, type StepContext } from './transitions.js';

export type { StepContext } from './transitions.js';

/**
 * The session core's one decision-maker: `step` takes a link's state and one event, updates the
 * state and returns the effects to perform (in order, after it returns). Nothing here touches
 * the page, the network or a timer, and no host code runs during a step: listeners run as
 * effects, and whatever they call is queued as the next event (but destroy(), which cannot
 * wait: session.ts).
 *
 *   fetching ─▶ loading ─▶ open ⇄ refreshing      loading: token in hand, the widget not ready
 *       └────────────────▶ open                    (the widget was ready first)
 *   loading ─▶ fetching                           (the token expired while the widget loaded)
 *   any live state ─▶ closed ─▶ fetching          (refresh() relaunches)
 *   any state but destroyed ─▶ destroyed
 */
export function step(s: State, event: SessionEvent, context: StepContext): Effect[] {
  const fx: Effect[] = [];
  const { config } = context;
  const [stopped, move, launch, want, deliver, failed, expire, autoRenew, widgetAsks, teardown, close, fail] =
    transitions(s, fx, context);
  // Events from an earlier launch's frame are stale.
  if ('launch' in event && event.launch !== s.launch.id) return fx;
  switch (event.type) {
    case 'launch':
      launch(event.source);
      break;
    case 'refresh':
      if (s.link === 'destroyed') event.done.settle(new WinkLinkError('DESTROYED', STOPPED.DESTROYED));
      // The host's own token or fetcher is handed over after the token under way (being fetched,
      // or waiting for the widget), never lost in it.
      else if (event.explicit && (s.fetch || s.pending)) s.queue.push(event);
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
    case 'dismiss':
      close(event.reason);
      break;
    case 'destroy':
      if (s.link === 'destroyed') break;
      teardown('DESTROYED');
      s.spent.clear();
      move('destroyed');
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
      s.pending = { token: event.token, source: fetch.source, done: fetch.done };
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
    case 'detached':
      close('removed');
      break;
    case 'message': {
      const { message } = event;
      fx.push(['log', 'received', message.type, message.payload]);
      if (message.type === 'ready') {
        fx.push(['loaded']);
        const reloaded = s.launch.widget === 'holding';
        s.launch.widget = 'asking';
        if (!reloaded) deliver();
        else if (typeof config.source === 'function') {
          // The frame reloaded: its token is spent; it gets a fresh one by a new `init`.
          s.held = null;
          fx.push(['arm', null]);
          widgetAsks();
        } else expire();
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
