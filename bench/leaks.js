// Leaks in real Chromium: many open → ready → destroy cycles, open → destroy at once (before
// the token or the widget arrived), and close → relaunch on one link; DOM nodes, JS event
// listeners, documents and the JS heap after GC, before and after (CDP Performance.getMetrics,
// Runtime.getHeapUsage).
import { figure, isMain, median, percentile, printFigures, startBench, table, within } from './support.js';

const CYCLES = Number(process.env.BENCH_CYCLES ?? 1000);
const EARLY_CYCLES = Number(process.env.BENCH_EARLY_CYCLES ?? 300);
const RELAUNCH_CYCLES = Number(process.env.BENCH_RELAUNCH_CYCLES ?? 150);
const CONTROL_CYCLES = Number(process.env.BENCH_CONTROL_CYCLES ?? 250);
const TREND_EVERY = 250;
/** The ready cycles stop early after this long (a loaded 2-core machine runs ~100 ms a cycle). */
const TIME_CAP_MS = Number(process.env.BENCH_TIME_CAP_S ?? 60) * 1000;
const BATCH = 50;
const WARMUP = 50;
const MB = 1024 * 1024;

/**
 * In the page: `count` cycles of `mode`: 'ready' (open, await ready, destroy), 'early' (open,
 * destroy at once), 'relaunch' (one link kept in `window.relaunched`: await ready, close,
 * refresh) or 'bare' (the control, no SDK: an iframe, its `ready` message, removed).
 * Returns ms per cycle.
 */
function cycles([widgetUrl, count, mode]) {
  const fetchToken = async () => ({
    accessToken: `leak.${Math.random()}`,
    mode: 'SANDBOX',
    expiresAt: new Date(Date.now() + 600_000).toISOString(),
  });
  return (async () => {
    const times = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      if (mode === 'bare') {
        await new Promise((resolve) => {
          const iframe = document.createElement('iframe');
          const onMessage = (event) => {
            if (event.source !== iframe.contentWindow || event.data?.type !== 'ready') return;
            removeEventListener('message', onMessage);
            iframe.remove();
            resolve();
          };
          addEventListener('message', onMessage);
          iframe.src = widgetUrl;
          document.body.append(iframe);
        });
      } else if (mode === 'relaunch') {
        window.relaunched ??= window.WinkLink.open(fetchToken, { widgetUrl });
        await window.relaunched.ready;
        window.relaunched.close();
        window.relaunched.refresh().catch(() => {});
        await window.relaunched.ready;
      } else {
        const link = window.WinkLink.open(fetchToken, { widgetUrl });
        if (mode === 'ready') await link.ready;
        link.destroy();
      }
      times.push(performance.now() - t0);
    }
    // Let the last iframe's unload and any settled promise callbacks run.
    await new Promise((resolve) => setTimeout(resolve, 200));
    return times;
  })();
}

/** Everything that could leak, after a full GC. */
async function snapshot(cdp) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map(({ name, value }) => [name, value]));
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return {
    Nodes: m.Nodes,
    JSEventListeners: m.JSEventListeners,
    Documents: m.Documents,
    Frames: m.Frames,
    heap: usedSize,
    JSHeapUsedSize: m.JSHeapUsedSize,
  };
}

async function phase(bench, label, planned, mode) {
  const { page, cdp, widgetUrl } = bench;
  await within(page.evaluate(cycles, [widgetUrl, WARMUP, mode]), 60_000, `${label} warm-up`);
  const before = await snapshot(cdp);
  const times = [];
  const started = Date.now();
  let count = 0;
  const trend = [before.heap];
  while (count < planned && Date.now() - started < TIME_CAP_MS) {
    const n = Math.min(BATCH, planned - count);
    times.push(...(await within(page.evaluate(cycles, [widgetUrl, n, mode]), 60_000, `${label} batch`)));
    count += n;
    if (count % TREND_EVERY === 0 && count < planned) trend.push((await snapshot(cdp)).heap);
  }
  const after = await snapshot(cdp);
  const seconds = (Date.now() - started) / 1000;
  const capped = count < planned ? ` (of ${planned}: time cap)` : '';
  console.log(
    `\n## ${label}: ${count} cycles${capped} in ${seconds.toFixed(1)} s (cycle p50 ${median(times).toFixed(1)} ms, p90 ${percentile(times, 90).toFixed(1)} ms), after ${WARMUP} warm-up cycles`,
  );
  const rows = [['after GC', 'before', 'after', 'growth']];
  for (const key of ['Nodes', 'JSEventListeners', 'Documents', 'Frames'])
    rows.push([key, before[key], after[key], after[key] - before[key]]);
  for (const key of ['heap', 'JSHeapUsedSize']) {
    rows.push([
      key === 'heap' ? 'JS heap (Runtime.getHeapUsage)' : 'JSHeapUsedSize (metrics)',
      `${(before[key] / MB).toFixed(2)} MB`,
      `${(after[key] / MB).toFixed(2)} MB`,
      `${((after[key] - before[key]) / MB).toFixed(3)} MB`,
    ]);
  }
  table(rows);
  trend.push(after.heap);
  const perCycle = (after.heap - before.heap) / count;
  console.log(
    `heap after GC every ${TREND_EVERY} cycles: ${trend.map((h) => (h / MB).toFixed(3)).join(' → ')} MB; ${perCycle.toFixed(0)} B per cycle`,
  );
  return { before, after, count, perCycle };
}

export async function run() {
  const bench = await startBench();
  try {
    await bench.cdp.send('Performance.enable');
    const ready = await phase(bench, 'open → ready → destroy', CYCLES, 'ready');
    const early = await phase(bench, 'open → destroy at once (mid-fetch, mid-load)', EARLY_CYCLES, 'early');
    const relaunch = await phase(bench, 'one link: ready → close → refresh() relaunch', RELAUNCH_CYCLES, 'relaunch');
    const control = await phase(
      bench,
      'control, no SDK: bare iframe → ready message → removed',
      CONTROL_CYCLES,
      'bare',
    );
    const out = [];
    for (const [name, r] of [
      ['ready cycles', ready],
      ['early destroy', early],
      ['close/relaunch', relaunch],
    ]) {
      const grow = (key) => r.after[key] - r.before[key];
      out.push(
        figure(`${name} (${r.count}): DOM node growth`, grow('Nodes'), '0', grow('Nodes') <= 0),
        figure(
          `${name} (${r.count}): JS event listener growth`,
          grow('JSEventListeners'),
          '0',
          grow('JSEventListeners') <= 0,
        ),
        figure(
          `${name} (${r.count}): heap growth after GC`,
          `${(grow('heap') / MB).toFixed(3)} MB (${r.perCycle.toFixed(0)} B/cycle)`,
          '< 1 MB',
          grow('heap') < MB,
        ),
      );
    }
    out.push(
      figure(
        `control, bare iframe (${control.count}): heap growth per cycle`,
        `${control.perCycle.toFixed(0)} B/cycle`,
      ),
    );
    return out;
  } finally {
    await bench.close();
  }
}

if (isMain(import.meta.url)) printFigures('leaks', await run());
