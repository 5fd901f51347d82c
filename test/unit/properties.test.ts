/**
 * Property-based tests of the link's lifecycle: random sequences of time passing, page
 * visibility, sleeps, clock skew, fetch outcomes, widget messages, close/destroy/reopen — and
 * the invariants that must hold whatever the sequence.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinkState, TokenExpiredEvent } from '../../src/host/index';
import {
  SPEC_TRANSITIONS,
  WIDGET_ORIGIN,
  controlledFetcher,
  flush,
  listeners,
  makeToken,
  openLink,
  useHarness,
  widget,
} from './harness';

useHarness();

const CODES = new Set([
  'INVALID_TOKEN',
  'TOKEN_EXPIRED',
  'FETCH_FAILED',
  'FETCH_TIMEOUT',
  'LOAD_TIMEOUT',
  'INVALID_OPTIONS',
  'NOT_IN_BROWSER',
  'UNSUPPORTED_BROWSER',
  'DESTROYED',
  'CLOSED',
  'WIDGET_ERROR',
  'LISTENER_FAILED',
]);

type Mode = { fetch: 'ok'; lifeMs: number; asResponse: boolean } | { fetch: 'fail' | 'hang' | 'reuse' };
type Action =
  | { kind: 'advance'; ms: number }
  | { kind: 'sleep'; ms: number }
  | { kind: 'visibility' | 'pageshow' | 'focus' | 'resume' }
  | { kind: 'skew'; ms: number }
  | { kind: 'mode'; mode: Mode }
  | { kind: 'resolve'; lifeMs: number; asResponse: boolean }
  | { kind: 'resolveReused' | 'reject' }
  | { kind: 'refresh' | 'widgetTokenExpired' | 'widgetReady' | 'widgetClose' | 'escape' | 'close' | 'destroy' };

const life = fc.oneof(
  fc.integer({ min: -5000, max: 0 }), // already expired
  fc.integer({ min: 2000, max: 120_000 }), // short lived
  fc.integer({ min: 120_000, max: 2 ** 31 + 10_000_000 }), // long, beyond setTimeout's limit
);
const mode: fc.Arbitrary<Mode> = fc.oneof(
  { arbitrary: fc.record({ fetch: fc.constant('ok' as const), lifeMs: life, asResponse: fc.boolean() }), weight: 3 },
  { arbitrary: fc.constantFrom('fail', 'hang', 'hang', 'reuse').map((fetch) => ({ fetch }) as Mode), weight: 2 },
);
const kinds = <K extends Action['kind']>(...names: K[]) =>
  fc.constantFrom(...names).map((kind) => ({ kind }) as Action);
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    arbitrary: fc
      .oneof(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 3000, max: 30_000 }))
      .map((ms) => ({ kind: 'advance' as const, ms })),
    weight: 5,
  },
  fc.integer({ min: 1000, max: 10_000_000 }).map((ms) => ({ kind: 'sleep' as const, ms })),
  kinds('visibility', 'pageshow', 'focus', 'resume'),
  fc.constantFrom(-3_600_000, -5000, 0, 1500, 5000, 3_600_000).map((ms) => ({ kind: 'skew' as const, ms })),
  { arbitrary: mode.map((m) => ({ kind: 'mode' as const, mode: m })), weight: 2 },
  fc.record({ kind: fc.constant('resolve' as const), lifeMs: life, asResponse: fc.boolean() }),
  kinds('resolveReused', 'reject'),
  { arbitrary: kinds('refresh', 'widgetTokenExpired', 'widgetReady'), weight: 4 },
  kinds('widgetClose', 'escape', 'close', 'destroy'),
);
const scenario = fc.record({
  auto: fc.boolean(),
  refreshLeadMs: fc.constantFrom(0, 5000, 30_000, 600_000),
  mode: fc.oneof(
    {
      arbitrary: fc.record({
        fetch: fc.constant('ok' as const),
        lifeMs: fc.integer({ min: 2000, max: 7_200_000 }),
        asResponse: fc.boolean(),
      }),
      weight: 4,
    },
    mode,
  ),
  readyFirst: fc.integer({ min: 0, max: 5 }).map((n) => n > 0),
  steps: fc.array(
    fc.record({ action, ticks: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 }), fc.constant(30)) }),
    { maxLength: 30 },
  ),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

const coverage = { runs: 0, open: 0, refreshed: 0, relaunched: 0, expired: 0 };
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
  vi.useFakeTimers();
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

async function run({ auto, refreshLeadMs, steps, readyFirst, ...initial }: Scenario) {
  vi.setSystemTime(new Date('2026-11-26T12:00:00.000Z'));
  widget.sent.length = 0;
  let skew = 0;
  let current = initial.mode;
  const violations: string[] = [];
  const fetchToken = controlledFetcher();
  /** A token from the server, whose clock is `skew` ahead, as an object or as a Response. */
  const issue = (lifeMs: number, asResponse: boolean) => {
    const serverNow = Date.now() + skew;
    const token = makeToken(0, { expiresAt: new Date(serverNow + lifeMs).toISOString() });
    if (asResponse)
      return new Response(JSON.stringify(token), { headers: { date: new Date(serverNow).toUTCString() } });
    return skew ? { ...token, serverTime: new Date(serverNow).toISOString() } : token;
  };
  const pending = () => fetchToken.calls.filter((call) => !call.signal.aborted);
  /** A copy of a token the widget already got (a buggy or replaying token endpoint). */
  const reused = () => {
    const old = widget.sent.find((m) => m.type === 'init' || m.type === 'token');
    return old && { ...old.payload };
  };
  fetchToken.fn.mockImplementation(({ signal }) => {
    if (pending().length > 0) violations.push('fetchToken called while another call is in flight');
    if (current.fetch === 'ok') return Promise.resolve(issue(current.lifeMs, current.asResponse));
    if (current.fetch === 'fail') return Promise.reject(new Error('token endpoint down'));
    if (current.fetch === 'reuse') return Promise.resolve(reused() ?? issue(60_000, false));
    return new Promise((resolve, reject) => fetchToken.calls.push({ signal, resolve, reject }));
  });
  const { link, states, errors } = openLink(fetchToken.fn, {
    refresh: auto ? 'auto' : 'manual',
    refreshLeadMs,
    retry: { attempts: 3, baseDelayMs: 500, maxDelayMs: 4000 },
  });
  const expiredPerToken = new Map<string, number>();
  link.on('tokenExpired', (event: TokenExpiredEvent) => {
    if (link.state === 'closed' || link.state === 'destroyed') violations.push(`tokenExpired while ${link.state}`);
    const last = widget.sent.filter((m) => m.type === 'init' || m.type === 'token').at(-1);
    if (!last) return void violations.push('tokenExpired before any token was handed over');
    const token = last.payload.accessToken as string;
    expiredPerToken.set(token, (expiredPerToken.get(token) ?? 0) + 1);
    if (event.expiredAt.getTime() !== Date.parse(last.payload.expiresAt as string))
      violations.push("expiredAt is not the token's expiresAt");
  });

  if (readyFirst) widget.say('ready');
  const settle = (value: unknown, ok: boolean) => {
    const index = fetchToken.calls.findIndex((call) => !call.signal.aborted);
    const [call] = index < 0 ? [] : fetchToken.calls.splice(index, 1);
    if (call) (ok ? call.resolve : call.reject)(value);
  };
  for (const { action: a, ticks } of steps) {
    switch (a.kind) {
      case 'advance':
        await vi.advanceTimersByTimeAsync(a.ms);
        break;
      case 'sleep':
        vi.setSystemTime(Date.now() + a.ms);
        break;
      case 'visibility':
        document.dispatchEvent(new Event('visibilitychange'));
        break;
      case 'resume':
        document.dispatchEvent(new Event('resume'));
        break;
      case 'pageshow':
        window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
        break;
      case 'focus':
        window.dispatchEvent(new Event('focus'));
        break;
      case 'skew':
        skew = a.ms;
        break;
      case 'mode':
        current = a.mode;
        break;
      case 'resolve':
        settle(issue(a.lifeMs, a.asResponse), true);
        break;
      case 'resolveReused':
        settle(reused() ?? new Error('nothing to reuse'), Boolean(reused()));
        break;
      case 'reject':
        settle(new Error('token endpoint down'), false);
        break;
      case 'refresh':
        void link.refresh();
        break;
      case 'widgetTokenExpired':
        widget.say('tokenExpired');
        break;
      case 'widgetReady':
        widget.say('ready');
        break;
      case 'widgetClose':
        widget.say('close');
        break;
      case 'escape':
        document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
        break;
      case 'close':
        link.close();
        break;
      case 'destroy':
        link.destroy();
        break;
    }
    await flush(ticks); // 0: the next step in the same tick; 1–12: inside a fetch's hand-over
    if (link.state === 'closed' || link.state === 'destroyed') {
      await flush(30);
      if (vi.getTimerCount() !== 0) violations.push(`${vi.getTimerCount()} timer(s) left while ${link.state}`);
      if (listeners.count() !== 0) violations.push(`listeners left while ${link.state}: ${listeners.describe()}`);
      if (document.querySelector('wink-link')) violations.push(`a node left while ${link.state}`);
    }
    if (pending().length > 1) violations.push('more than one fetch in flight');
  }

  link.destroy();
  await flush(30);
  const tokens = widget.tokens();
  if (new Set(tokens).size !== tokens.length) violations.push('an accessToken was sent twice');
  for (const [token, count] of expiredPerToken) if (count > 1) violations.push(`tokenExpired ×${count} for ${token}`);
  let previous: LinkState = 'fetching';
  for (const { from, to } of states) {
    if (from !== previous) violations.push(`stateChange from ${from}, but the state was ${previous}`);
    if (!SPEC_TRANSITIONS[from].includes(to)) violations.push(`illegal transition ${from} → ${to}`);
    previous = to;
  }
  for (const error of errors) {
    if (error.name !== 'WinkLinkError' || !CODES.has(error.code ?? ''))
      violations.push(`not a WinkLinkError: ${error.message}`);
  }
  if (widget.sent.some((m) => m.targetOrigin !== WIDGET_ORIGIN)) violations.push('posted to another origin');
  if (vi.getTimerCount() !== 0) violations.push(`${vi.getTimerCount()} timer(s) left after destroy`);
  if (listeners.count() !== 0) violations.push(`listeners left after destroy: ${listeners.describe()}`);
  if (document.querySelector('wink-link')) violations.push('a node left after destroy');
  coverage.runs += 1;
  if (states.some((change) => change.to === 'open')) coverage.open += 1;
  if (states.some((change) => change.to === 'refreshing')) coverage.refreshed += 1;
  if (states.some((change) => change.from === 'closed')) coverage.relaunched += 1;
  if (expiredPerToken.size > 0) coverage.expired += 1;
  vi.clearAllTimers();
  listeners.active.clear();
  document.body.replaceChildren();
  return violations;
}

describe('lifecycle properties', () => {
  it('hold for random sequences (200 runs × ≤ 30 steps)', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        expect(await run(s)).toEqual([]);
      }),
      { numRuns: 200 },
    );
    vi.useRealTimers();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
    // Not vacuous: the generated sequences do reach the interesting states.
    expect(coverage.open / coverage.runs).toBeGreaterThan(0.25);
    expect(Math.min(coverage.refreshed, coverage.relaunched, coverage.expired)).toBeGreaterThan(0);
  }, 60_000);
});
