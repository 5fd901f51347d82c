/**
 * The world of one model-test run: the links it opened (each with its fetchToken calls, its
 * frames, and what its listeners saw), the host page (an opener button with focus handlers), and
 * the host code that re-enters the SDK from listeners, from fetchToken's abort listener and from
 * focus handlers. model-actions.ts drives it; model-invariants.ts judges it.
 */
import {
  WinkLink,
  type LinkEventName,
  type LinkState,
  type LinkToken,
  type PreparedLink,
  type TokenFetcher,
} from '../../src/host/index';
import { makeToken, sent } from './harness';
import {
  DEFAULT_SPEC,
  EVENTS,
  type FetchCall,
  MAX_LINKS,
  type OpenSpec,
  type PostedAt,
  type Reaction,
  type Tracked,
  type Trigger,
} from './model-types';

export const coverage = { runs: 0, open: 0, refreshedInPlace: 0, relaunched: 0, reentered: 0, removed: 0, links2: 0 };

export class World {
  readonly links: Tracked[] = [];
  readonly frames: HTMLIFrameElement[] = [];
  /** Our elements on the page, one per frame, in the same order (each launch mounts both). */
  readonly hosts: HTMLElement[] = [];
  /** Frames whose page said `ready` (another `ready` from one is a reload). */
  readonly readyFrames = new Set<HTMLIFrameElement>();
  readonly postedAt: PostedAt[] = [];
  /** Recorded as they happen: host code the SDK ran after destroy, overlapping fetchToken calls, and
   * each `load` with its frame and whether that frame had been sent an init with a token. */
  readonly lateCalls: string[] = [];
  readonly fetchOverlaps: string[] = [];
  readonly loads: Array<{ n: number; frame?: HTMLIFrameElement; initSent: boolean }> = [];
  readonly unexplainedCloses: string[] = [];
  /** Every `error` event's code, by link. */
  readonly errors: Array<{ n: number; code: string }> = [];
  readonly reactions: Reaction[];
  /** Re-entrant calls left in this run: host code that re-enters forever is not the point. */
  budget = 12;
  reentered = false;
  opener!: HTMLButtonElement;
  /** The page's own inline styles before any link, to be restored exactly. */
  readonly pageStyle: { html: string; body: string };

  constructor(reactions: Reaction[]) {
    this.reactions = reactions;
    document.documentElement.setAttribute('style', 'overflow-y: scroll');
    this.pageStyle = { html: document.documentElement.style.cssText, body: document.body.style.cssText };
  }

  /** The page's own button: focused (its handlers may open a link: watch first), with the host's
   * focus handlers on it. */
  installOpener() {
    const opener = document.createElement('button');
    opener.textContent = 'Connect';
    document.body.append(opener);
    for (const trigger of ['focusin', 'focusout', 'focus'] as const) {
      opener.addEventListener(trigger, () => {
        for (const reaction of this.reactions) if (reaction.on === trigger) this.perform(reaction);
      });
    }
    opener.focus();
    this.opener = opener;
  }

  ownerOf(frame: HTMLIFrameElement): Tracked | undefined {
    return this.links[Number(frame.title.replace('link ', ''))];
  }

  framesOf(t: Tracked): HTMLIFrameElement[] {
    return this.frames.filter((frame) => frame.title === `link ${t.n}`);
  }

  currentFrame(t: Tracked): HTMLIFrameElement | undefined {
    return this.framesOf(t).at(-1);
  }

  /** Our element that holds `frame` (the frame itself enters it only once its URL is known). */
  hostOf(frame: HTMLIFrameElement | undefined): HTMLElement | undefined {
    return frame && this.hosts[this.frames.indexOf(frame)];
  }

  /** The link whose element `host` is. */
  ownerOfHost(host: Element): Tracked | undefined {
    const frame = this.frames[this.hosts.indexOf(host as HTMLElement)];
    return frame && this.ownerOf(frame);
  }

