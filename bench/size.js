// Size: gzip (level 9) and brotli bytes of every dist entry, what each part costs the
// script-tag bundle, and what each framework binding adds to an app. `node bench/size.js --check` exits 1
// above either CI budget (bench/budget.js).
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { IIFE_GZIP_BUDGET, IIFE_GZIP_GOAL, BINDING_GZIP_BUDGET } from './budget.js';
import { ROOT, bundle, ensureDist, figure, isMain, printFigures, table } from './support.js';

const DIST = join(ROOT, 'dist');
const ENTRIES = [
  'index.js',
  'widget.js',
  'server.js',
  'react.js',
  'vue.js',
  'svelte.js',
  'angular.js',
  'smile.js',
  'smile-compat.js',
  'wink-link.iife.js',
  'smile-bridge.js',
  'smile-compat.iife.js',
];

export const gzip = (text) => gzipSync(text, { level: 9 }).length;
export const brotli = (text) => brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const sizes = (text) => [Buffer.byteLength(text), gzip(text), brotli(text)];

/** An ESM entry and the local chunks it imports. */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(join(DIST, file), 'utf8');
  for (const [, spec] of code.matchAll(/(?:from|import)\s*["']\.\/([^"']+)["']/g)) closure(spec, seen);
  return seen;
}

function distTable() {
  const rows = [['dist file', 'raw B', 'gzip B', 'brotli B']];
  for (const entry of ENTRIES) {
    rows.push([entry, ...sizes(readFileSync(join(DIST, entry), 'utf8'))]);
    const files = [...closure(entry)];
    if (files.length > 1) {
      rows.push([
        `  ${entry} + its chunks (${files.slice(1).join(', ')})`,
        ...sizes(files.map((f) => readFileSync(join(DIST, f), 'utf8')).join('\n')),
      ]);
    }
  }
  const others = readdirSync(DIST).filter((f) => f.endsWith('.js') && !ENTRIES.includes(f));
  for (const file of others) rows.push([`  (chunk) ${file}`, ...sizes(readFileSync(join(DIST, file), 'utf8'))]);
  table(rows);
}

/** `export { names } from '<the src file that exports them>';` (files move; names stay). */
function reexport(...names) {
  const files = readdirSync(join(ROOT, 'src'), { recursive: true }).filter((f) => f.endsWith('.ts'));
  return names
    .map((name) => {
      const file = files.find((f) =>
        new RegExp(`export (const|function) ${name}\\b`).test(readFileSync(join(ROOT, 'src', f), 'utf8')),
      );
      if (!file) throw new Error(`no src/**/*.ts exports ${name}`);
      return `export { ${name} } from ${JSON.stringify(join(ROOT, 'src', file))};`;
    })
    .join('\n');
}

/** Variant bundles of the script-tag build: each isolates one part of the IIFE. */
const VARIANTS = {
  'full IIFE (src/host/global.ts, rebuilt)': () => ({ entry: join(ROOT, 'src/host/global.ts') }),
  'validation: token schema': () => ({ code: reexport('parseToken') }),
  'validation: token & protocol schemas': () => ({
    code: reexport('parseToken', 'widgetToHost', 'hostToWidget', 'parseMessage'),
  }),
  'SPA: src/host/index.ts + deps as minified ESM (app bundler cost)': () => ({
    entry: join(ROOT, 'src/host/index.ts'),
    format: 'es',
    minify: true,
  }),
};

async function variantTable(distIife) {
  const built = {};
  const rows = [['variant bundle', 'raw B', 'gzip B', 'brotli B', 'gzip share']];
  for (const [name, options] of Object.entries(VARIANTS)) {
    const chunk = await bundle(options()).catch((error) => {
      console.log(`(variant "${name}" not built: ${String(error.message).split('\n')[0]})`);
      return { code: '', modules: {} };
    });
    built[name] = { chunk, sizes: sizes(chunk.code) };
    rows.push([name, ...built[name].sizes, `${((100 * built[name].sizes[1]) / gzip(distIife)).toFixed(0)}%`]);
  }
  const full = built['full IIFE (src/host/global.ts, rebuilt)'].sizes;
  const validation = built['validation: token & protocol schemas'].sizes;
  const rest = full.map((v, i) => v - validation[i]);
  rows.push(['rest = full − validation (approx.)', ...rest, `${((100 * rest[1]) / full[1]).toFixed(0)}%`]);
  table(rows);
  return built['full IIFE (src/host/global.ts, rebuilt)'].chunk;
}

