// Open-to-ready latency in real Chromium: WinkLink.open() against a hand-written iframe +
// postMessage baseline and against penpal (connect + one call), interleaved in one run; the
// synchronous cost of the call and the host's main-thread time beside them; then proof that the
// iframe starts loading before fetchToken resolves.
import { figure, isMain, median, ms, percentile, printFigures, startBench, table, within } from './support.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const WARMUP = 3;
const GOAL_RATIO = 1.05;
const SETTLE_MS = 100;
// The widget on another site than the host page (127.0.0.1 vs localhost), as in production:
// Chromium then runs it in its own renderer process. SAME_SITE=1 measures both in one process.
const WIDGET_URL = ({ widgetUrl }) =>
  process.env.SAME_SITE ? widgetUrl : widgetUrl.replace('//localhost:', '//127.0.0.1:');

// Each variant's `run` runs in the page and resolves { ready, ack, sync } in ms from its start:
// `ready` when the widget has its token (init sent), `ack` when the widget's answer to init
// reached the host, `sync` how long the call itself held the main thread. `options` are passed to
// it (plus widgetUrl).
const bare = ({ widgetUrl, attributes = {} }) =>
  new Promise((resolve) => {
    const t0 = performance.now();
    let sync;
    const origin = new URL(widgetUrl).origin;
    const iframe = document.createElement('iframe');
    for (const [name, value] of Object.entries(attributes)) iframe.setAttribute(name, value);
    iframe.style.cssText = 'position:fixed;inset:5%;width:90%;height:90%;border:0';
    let ready;
    const onMessage = (event) => {
      if (event.source !== iframe.contentWindow || event.origin !== origin || event.data?.wink !== 1) return;
      if (event.data.type === 'ready') {
        const token = {
          accessToken: `bare.${Math.random()}`,
          mode: 'SANDBOX',
          expiresAt: new Date(Date.now() + 600_000).toISOString(),
        };
        iframe.contentWindow.postMessage({ wink: 1, type: 'init', payload: { ...token, sdkVersion: 'bare' } }, origin);
        ready = performance.now() - t0;
      } else if (event.data.type === 'event' && event.data.payload?.name === 'bench.ack') {
        const ack = performance.now() - t0;
        removeEventListener('message', onMessage);
        iframe.remove();
        resolve({ ready, ack, sync });
      }
    };
    addEventListener('message', onMessage);
    iframe.src = widgetUrl;
    document.body.append(iframe);
    sync = performance.now() - t0;
  });
/** penpal 7: an iframe, its handshake (SYN/ACK1/ACK2), then `init(token)` answered by its reply. */
const penpal = ({ widgetUrl }) =>
  new Promise((resolve, reject) => {
    const t0 = performance.now();
    const origin = new URL(widgetUrl).origin;
    const iframe = document.createElement('iframe');
    iframe.style.cssText = 'position:fixed;inset:5%;width:90%;height:90%;border:0';
    iframe.src = `${origin}/penpal-child?host=${encodeURIComponent(location.origin)}`;
    document.body.append(iframe);
    const messenger = new window.Penpal.WindowMessenger({
      remoteWindow: iframe.contentWindow,
      allowedOrigins: [origin],
    });
    const connection = window.Penpal.connect({ messenger, methods: {} });
    const sync = performance.now() - t0;
    connection.promise.then(async (remote) => {
      const token = {
        accessToken: `penpal.${Math.random()}`,
        mode: 'SANDBOX',
        expiresAt: new Date(Date.now() + 600_000).toISOString(),
      };
      const answered = remote.init(token);
      const ready = performance.now() - t0;
      await answered;
      const ack = performance.now() - t0;
      connection.destroy();
      iframe.remove();
      resolve({ ready, ack, sync });
    }, reject);
  });
