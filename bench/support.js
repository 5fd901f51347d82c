// Shared bench helpers: bundling with the build's settings, the two test origins and Chromium
// (test/support/*.ts loaded through vite's module runner, not copied), stats and reporting.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { build, runnerImport } from 'vite';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const IIFE = join(ROOT, 'dist/wink-link.iife.js');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** True when the module at `url` is the script node was started with. */
export const isMain = (url) => process.argv[1] !== undefined && url === pathToFileURL(process.argv[1]).href;

/** Builds dist/ when the script-tag bundle is missing. */
export function ensureDist() {
  if (existsSync(IIFE)) return;
  console.log('dist/ missing: running npm run build');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * Bundles `entry` (a file, or `code` as a virtual module) in memory with the settings of
 * vite.config.ts's script-tag build (iife, es2022, default minify, same define).
 * `keepSideEffects`: keep side-effect-only imports (package.json's `sideEffects` would drop them).
 * `external`: imports left to the app (e.g. React). Returns the output chunk ({ code, modules }).
 */
export async function bundle({ entry, code, format = 'iife', minify, keepSideEffects = false, external = [] }) {
  const VIRTUAL = '\0bench-entry';
  const plugins =
    code === undefined
      ? []
      : [
          {
            name: 'bench-entry',
            enforce: 'pre',
            resolveId: (id) => (id.endsWith('bench-entry') ? VIRTUAL : undefined),
            load: (id) => (id === VIRTUAL ? code : undefined),
          },
        ];
  if (keepSideEffects) {
    plugins.push({
      name: 'keep-side-effects',
      enforce: 'pre',
      async resolveId(source, importer, options) {
        const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
        return resolved && { ...resolved, moduleSideEffects: true };
      },
    });
  }
  const output = await build({
    configFile: false,
    logLevel: 'error',
    root: ROOT,
    plugins,
    define: { __WINK_LINK_VERSION__: JSON.stringify(pkg.version) },
    build: {
      write: false,
      target: 'es2022',
      ...(minify === undefined ? {} : { minify }),
      rollupOptions: { external },
      lib: {
        entry: code === undefined ? entry : 'bench-entry',
        formats: [format],
        name: 'WinkLink',
        fileName: () => 'bench.js',
      },
    },
  });
  const result = Array.isArray(output) ? output[0] : output;
  return result.output.find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
}

let support;
/** test/support/servers.ts and browser.ts, loaded from source (no copy). */
async function testSupport() {
  support ??= Promise.all(
    ['servers.ts', 'browser.ts'].map((file) =>
      runnerImport(join(ROOT, 'test/support', file), { configFile: false, logLevel: 'error' }).then((r) => r.module),
    ),
  ).then(([servers, browser]) => ({ ...servers, ...browser }));
  return support;
}

/**
 * The host origin (dist IIFE + test host page) and widget origin (test widget page), then
 * Chromium on the host page. The IIFE is read once here, so another engineer's rebuild of
 * dist/ mid-run cannot break the bench. `ackWidget`: the test widget plus one `event`
 * (name `bench.ack`) in answer to each `init`, so a full ready → init → ack round trip is seen.
 */
export async function startBench({ ackWidget = false, penpal = false } = {}) {
  ensureDist();
  const { startTestOrigins, launchChromium } = await testSupport();
  const origins = await startTestOrigins();
  origins.host.content('/wink-link.iife.js', readFileSync(IIFE, 'utf8'), 'text/javascript; charset=utf-8');
  if (ackWidget) {
    const chunk = await bundle({
      entry: join(ROOT, 'bench/ack-widget.js'),
      format: 'es',
      minify: false,
      keepSideEffects: true,
    });
    origins.widget.content('/widget.js', chunk.code, 'text/javascript; charset=utf-8');
  }
  if (penpal) {
    // penpal's own browser build (global `Penpal`) on both sides, and a child page on the widget origin.
    for (const origin of [origins.host, origins.widget])
      origin.route('/penpal.min.js', 'node_modules/penpal/dist/penpal.min.js');
    origins.widget.route('/penpal-child.js', 'bench/penpal-child.js');
    // The same page as the test widget (markup, stylesheet, a module script), penpal instead of
    // wink-link/widget: the two handshakes are compared, not two page weights.
    origins.widget.content(
      '/penpal-child',
      readFileSync(join(ROOT, 'test/support/widget/index.html'), 'utf8')
        .replace(/\s*<meta name="wink-allowed-origins"[^>]*>/, '')
        .replace(
          '<script type="module" src="/widget.js"></script>',
          '<script src="/penpal.min.js"></script><script type="module" src="/penpal-child.js"></script>',
        ),
    );
  }
  const browser = await launchChromium();
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error.message));
  await page.goto(origins.host.url);
  if (penpal) await page.addScriptTag({ url: '/penpal.min.js' });
  await page.waitForFunction(() => typeof window.WinkLink?.open === 'function');
  const cdp = await page.context().newCDPSession(page);
  return {
    origins,
    browser,
    page,
    cdp,
    widgetUrl: origins.widgetUrl,
    async close() {
      await browser.close().catch(() => {});
      await origins.close();
    },
  };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects when `promise` takes longer than `limitMs` (a hung page must not hang the bench). */
export function within(promise, limitMs, what) {
  let timer;
  const limit = new Promise(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${limitMs} ms`)), limitMs)),
  );
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** Nearest-rank percentile, p in [0, 100]. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
export const median = (values) => percentile(values, 50);

/** Prints rows as an aligned table; rows are arrays of cells, the first row the header. */
export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  for (const row of rows) {
    console.log(
      row
        .map((cell, i) =>
          typeof cell === 'number' ? String(cell).padStart(widths[i]) : String(cell).padEnd(widths[i]),
        )
        .join('  '),
    );
  }
}

/**
 * A measured figure with its goal: `ok` is true, false, or null (no goal / informational).
 * Benches return arrays of these; run.js prints them all in one summary.
 */
export const figure = (name, value, goal = '', ok = null) => ({ name, value, goal, ok });

export function printFigures(title, figures) {
  console.log(`\n── ${title}: figures ──`);
  table([
    ['figure', 'measured', 'goal', ''],
    ...figures.map((f) => [f.name, f.value, f.goal, f.ok === null ? '' : f.ok ? 'met' : 'MISSED']),
  ]);
}

export const ms = (value, digits = 1) => `${value.toFixed(digits)} ms`;