  /** The origin a token of `mode` may go to on link `t`. */
  originOf(t: Tracked, mode: unknown): string {
    if (!t.spec.perMode) return `https://l${t.n}.widget.example`;
    return mode === 'PRODUCTION' ? `https://l${t.n}.widget.example` : `https://l${t.n}-sandbox.widget.example`;
  }

  open(spec: OpenSpec): Tracked | undefined {
    if (this.links.length >= MAX_LINKS) return undefined;
    const n = this.links.length;
    const t: Tracked = {
      n,
      link: undefined as unknown as PreparedLink,
      spec,
      calls: [],
      changes: [],
      destroyed: false,
      readies: new Map(),
      loaded: new Set(),
      silencedLoads: new Set(),
      refreshes: [],
      closeReasons: [],
      causes: [],
    };
    this.links.push(t);
    if (spec.inline) t.container = document.body.appendChild(document.createElement('section'));
    const callbacks = Object.fromEntries(
      EVENTS.map((event) => [
        `on${event[0]!.toUpperCase()}${event.slice(1)}`,
        (payload?: { to?: LinkState; from?: LinkState; reason?: string }) => this.#heard(t, event, payload),
      ]),
    );
    const options = {
      widgetUrl: spec.perMode
        ? { SANDBOX: `https://l${n}-sandbox.widget.example/`, PRODUCTION: `https://l${n}.widget.example/` }
        : `https://l${n}.widget.example/link`,
      container: t.container,
      labels: { title: `link ${n}` },
      refresh: spec.auto && !spec.tokenSource ? 'auto' : 'manual',
      refreshLeadMs: spec.refreshLeadMs,
      loadTimeoutMs: spec.loadTimeoutMs,
      fetchTimeoutMs: spec.fetchTimeoutMs,
      retry: { attempts: spec.attempts, baseDelayMs: 500, maxDelayMs: 2000 },
      ...callbacks,
    } as Parameters<typeof WinkLink.open>[1];
    const source = spec.tokenSource ? makeToken(120_000) : this.fetcher(t);
    t.link = (spec.prepared ? WinkLink.prepare : WinkLink.open)(source, options) as PreparedLink;
    this.see(t);
    return t;
  }

  /** A fetchToken for link `t` whose every call waits for the run to answer it. */
  fetcher(t: Tracked): TokenFetcher {
    return ({ signal }) => {
      if (t.destroyed) this.lateCalls.push(`link ${t.n}: fetchToken called after destroy`);
      const live = t.calls.filter((call) => !call.settled && !call.signal.aborted);
      if (live.length > 0) this.fetchOverlaps.push(`link ${t.n}: fetchToken called while another call is in flight`);
      signal.addEventListener('abort', () => this.react(t, 'abort'));
      return new Promise<LinkToken>((resolve, reject) => {
        t.calls.push({ signal, resolve: resolve as FetchCall['resolve'], reject, settled: false, hung: false });
      });
    };
  }

  /** Notes the current launch's `ready` (a new promise per launch) and follows how it ends. */
  see(t: Tracked) {
    const ready = t.link.ready;
    if (t.readies.has(ready)) return;
    t.readies.set(ready, 'pending');
    ready.then(
      () => t.readies.set(ready, 'resolved'),
      () => t.readies.set(ready, 'rejected'),
    );
  }

  refresh(t: Tracked, next?: Parameters<PreparedLink['refresh']>[0]) {
    const call: Tracked['refreshes'][number] = { sentBefore: sent.length, outcome: 'pending' };
    t.refreshes.push(call);
    t.link.refresh(next).then(
      () => {
        call.outcome = 'resolved';
        call.handedOver = sent
          .slice(call.sentBefore)
          .some((m) => (m.type === 'init' || m.type === 'token') && this.ownerOf(m.iframe) === t);
      },
      () => (call.outcome = 'rejected'),
    );
    this.see(t);
  }

