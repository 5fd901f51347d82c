// `npm run bench`: every bench in turn (building dist/ first if it is missing), then one summary
// of all figures next to their goals. Figures are reported, never asserted: the only failing
// check is `node bench/size.js --check` (the CI size budget).
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { IIFE, ROOT, ensureDist, table } from './support.js';

const BENCHES = ['size', 'latency', 'instant-open', 'expiry', 'leaks'];
const only = process.argv.slice(2);

ensureDist();
const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();
console.log(
  `wink-link benches: HEAD ${commit} (plus uncommitted changes, if any), dist/wink-link.iife.js built ${statSync(IIFE).mtime.toISOString()}`,
);
console.log(
  `node ${process.version}; Chromium headless; figures are medians/percentiles from one run, A/B interleaved`,
);

const results = [];
for (const name of BENCHES.filter((n) => only.length === 0 || only.includes(n))) {
  console.log(`\n━━━━ bench/${name}.js ━━━━`);
  const started = Date.now();
  try {
    const { run } = await import(`./${name}.js`);
    results.push([name, await run(), null, Date.now() - started]);
  } catch (error) {
    console.error(`bench/${name}.js failed:`, error);
    results.push([name, [], error, Date.now() - started]);
  }
}

console.log('\n━━━━ summary ━━━━');
const rows = [['bench', 'figure', 'measured', 'goal', '']];
for (const [name, figures, error, took] of results) {
  if (error)
    rows.push([
      name,
      'FAILED TO RUN',
      String(error.message ?? error)
        // biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colour codes
        .replace(/\x1b\[[0-9;]*m/g, '')
        .split('\n')
        .find(Boolean)
        ?.slice(0, 70) ?? '',
      '',
      '',
    ]);
  for (const f of figures) rows.push([name, f.name, f.value, f.goal, f.ok === null ? '' : f.ok ? 'met' : 'MISSED']);
  rows.push([name, `(took ${(took / 1000).toFixed(0)} s)`, '', '', '']);
}
table(rows);
if (results.some(([, , error]) => error)) process.exitCode = 1;