/** Bytes each module renders into the IIFE (before minify and compression), grouped. */
function moduleTable(chunk) {
  const entries = Object.entries(chunk.modules).map(([id, m]) => [
    relative(ROOT, id).replace(/^node_modules\//, ''),
    m.renderedLength,
  ]);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  const group = (test) => entries.filter(([id]) => test(id)).reduce((sum, [, n]) => sum + n, 0);
  const rows = [['module in the IIFE', 'rendered B', 'share']];
  for (const [id, n] of entries.sort((a, b) => b[1] - a[1])) rows.push([id, n, `${((100 * n) / total).toFixed(1)}%`]);
  for (const [name, test] of [
    [
      '= validation (rules, schemas, token, protocol)',
      (id) => /^src\/shared\/(rules|schemas|token|protocol)\.ts$/.test(id),
    ],
    ['= src/', (id) => id.startsWith('src/')],
  ]) {
    const n = group(test);
    rows.push([name, n, `${((100 * n) / total).toFixed(1)}%`]);
  }
  table(rows);
}

/** The framework bindings: dist entry → the framework it leaves to the app. */
const BINDINGS = {
  'react.js': /^react($|\/)/,
  'vue.js': /^vue($|\/)/,
  'svelte.js': /^svelte($|\/)/,
  'angular.js': /^@angular\//,
};

/**
 * What a binding costs an app that already uses the core: the shipped dist entries bundled as an
 * app's bundler would (minified ESM, the framework left to the app), with and without it.
 */
async function bindingCost(file, framework) {
  const from = (entry) => `export * from ${JSON.stringify(join(DIST, entry))};`;
  const settings = { format: 'es', minify: true, external: [framework] };
  const core = await bundle({ code: from('index.js'), ...settings });
  const both = await bundle({ code: `${from('index.js')}\n${from(file)}`, ...settings });
  return gzip(both.code) - gzip(core.code);
}

export async function run({ detail = true } = {}) {
  ensureDist();
  const iife = readFileSync(join(DIST, 'wink-link.iife.js'), 'utf8');
  const iifeGzip = gzip(iife);
  if (detail) {
    console.log('\n## dist entries (gzip -9, brotli q11)');
    distTable();
    console.log('\n## what each part costs the script-tag bundle (vite build, iife, same settings as vite.config.ts)');
    const full = await variantTable(iife);
    console.log('\n## per module: rendered bytes before minify (relative weight; gzip is not additive)');
    moduleTable(full);
  }
  const bindings = [];
  for (const [file, framework] of Object.entries(BINDINGS)) {
    const cost = await bindingCost(file, framework);
    bindings.push(
      figure(
        `wink-link/${file.replace('.js', '')} on top of the core (app bundle, minified, gzip)`,
        `${cost} B`,
        `≤ ${BINDING_GZIP_BUDGET} B`,
        cost <= BINDING_GZIP_BUDGET,
      ),
    );
  }
  return [
    figure('IIFE gzip (dist/wink-link.iife.js)', `${iifeGzip} B`, `≤ ${IIFE_GZIP_GOAL} B`, iifeGzip <= IIFE_GZIP_GOAL),
    figure('IIFE gzip, CI budget', `${iifeGzip} B`, `≤ ${IIFE_GZIP_BUDGET} B`, iifeGzip <= IIFE_GZIP_BUDGET),
    figure('IIFE brotli', `${brotli(iife)} B`),
    ...bindings,
  ];
}

if (isMain(import.meta.url)) {
  const check = process.argv.includes('--check');
  const figures = await run({ detail: !check });
  printFigures('size', figures);
  const over = [
    !figures[1].ok && `dist/wink-link.iife.js is ${figures[1].value} gzip, over the ${IIFE_GZIP_BUDGET} B budget`,
    ...figures
      .slice(3)
      .filter((f) => !f.ok)
      .map((f) => `${f.name.split(' ')[0]} adds ${f.value} gzip, over the ${BINDING_GZIP_BUDGET} B budget`),
  ].filter(Boolean);
  if (check && over.length > 0) {
    console.error(`\nsize check FAILED (bench/budget.js): ${over.join('; ')}.`);
    process.exit(1);
  }
}
