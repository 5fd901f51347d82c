/**
 * A model-based test of the session core: random sequences of everything that can happen to up
 * to three links (model-scenario.ts) — the host's calls, fetch outcomes, widget messages, time,
 * the page removing our element, and host code re-entering from listeners, abort and focus
 * handlers — with the invariants of model-invariants.ts checked after every step.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flush, listeners, sent, useHarness } from './harness';
import { play } from './model-actions';
import {
  closedForAReason,
  errorsAreFailures,
  everyPromiseSettled,
  loadFollowsInit,
  nothingLeftWhenAllStopped,
  oneFetchInFlight,
  pageReleasedWithoutModal,
  silentAfterDestroy,
  statesFollowTheSpec,
  tokensSentOnceToTheirWidget,
} from './model-invariants';
import { SETTLE, type Scenario, scenario } from './model-scenario';
import { watchFrames, watchPosts } from './model-watch';
import { World, coverage } from './model-world';
import { trackUnhandledRejections } from './unhandled';

useHarness();

/** MODEL_RUNS=4000 for a longer search (about 30 ms a run; the timeout follows). */
const RUNS = Number(process.env.MODEL_RUNS ?? 300);
/** MODEL_SEED=n replays the runs of one seed (a failure prints its seed). */
const SEED = process.env.MODEL_SEED ? { seed: Number(process.env.MODEL_SEED) } : {};
const realSetTimeout = globalThis.setTimeout;
const realNow = performance.now.bind(performance);
/** A real macrotask: Node reports unhandled rejections once the microtasks before it are done. */
const macrotask = () => new Promise((resolve) => realSetTimeout(resolve, 0));

const cpuMs = ({ user, system }: NodeJS.CpuUsage) => (user + system) / 1000;

const unhandled = trackUnhandledRejections();
beforeEach(() => {
  vi.useFakeTimers();
});

/**
 * Bugs this test found that are not fixed yet (none today): each gets its own failing test
 * (`it.fails`) and is tolerated here only where it shows, so the rest of the model keeps running.
 * Fixing one: delete its entry, and turn its `it.fails` into `it`.
 */
const KNOWN_BUGS: Array<(world: World, violation: string) => boolean> = [];
const unknown = (world: World, found: string[]) =>
  found.filter((violation) => !KNOWN_BUGS.some((known) => known(world, violation)));

/** The invariants that hold at any moment between two steps. */
const always = (world: World) => [
  ...oneFetchInFlight(world),
  ...silentAfterDestroy(world),
  ...tokensSentOnceToTheirWidget(world),
  ...statesFollowTheSpec(world),
  ...loadFollowsInit(world),
  ...closedForAReason(world),
  ...errorsAreFailures(world),
];
/** …and those that need the promises and mutation records of the step to have landed. */
const settled = (world: World) => [
  ...always(world),
  ...pageReleasedWithoutModal(world),
  ...nothingLeftWhenAllStopped(vi.getTimerCount(), world),
];

/** Lets every promise and mutation record land: until nothing changes any more. */
async function settle(world: World) {
  const signature = () =>
    [
      vi.getTimerCount(),
      listeners.count(),
      sent.length,
      ...world.links.map((t) => `${t.link?.state}${t.calls.length}`),
    ].join();
  for (let i = 0, before = ''; i < 20 && before !== signature(); i++) {
    before = signature();
    await flush(30);
  }
}

async function run({ first, reactions, steps }: Scenario): Promise<string[]> {
  vi.setSystemTime(new Date('2026-11-26T12:00:00.000Z'));
  unhandled.length = 0;
  const world = new World(reactions);
  const unwatchFrames = watchFrames(world);
  const unwatchPosts = watchPosts(world);
  try {
    world.installOpener();
    world.open(first);
    for (const [index, { action, ticks }] of steps.entries()) {
      await play(world, action);
      await (ticks === SETTLE ? settle(world) : flush(ticks));
      const found = unknown(world, ticks === SETTLE ? settled(world) : always(world));
      // What the step gave cause for has happened by now, or will not.
      if (ticks === SETTLE) for (const t of world.links) t.causes.length = 0;
      if (found.length > 0) return [`after step ${index + 1} (${action.kind}):`, ...found];
    }
    for (const t of world.links) world.destroy(t);
    await settle(world);
    await macrotask();
    const found = unknown(world, [...settled(world), ...everyPromiseSettled(world, unhandled)]);
    if (found.length > 0) return ['after destroying every link:', ...found];
    return [];
  } finally {
    for (const t of world.links) t.link?.destroy();
    count(world);
    unwatchPosts();
    unwatchFrames();
    vi.clearAllTimers();
    listeners.active.clear();
    sent.length = 0;
    document.body.replaceChildren();
    document.documentElement.removeAttribute('style');
  }
}

function count(world: World) {
  const changes = world.links.flatMap((t) => t.changes);
  coverage.runs += 1;
  if (changes.some((c) => c.to === 'open')) coverage.open += 1;
  if (sent.some((m) => m.type === 'token')) coverage.refreshedInPlace += 1;
  if (changes.some((c) => c.from === 'closed' && c.to === 'fetching')) coverage.relaunched += 1;
  if (world.reentered) coverage.reentered += 1;
  if (world.links.some((t) => t.closeReasons.includes('removed'))) coverage.removed += 1;
  if (world.links.length > 1) coverage.links2 += 1;
}

const holds = (parameters: fc.Parameters<[Scenario]>) =>
  fc.assert(
    fc.asyncProperty(scenario, async (s) => {
      expect(await run(s)).toEqual([]);
    }),
    parameters,
  );

describe('the session core, model-based', () => {
  it(
    `keeps every invariant over random sequences (${RUNS} runs × ≤ 40 steps, up to 3 links)`,
    async () => {
      const started = realNow();
      const cpu = process.cpuUsage();
      await holds({ numRuns: RUNS, ...SEED });
      console.log(
        `model: ${RUNS} runs in ${Math.round(realNow() - started)} ms (${Math.round(cpuMs(process.cpuUsage(cpu)))} ms of CPU); ` +
          `runs that reached open ${coverage.open}, ` +
          `refreshed in place ${coverage.refreshedInPlace}, relaunched ${coverage.relaunched}, re-entered ` +
          `${coverage.reentered}, had our element removed ${coverage.removed}, had 2+ links ${coverage.links2}`,
      );
      // Not vacuous: the sequences reach the states where the invariants matter.
      expect(coverage.open / coverage.runs).toBeGreaterThan(0.3);
      expect(
        Math.min(coverage.refreshedInPlace, coverage.relaunched, coverage.reentered, coverage.removed),
      ).toBeGreaterThan(RUNS / 50);
    },
    Math.max(120_000, RUNS * 100),
  );

  // The seeds of the fuzz that found destroy() calls from listeners followed by their link's
  // listeners (destroy-silence.test.ts): each broke silentAfterDestroy within its first 60 runs
  // before the fix. They replay those runs only while model-scenario.ts generates the same.
  it.each([7919, 15838, 23757])('keeps every invariant over the 60 first runs of seed %i', (seed) =>
    holds({ numRuns: 60, seed }),
  );
});
