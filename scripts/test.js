// The one test command (`npm test`): builds, runs every vitest project (unit in happy-dom,
// node, and e2e once per browser engine: Chromium, Firefox ESR, WebKitGTK) and the package
// checks, then prints one line per engine, `chromium: N passed, N failed`, and the plain total
// over all of them as its last line: `N passed, N failed`.
// Arguments narrow it: project names (`npm test -- unit e2e`) and engine names
// (`npm test -- webkit`: the e2e project in WebKit only).
//
// Time (CI allows 15 minutes on 2 cores): the test runs wait more than they compute (timers,
// network, a browser painting), so they run two at a time, each in its own process with its own
// log, printed whole when it ends. Chromium's e2e goes first, beside unit and node: it builds
// the framework apps the other engines reuse (test/support/spa-project.ts); then Firefox and
// WebKit side by side.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const ENGINES = ['chromium', 'firefox', 'webkit'];
const PROJECTS = ['unit', 'node', 'e2e'];
const results = { passed: 0, failed: 0 };
const perEngine = [];
const args = process.argv.slice(2);
const engines = args.some((a) => ENGINES.includes(a)) ? ENGINES.filter((e) => args.includes(e)) : ENGINES;
const named = args.filter((a) => !ENGINES.includes(a));
const only = named.length > 0 ? named : args.length > 0 ? ['e2e'] : [];
const projects = only.length > 0 ? only : PROJECTS;

function run(command, args, env = {}) {
  const prefix = Object.entries(env).map(([k, v]) => `${k}=${v} `);
  console.log(`\n$ ${prefix.join('')}${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status === 0;
}

/** A package-level check counts as one test. */
function check(name, command, args) {
  const ok = run(command, args);
  results[ok ? 'passed' : 'failed']++;
  console.log(`${ok ? '✓' : '✗'} check: ${name}`);
  return ok;
}

// Set-up, not a test: a missing browser that cannot be installed fails the run.
if ((projects.includes('e2e') || projects.includes('node')) && !run('bash', ['scripts/ensure-system.sh'])) {
  results.failed++;
  finish();
}
if (!check('build', 'npm', ['run', 'build', '--silent'])) finish();
// The docs site, its API reference generated first; VitePress refuses dead links, and the e2e
// test docs-site.test.ts opens what this builds (search, every anchor).
if (only.length === 0 || only.includes('e2e')) check('docs site builds', 'npm', ['run', 'docs:build', '--silent']);

mkdirSync('.test-results', { recursive: true });

/** Runs a command with its output in `log`; resolves to whether it succeeded. */
function runLogged(command, args, env, log) {
  const prefix = Object.entries(env).map(([k, v]) => `${k}=${v} `);
  console.log(`\n$ ${prefix.join('')}${command} ${args.join(' ')}  (output: ${log})`);
  const out = createWriteStream(log);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  return new Promise((resolve) => {
    child.on('error', () => resolve(false));
    child.on('close', (code) => out.end(() => resolve(code === 0)));
  });
}

/** Runs vitest on `names` (projects), prints its output once it ends, and adds its counts to the total. */
async function vitest(names, label, env = {}) {
  const report = `.test-results/vitest-${label}.json`;
  const log = `.test-results/vitest-${label}.log`;
  rmSync(report, { force: true });
  const started = Date.now();
  const ok = await runLogged(
    'npx',
    [
      'vitest',
      'run',
      ...names.flatMap((name) => ['--project', name]),
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    env,
    log,
  );
  console.log(`\n── ${label} (${Math.round((Date.now() - started) / 1000)} s) ──\n${readFileSync(log, 'utf8')}`);
  const counts = { passed: 0, failed: 0 };
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    counts.passed = json.numPassedTests;
    counts.failed = json.numFailedTests;
    // A suite that failed to load has no tests to count: count it as one failure.
    if (!ok && json.numFailedTests === 0) counts.failed++;
  } else {
    counts.failed++;
  }
  results.passed += counts.passed;
  results.failed += counts.failed;
  return counts;
}

const engineCounts = {};
const e2e = async (engine) => {
  engineCounts[engine] = await vitest(['e2e'], engine, { WINK_ENGINE: engine });
};
const withoutBrowsers = projects.filter((name) => name !== 'e2e');
const browsers = projects.includes('e2e') ? engines : [];
const [first, ...rest] = browsers;
await Promise.all([withoutBrowsers.length > 0 && vitest(withoutBrowsers, 'projects'), first && e2e(first)]);
await Promise.all(rest.map(e2e));
for (const engine of browsers) {
  const { passed, failed } = engineCounts[engine];
  perEngine.push(`${engine}: ${passed} passed, ${failed} failed`);
}

if (only.length === 0) {
  check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  check('lint and format (biome)', 'npx', ['biome', 'check', '.']);
  check('size budgets: script-tag bundle, wink-link/react (bench/budget.js)', 'node', ['bench/size.js', '--check']);
  check('publint', 'npx', ['publint', '--strict']);
  // Every resolution attw knows, node10 included (its own fallback: typesVersions). The one rule
  // ignored is by design: the package is ESM only, so require() from CommonJS needs Node's
  // require(esm) (≥ 20.19) or import(). (`--profile esm-only` would skip the node10 column.)
  check('are the types wrong (node10, node16, bundler)', 'npx', [
    'attw',
    '--pack',
    '.',
    '--ignore-rules',
    'cjs-resolves-to-esm',
  ]);
}
finish();

function finish() {
  console.log(`\n${perEngine.join('\n')}`);
  console.log(`${results.passed} passed, ${results.failed} failed`);
  process.exit(results.failed > 0 ? 1 : 0);
}