/** The SDK: modal (or inline), shadow DOM, validation, state machine; fetchToken resolves at once. */
const open = ({ widgetUrl, container }) =>
  new Promise((resolve, reject) => {
    const t0 = performance.now();
    let ready;
    const fetchToken = async () => ({
      accessToken: `sdk.${Math.random()}`,
      mode: 'SANDBOX',
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
    });
    const link = window.WinkLink.open(fetchToken, {
      widgetUrl,
      container,
      refresh: 'manual',
      onEvent: (event) => {
        if (event.name !== 'bench.ack') return;
        const ack = performance.now() - t0;
        link.destroy();
        resolve({ ready, ack, sync });
      },
    });
    const sync = performance.now() - t0;
    link.ready.then(() => (ready = performance.now() - t0), reject);
  });

const VARIANTS = {
  /** The baseline: an iframe and one postMessage round trip, no SDK. */
  bare: { run: bare },
  /** A general-purpose postMessage library doing the same job. */
  penpal: { run: penpal },
  /** What the goal is about: WinkLink.open, default modal. */
  open: { run: open },
  // Diagnostics: where the SDK's extra time goes.
  'open, inline': { run: open, options: { container: '#inline' } },
  // The bare iframe with the SDK's sandbox and referrer policy: what those alone cost.
  'bare, sandboxed': {
    run: bare,
    options: {
      attributes: {
        sandbox: 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox',
        referrerpolicy: 'strict-origin',
      },
    },
  },
  // Instant open (WinkLink.prepare) is measured in bench/instant-open.js.
};

/** fetchToken resolves after `delayMs`; returns when it resolved and when the widget document was requested. */
async function parallelLoad(bench, delayMs) {
  const { page, widgetUrl } = bench;
  const host = await page.evaluate(
    ([url, delay]) =>
      new Promise((resolve, reject) => {
        performance.clearResourceTimings();
        const t0 = performance.now();
        let resolvedAt;
        const fetchToken = () =>
          new Promise((done) =>
            setTimeout(() => {
              resolvedAt = performance.now();
              done({
                accessToken: `slow.${Math.random()}`,
                mode: 'SANDBOX',
                expiresAt: new Date(Date.now() + 600_000).toISOString(),
              });
            }, delay),
          );
        const link = window.WinkLink.open(fetchToken, { widgetUrl: url, refresh: 'manual' });
        link.ready.then(() => {
          const ready = performance.now();
          const entry = performance
            .getEntriesByType('resource')
            .find((e) => e.initiatorType === 'iframe' && e.name.startsWith(url));
          resolve({
            timeOrigin: performance.timeOrigin,
            t0,
            resolvedAt,
            ready,
            entry: entry && { startTime: entry.startTime, requestStart: entry.requestStart },
          });
          link.destroy();
        }, reject);
      }),
    [widgetUrl, delayMs],
  );
  // The widget frame is gone after destroy, so its request time is read from the host's
  // resource timing: Chromium reports an iframe's document request there (initiatorType iframe).
  return host;
}

