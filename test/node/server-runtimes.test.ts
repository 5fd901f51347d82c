/**
 * The same handler tests (test/runtimes/handler-suite.mjs) on every runtime wink-link/server
 * promises: Node 20, Bun, Deno and workerd (Cloudflare Workers' runtime, through miniflare, with
 * no compatibility flag, so no Node built-ins). Each runs the built package (dist/server.js); the
 * runtimes come from the npm packages bun, deno and miniflare (devDependencies), offline.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Miniflare } from 'miniflare';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CaseResult as Result, cases } from '../runtimes/handler-suite.mjs';

const ROOT = join(import.meta.dirname, '../..');
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);
const run = promisify(execFile);
/** The suite's modules, as every runtime loads them (fixtures.mjs aside: workerd has no JSON modules). */
const SUITE_FILES = readdirSync(join(ROOT, 'test/runtimes')).filter(
  (file) => file.endsWith('.mjs') && !['worker.mjs', 'run.mjs', 'fixtures.mjs'].includes(file),
);

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/server.js')))
    throw new Error('dist/server.js is missing: run `npm run build` first.');
});

async function inProcess(command: string, args: string[]): Promise<Result[]> {
  const { stdout } = await run(command, [...args, 'test/runtimes/run.mjs'], { cwd: ROOT, timeout: 60_000 });
  return JSON.parse(stdout) as Result[];
}

/** dist/server.js and the chunks it imports, as workerd modules. */
function distModules(file = 'server.js', seen = new Map<string, string>()): Map<string, string> {
  if (seen.has(file)) return seen;
  const code = readFileSync(join(ROOT, 'dist', file), 'utf8');
  seen.set(file, code);
  for (const [, chunk] of code.matchAll(/from\s*"\.\/([^"]+)"/g)) distModules(chunk!, seen);
  return seen;
}

async function inWorkerd(): Promise<Result[]> {
  const source = (path: string) => ({
    type: 'ESModule' as const,
    path,
    contents: readFileSync(join(ROOT, path), 'utf8'),
  });
  const fixture = (name: string) => readFileSync(join(ROOT, 'test/fixtures/smile', `${name}.json`), 'utf8');
  const mf = new Miniflare({
    rootPath: ROOT,
    modules: [
      source('test/runtimes/worker.mjs'), // the entry: first
      ...SUITE_FILES.map((file) => source(`test/runtimes/${file}`)),
      {
        type: 'ESModule',
        path: 'test/runtimes/fixtures.mjs',
        contents: `export const api = ${fixture('open-api')};\nexport const contract = ${fixture('webhook-contract')};\nexport const docs = ${fixture('webhook-examples')};\n`,
      },
      ...[...distModules()].map(([file, contents]) => ({ type: 'ESModule' as const, path: `dist/${file}`, contents })),
    ],
    compatibilityDate: '2025-01-01',
    compatibilityFlags: [],
  });
  try {
    // Twice, in two requests: what the module keeps between requests (imported HMAC keys, the
    // handlers made at module scope) must be usable from another request's context.
    const runs: Result[][] = [];
    for (let i = 0; i < 2; i++) {
      const answer = await mf.dispatchFetch('http://localhost/');
      const { moduleScope, results } = (await answer.json()) as { moduleScope: number[]; results: Result[] };
      expect(moduleScope).toEqual([200, 401]); // a signed webhook; no signed-in user
      runs.push(results);
    }
    return runs[1]!.map((second, i) => (runs[0]![i]!.ok ? second : runs[0]![i]!));
  } finally {
    await mf.dispose();
  }
}

const RUNTIMES: Array<[string, () => Promise<Result[]>]> = [
  ['Node', () => inProcess(process.execPath, [])],
  ['Bun', () => inProcess(bin('bun'), [])],
  // No permission flags: the package needs none.
  ['Deno', () => inProcess(bin('deno'), ['run', '--quiet', '--no-prompt'])],
  ['workerd', inWorkerd],
];

describe.each(RUNTIMES)('%s', (_runtime, runSuite) => {
  let results: Result[];
  beforeAll(async () => {
    results = await runSuite();
  }, 120_000);

  it('ran every case', () => {
    expect(results.map((r) => r.name)).toEqual(cases.map(([name]) => name));
  });

  it.each(cases.map(([name]) => name))('%s', (name) => {
    const result = results.find((r) => r.name === name);
    expect(result?.error ?? '').toBe('');
    expect(result?.ok).toBe(true);
  });
});