  /** Runs the reactions of `t` to `trigger`. */
  react(t: Tracked, trigger: Trigger, to?: LinkState) {
    for (const reaction of this.reactions) {
      if (reaction.on !== trigger || reaction.link !== t.n) continue;
      if (reaction.when !== undefined && reaction.when !== to) continue;
      this.perform(reaction);
    }
  }

  /** Runs one reaction, if the budget allows. */
  perform({ link, act }: Reaction) {
    const t = this.links[link];
    // A link still being constructed has no handle yet (its frame takes focus as it mounts).
    if (this.budget <= 0 || (act !== 'openAnother' && !t?.link)) return;
    this.budget -= 1;
    this.reentered = true;
    if (act === 'openAnother') this.open(DEFAULT_SPEC);
    else if (act === 'close') {
      this.cause(t!, 'host');
      t!.link.close();
    } else if (act === 'destroy') this.destroy(t!);
    else if (act === 'refresh') this.refresh(t!);
    else if (act === 'refreshToken') this.refresh(t!, makeToken(60_000));
    else if (act === 'refreshFetcher') this.refresh(t!, this.fetcher(t!));
    else if (t!.spec.prepared) t!.link.open();
  }

  /** Destroys link `t`: silent at once (DESIGN.md), from wherever it is called — this runs from
   * the host code of any link too. */
  destroy(t: Tracked) {
    t.link.destroy();
    t.destroyed = true;
    if (t.loadDue) t.silencedLoads.add(t.loadDue);
    if (t.link.state !== 'destroyed') this.lateCalls.push(`link ${t.n}: ${t.link.state} after destroy() returned`);
  }

  #heard(t: Tracked, event: LinkEventName, payload?: { to?: LinkState; from?: LinkState; reason?: string }) {
    if (t.destroyed) this.lateCalls.push(`link ${t.n}: ${event} listener called after destroy`);
    if (event === 'stateChange') {
      t.changes.push({ from: payload!.from!, to: payload!.to! });
      if (payload!.to === 'destroyed') t.destroyed = true;
      if (payload!.to === 'open' && (payload!.from === 'fetching' || payload!.from === 'loading')) {
        const due = t.link?.ready;
        t.loadDue = due;
        // Due in this step only, which emits it before any promise callback runs: a load that
        // never came for another reason stays a violation.
        void Promise.resolve().then(() => {
          if (t.loadDue === due) t.loadDue = undefined;
        });
      }
    }
    if (event === 'close') this.#closed(t, payload!.reason!);
    if (event === 'error') this.errors.push({ n: t.n, code: (payload as { code: string }).code });
    if (event === 'load') t.loadDue = undefined;
    if (event === 'load' && t.link) {
      t.loaded.add(t.link.ready);
      const frame = this.currentFrame(t);
      const init = sent.some(
        (m) => m.type === 'init' && m.iframe === frame && typeof m.payload.accessToken === 'string',
      );
      this.loads.push({ n: t.n, frame, initSent: init });
    }
    if (t.link) this.see(t);
    this.react(t, event, payload?.to);
  }

  /** The run did something that may close link `t` (or every link) with `reason`. */
  cause(t: Tracked | 'all', reason: string) {
    for (const link of t === 'all' ? this.links : [t]) link.causes.push(reason);
  }

  #closed(t: Tracked, reason: string) {
    t.closeReasons.push(reason);
    const cause = t.causes.indexOf(reason);
    if (cause >= 0) return void t.causes.splice(cause, 1);
    // A launch that failed says why in `error`; a relaunch into a container the page removed
    // notices it at its next event, maybe steps later.
    if (reason === 'failed' || (reason === 'removed' && t.container && !t.container.isConnected)) return;
    this.unexplainedCloses.push(`link ${t.n}: closed (${reason}) though nothing gave cause`);
  }
}
