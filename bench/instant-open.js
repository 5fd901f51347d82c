// Instant open: `WinkLink.prepare()` loads the widget and its token out of sight, so that
// `prepared.open()` shows a ready widget at once. Measured against a cold `WinkLink.open()`,
// interleaved in one run: from the open() call to the first frame painted with the widget
// showing its token.
import { figure, isMain, median, ms, percentile, printFigures, startBench, table, within } from './support.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const WARMUP = 3;

/** Runs in the page; resolves ms from open() to the first paint with the widget ready. */
const measure = ({ widgetUrl, prepared }) =>
  new Promise((resolve, reject) => {
    const fetchToken = async () => ({
      accessToken: `io.${Math.random()}`,
      mode: 'SANDBOX',
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
    });
    // After the next animation frame's paint: a rAF callback runs before paint, a task after it.
    const painted = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    const options = { widgetUrl, refresh: 'manual' };
    const shown = async (link, t0) => {
      await link.ready;
      await painted();
      const host = document.querySelector('wink-link');
      if (!host || host.hasAttribute('data-hidden')) throw new Error('the widget is not showing');
      const took = performance.now() - t0;
      link.destroy();
      return took;
    };
    if (prepared) {
      const link = window.WinkLink.prepare(fetchToken, options);
      link.ready
        .then(() => {
          const t0 = performance.now();
          return shown(link.open(), t0);
        })
        .then(resolve, reject);
    } else {
      const t0 = performance.now();
      shown(window.WinkLink.open(fetchToken, options), t0).then(resolve, reject);
    }
  });

export async function run() {
  const bench = await startBench();
  try {
    const samples = { cold: [], prepared: [] };
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      const order = round % 2 ? ['prepared', 'cold'] : ['cold', 'prepared'];
      for (const name of order) {
        const took = await within(
          bench.page.evaluate(measure, { widgetUrl: bench.widgetUrl, prepared: name === 'prepared' }),
          15_000,
          name,
        );
        if (round >= WARMUP) samples[name].push(took);
      }
    }
    const p = (name, q) => percentile(samples[name], q);
    console.log(`\n## open() → first paint with the widget ready, ${ROUNDS} interleaved rounds each`);
    table([['variant', 'p50', 'p90'], ...['cold', 'prepared'].map((n) => [n, ms(p(n, 50)), ms(p(n, 90))])]);
    const ratio = median(samples.prepared) / median(samples.cold);
    return [
      figure('open()→visible p50, cold WinkLink.open', ms(p('cold', 50))),
      figure(
        'open()→visible p50, prepared.open()',
        ms(p('prepared', 50)),
        'one frame (≤ 17 ms)',
        p('prepared', 50) <= 17,
      ),
      figure('prepared / cold (medians)', ratio.toFixed(2), '< 1'),
    ];
  } finally {
    await bench.close();
  }
}

if (isMain(import.meta.url)) printFigures('instant open', await run());
