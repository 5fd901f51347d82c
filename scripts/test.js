// The one test command (`npm test`): builds the package and the docs site, runs every vitest
// project (unit in happy-dom, node, e2e in real Chromium) and the package checks, then prints
// the plain total over all of them as its last line: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = { passed: 0, failed: 0 };
const only = process.argv.slice(2); // e.g. `npm test -- unit` runs one vitest project

function run(command, args) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit', env: process.env }).status === 0;
}

/** A package-level check counts as one test. */
function check(name, command, args) {
  const ok = run(command, args);
  results[ok ? 'passed' : 'failed']++;
  console.log(`${ok ? '✓' : '✗'} check: ${name}`);
  return ok;
}

// Set-up, not a test: a missing browser that cannot be installed fails the run.
if (!run('bash', ['scripts/ensure-chromium.sh'])) {
  results.failed++;
  finish();
}
if (!check('build', 'npm', ['run', 'build', '--silent'])) finish();
// The docs site, its API reference generated first; VitePress refuses dead links, and the e2e
// test docs-site.test.ts opens what this builds (search, every anchor).
if (only.length === 0 || only.includes('e2e')) check('docs site builds', 'npm', ['run', 'docs:build', '--silent']);

mkdirSync('.test-results', { recursive: true });
const report = '.test-results/vitest.json';
rmSync(report, { force: true });
const projects = only.flatMap((name) => ['--project', name]);
const vitestOk = run('npx', [
  'vitest',
  'run',
  ...projects,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  results.passed += json.numPassedTests;
  results.failed += json.numFailedTests;
  // A suite that failed to load has no tests to count: count it as one failure.
  if (!vitestOk && json.numFailedTests === 0) results.failed++;
} else {
  results.failed++;
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
  console.log(`\n${results.passed} passed, ${results.failed} failed`);
  process.exit(results.failed > 0 ? 1 : 0);
}
