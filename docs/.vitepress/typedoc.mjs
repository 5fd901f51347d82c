// TypeDoc's settings for the API reference (docs/api/, Markdown for VitePress). The entries
// come from package.json "exports": each one with code and types ("./react" → its types
// ./dist/react/index.d.ts → the source src/react/index.ts) gets a page named as apps import it
// (`wink-link/react`), so a new entry joins the reference with no edit here. Each is documented
// through a generated one-line module that re-exports the entry (`export * from …`), carrying
// the entry's own leading comment and its import name: the sources need no TypeDoc tags.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const ENTRIES = join(import.meta.dirname, '.api-entries');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** `[import name, source file]` for every export that has code and types. */
export function entryPoints() {
  return Object.entries(pkg.exports).flatMap(([path, target]) => {
    // Types-only entries (`./global`, the script tag's global) have no exports to document.
    const code = typeof target === 'object' && Object.keys(target).some((condition) => condition !== 'types');
    if (!code || !target.types) return [];
    const source = target.types.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$/, '.ts');
    if (!existsSync(join(ROOT, source))) throw new Error(`${path}: no source ${source} for its types ${target.types}`);
    return [[path === '.' ? pkg.name : `${pkg.name}/${path.slice(2)}`, source]];
  });
}

/** The entry's own summary: the first doc comment of its file, if it names the entry. */
function leadingComment(source, name) {
  const comment = readFileSync(join(ROOT, source), 'utf8').match(/\/\*\*([\s\S]*?)\*\//)?.[1] ?? '';
  const text = comment.replace(/^\s*\* ?/gm, '').trim();
  return text.startsWith(name) ? text : '';
}

rmSync(ENTRIES, { recursive: true, force: true });
mkdirSync(ENTRIES, { recursive: true });
const files = entryPoints().map(([name, source]) => {
  const file = join(ENTRIES, `${name.replace(/\//g, '__')}.ts`);
  const from = relative(dirname(file), join(ROOT, source)).replace(/\.ts$/, '.js');
  const summary = leadingComment(source, name)
    .split('\n')
    .map((line) => ` * ${line}`.trimEnd())
    .join('\n');
  writeFileSync(file, `/**\n${summary}\n *\n * @module ${name}\n */\nexport * from '${from}';\n`);
  return file;
});
writeFileSync(
  join(ENTRIES, 'tsconfig.json'),
  JSON.stringify({ extends: join(ROOT, 'tsconfig.json'), include: ['*.ts', join(ROOT, 'src')] }),
);

/** @type {Partial<import('typedoc').TypeDocOptions & import('typedoc-plugin-markdown').PluginOptions>} */
export default {
  entryPoints: files,
  tsconfig: join(ENTRIES, 'tsconfig.json'),
  out: join(ROOT, 'docs/api'),
  plugin: ['typedoc-plugin-markdown', 'typedoc-vitepress-theme'],
  docsRoot: join(ROOT, 'docs'),
  readme: 'none',
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  hidePageHeader: true,
  hideBreadcrumbs: true,
  useCodeBlocks: true,
  parametersFormat: 'table',
  interfacePropertiesFormat: 'table',
  classPropertiesFormat: 'table',
  typeDeclarationFormat: 'table',
  sort: ['source-order'],
  validation: { notExported: false, invalidLink: true, notDocumented: false },
  // `npm test` type-checks the sources (tsc); TypeDoc only reads them.
  skipErrorChecking: true,
  logLevel: 'Warn',
};
