/**
 * step() on its own: a function of a link's state and one event, returning the effects to
 * perform. No page, no timers: each test builds a state by feeding events and reads the effects.
 */
import { describe, expect, it } from 'vitest';
import { normalizeOptions } from '../../src/host/options';
import { deferred } from '../../src/host/promises';
import { type Effect, type SessionEvent, type State, initialState } from '../../src/host/state';
import { step } from '../../src/host/step';
import { timeToken } from '../../src/host/timed-token';
import { WinkLinkError } from '../../src/shared/errors';
import { makeToken } from './harness';

const config = normalizeOptions(async () => makeToken(), {
  widgetUrl: 'https://widget.example/link',
  refresh: 'manual',
});
const context = { config, refresh: async () => {} };
const names = (effects: Effect[]) => effects.map(([name]) => name);
const run = (state: State, event: SessionEvent) => step(state, event, context);
const ready = (launch: number): SessionEvent => ({ type: 'message', launch, message: { type: 'ready', payload: {} } });
const fetched = (id: number, ms = 60_000): SessionEvent => ({
  type: 'fetched',
  id,
  token: timeToken(makeToken(ms), 0),
});
const refresh = (): SessionEvent => ({ type: 'refresh', source: config.source, explicit: false, done: deferred() });

/** A link whose first launch is under way (launch 1, fetch 1 in flight). */
function launching(): State {
  const state = initialState(false);
  run(state, { type: 'launch', source: config.source });
  return state;
}

/** A link closed during its first launch, then relaunched by refresh() (launch 2, fetch 2). */
function relaunched(): State {
  const state = launching();
  run(state, { type: 'close', reason: 'host' });
  run(state, refresh());
  expect(state).toMatchObject({ link: 'fetching', launch: { id: 2 }, fetch: { id: 2 } });
  return state;
}

describe('step()', () => {
  it.each<[string, SessionEvent]>([
    ['ready', ready(1)],
    ['close', { type: 'message', launch: 1, message: { type: 'close', payload: {} } }],
    ['loadTimeout', { type: 'loadTimeout', launch: 1, error: new WinkLinkError('LOAD_TIMEOUT', 'late') }],
    ['dismiss', { type: 'dismiss', launch: 1, reason: 'button' }],
    ['detached', { type: 'detached', launch: 1 }],
  ])('ignores an earlier launch’s %s: no effect, no change', (_, event) => {
    const state = relaunched();
    expect(run(state, event)).toEqual([]);
    expect(state).toMatchObject({ link: 'fetching', launch: { id: 2, widget: 'booting' }, fetch: { id: 2 } });
  });

  it('ignores the answer of a fetch that was superseded, whether a token or a failure', () => {
    const state = relaunched();
    expect(run(state, fetched(1))).toEqual([]);
    expect(run(state, { type: 'fetchFailed', id: 1, error: new WinkLinkError('FETCH_FAILED', 'late') })).toEqual([]);
    expect(state).toMatchObject({ link: 'fetching', pending: null, fetch: { id: 2 } });
    // The current fetch's answer still counts.
    run(state, fetched(2));
    expect(state).toMatchObject({ link: 'loading', pending: { token: {} }, fetch: null });
  });

  it('joins the fetch in flight: one fetch effect, however many refresh() calls', () => {
    const state = launching();
    expect(names(run(state, refresh()))).toEqual([]);
    expect(names(run(state, refresh()))).toEqual([]);
    expect(state.fetches).toBe(1);
  });

  it('posts init only once the widget asked, and a token that expired meanwhile never', () => {
    const state = launching();
    expect(names(run(state, fetched(1, -1)))).toEqual(['emit']); // → loading; nothing posted
    const effects = run(state, ready(1));
    expect(names(effects)).not.toContain('post');
    expect(effects).toContainEqual(['fetch', expect.objectContaining({ id: 2, kind: 'launch' })]);
    expect(state).toMatchObject({ link: 'fetching', launch: { widget: 'asking' } });
  });

  it('closes an open link in order: close to the widget, teardown, then the events', async () => {
    const state = launching();
    run(state, ready(1));
    run(state, fetched(1));
    expect(state.link).toBe('open');
    const effects = run(state, { type: 'close', reason: 'host' });
    expect(names(effects)).toEqual(['post', 'arm', 'unmount', 'emit', 'emit']);
    expect(effects[0]).toEqual(['post', 'close', {}]);
    expect(effects.slice(3)).toEqual([
      ['emit', 'stateChange', { from: 'open', to: 'closed' }],
      ['emit', 'close', { reason: 'host' }],
    ]);
    expect(run(state, { type: 'close', reason: 'host' })).toEqual([]);
  });

  it('destroys once: rejects what waits, forgets the spent tokens, announces destroyed last', async () => {
    const state = launching();
    const waiting = refresh();
    run(state, waiting);
    const effects = run(state, { type: 'destroy' });
    expect(names(effects)).toEqual(['arm', 'unmount', 'emit']);
    await expect(waiting.type === 'refresh' && waiting.done.promise).rejects.toMatchObject({ code: 'DESTROYED' });
    await expect(state.launch.ready.promise).rejects.toMatchObject({ code: 'DESTROYED' });
    expect(state.spent.size).toBe(0);
    expect(run(state, { type: 'destroy' })).toEqual([]);
    expect(run(state, refresh())).toEqual([]);
  });
});