export async function run() {
  const bench = await startBench({ ackWidget: true, penpal: true });
  await bench.cdp.send('Performance.enable');
  /** The host page's main-thread busy time so far (CDP TaskDuration), in ms. */
  const busy = async () =>
    1000 * (await bench.cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
  try {
    const names = Object.keys(VARIANTS);
    const samples = Object.fromEntries(names.map((n) => [n, []]));
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      // Interleaved, and the order alternates so neither variant always runs first.
      const order = round % 2 ? [...names].reverse() : names;
      for (const name of order) {
        const { run: variant, options } = VARIANTS[name];
        const before = await busy();
        const result = await within(
          bench.page.evaluate(variant, { widgetUrl: WIDGET_URL(bench), ...options }),
          15_000,
          `${name} round ${round}`,
        );
        result.main = (await busy()) - before;
        if (round >= WARMUP) samples[name].push(result);
        // Let the page settle (teardown, GC, the last frames) so no run pays for the one before.
        await bench.page.evaluate(
          (pause) =>
            new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, pause)))),
          SETTLE_MS,
        );
      }
    }
    const stat = (name, key, p) =>
      percentile(
        samples[name].map((s) => s[key]),
        p,
      );
    const rows = [
      ['variant', 'n', 'ready p50', 'ready p90', 'ack p50', 'ack p90', 'sync p50', 'main p50', 'ack p50 / bare'],
    ];
    for (const name of names) {
      rows.push([
        name,
        samples[name].length,
        ...[
          ['ready', 50],
          ['ready', 90],
          ['ack', 50],
          ['ack', 90],
          ['sync', 50],
          ['main', 50],
        ].map(([k, p]) => ms(stat(name, k, p))),
        (stat(name, 'ack', 50) / stat('bare', 'ack', 50)).toFixed(3),
      ]);
    }
    console.log(
      `\n## open → ready, ${ROUNDS} interleaved rounds per variant (after ${WARMUP} warm-up), Chromium headless`,
    );
    table(rows);
    // Paired ratios: each SDK sample over the baseline sample of the same round.
    const pairRatio = (key, over = 'bare') => median(samples.open.map((s, i) => s[key] / samples[over][i][key]));
    const ratio = (key, over = 'bare') =>
      median(samples.open.map((s) => s[key])) / median(samples[over].map((s) => s[key]));
    const ackRatio = ratio('ack');
    const readyRatio = ratio('ready');
    const penpalRatio = ratio('ack', 'penpal');
    console.log(`ratio of medians  open/bare: ready ${readyRatio.toFixed(3)}, ack ${ackRatio.toFixed(3)}`);
    console.log(
      `median of paired ratios:     ready ${pairRatio('ready').toFixed(3)}, ack ${pairRatio('ack').toFixed(3)}`,
    );
    console.log(
      `open/penpal: ack ratio of medians ${penpalRatio.toFixed(3)}, median of paired ratios ${pairRatio('ack', 'penpal').toFixed(3)}; penpal/bare ack ${(median(samples.penpal.map((s) => s.ack)) / median(samples.bare.map((s) => s.ack))).toFixed(3)}`,
    );

    console.log('\n## parallel load: fetchToken resolves after 300 ms');
    const p = await within(parallelLoad({ ...bench, widgetUrl: WIDGET_URL(bench) }, 300), 15_000, 'parallel load');
    const requested = p.entry ? p.entry.startTime - p.t0 : NaN;
    console.log(
      `open at 0 ms; widget document request started at ${ms(requested)} (PerformanceResourceTiming, initiatorType iframe);` +
        ` fetchToken resolved at ${ms(p.resolvedAt - p.t0)}; ready at ${ms(p.ready - p.t0)}`,
    );
    const parallel = requested < p.resolvedAt - p.t0;
    console.log(
      parallel
        ? 'the iframe started loading before fetchToken resolved'
        : 'NOT PARALLEL: the iframe waited for the token',
    );
    return [
      figure('open→ready p50, SDK', ms(stat('open', 'ready', 50))),
      figure('open→ready p50, bare iframe', ms(stat('bare', 'ready', 50))),
      figure('open→ready ratio (medians) SDK/bare', readyRatio.toFixed(3), `≤ ${GOAL_RATIO}`, readyRatio <= GOAL_RATIO),
      figure('open→ack ratio (medians) SDK/bare', ackRatio.toFixed(3), `≤ ${GOAL_RATIO}`, ackRatio <= GOAL_RATIO),
      figure('open→ack ratio (medians) SDK/penpal', penpalRatio.toFixed(3), '< 1', penpalRatio < 1),
      figure(
        'sync call p50: open() / bare iframe',
        `${ms(stat('open', 'sync', 50))} / ${ms(stat('bare', 'sync', 50))}`,
      ),
      figure(
        'host main thread p50: open / bare / penpal',
        ['open', 'bare', 'penpal'].map((n) => ms(stat(n, 'main', 50))).join(' / '),
      ),
      ...names
        .filter((n) => !['bare', 'open', 'penpal'].includes(n))
        .map((n) => figure(`${n}: ready p50 / bare`, (stat(n, 'ready', 50) / stat('bare', 'ready', 50)).toFixed(3))),
      figure(
        'widget request starts before fetchToken (300 ms) resolves',
        `${ms(requested)} vs ${ms(p.resolvedAt - p.t0)}`,
        'before',
        parallel,
      ),
      figure('open→ready with a 300 ms fetchToken', ms(p.ready - p.t0), '≈ 300 ms + ε'),
    ];
  } finally {
    await bench.close();
  }
}

if (isMain(import.meta.url)) printFigures('latency', await run());
