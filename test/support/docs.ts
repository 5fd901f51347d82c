// The written docs as tests read them: README.md and every page of the site (docs/**/*.md, but
// not docs/api/, which TypeDoc generates from the code), their fenced code blocks and tables.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const GENERATED = new Set(['api', '.vitepress', 'node_modules']);

export interface DocPage {
  /** Repository-relative, e.g. `docs/guide/react.md`. */
  path: string;
  text: string;
}

/** README.md and every hand-written page of the site. */
export function docPages(): DocPage[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return GENERATED.has(entry.name) ? [] : walk(path);
      return entry.name.endsWith('.md') ? [path] : [];
    });
  return [join(ROOT, 'README.md'), ...walk(join(ROOT, 'docs'))].map((file) => ({
    path: relative(ROOT, file),
    text: readFileSync(file, 'utf8'),
  }));
}

export interface CodeBlock {
  /** The fence's language, without VitePress's extras: ```ts{2} and ```ts:line-numbers are `ts`. */
  lang: string;
  code: string;
  /** 1-based line of the opening fence, for messages. */
  line: number;
}

/** The fenced code blocks of a page, in order (indented fences, as in a list item, included). */
export function codeBlocks(text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\w*)/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, lang] = open;
    const start = i;
    const body: string[] = [];
    while (++i < lines.length && !/^\s*```\s*$/.test(lines[i]!)) body.push(lines[i]!.slice(indent!.length));
    blocks.push({ lang: lang!, code: `${body.join('\n')}\n`, line: start + 1 });
  }
  return blocks;
}

/** The page's Markdown tables, in order: each as its body rows, each row as its cells. */
export function tables(text: string): string[][][] {
  const found: string[][][] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('|')) continue;
    const start = i;
    while (i < lines.length && lines[i]!.startsWith('|')) i++;
    found.push(
      lines.slice(start + 2, i).map((line) =>
        line
          .slice(1, -1)
          .split(/(?<!\\)\|/)
          .map((cell) => cell.trim()),
      ),
    );
  }
  return found;
}

/** The names in backticks in a table cell: `` `onLoad`, `onClose` `` → ['onLoad', 'onClose']. */
export const backticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/**
 * The top-level field names of the first object a cell shows, `?` and nesting dropped:
 * `` `{ userId, uploads: [{ id, … }], reason? }` `` → ['userId', 'uploads', 'reason'].
 */
export function fieldNames(cell: string): string[] {
  const start = cell.indexOf('{');
  if (start === -1) return [];
  const names: string[] = [];
  let depth = 0;
  let field = '';
  for (const char of cell.slice(start + 1)) {
    if (depth === 0 && (char === ',' || char === '}')) {
      const name = /^\s*(\w+)/.exec(field)?.[1];
      if (name) names.push(name);
      field = '';
      if (char === '}') break;
      continue;
    }
    if ('{[('.includes(char)) depth++;
    if ('}])'.includes(char)) depth--;
    field += char;
  }
  return names;
}
