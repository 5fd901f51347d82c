// The reference tables in the docs are written by hand (they say what each option does, not just
// its type), so this test holds them to the code: the options, events and error codes are read
// from the TypeScript types (the compiler's own view of WinkLinkOptions, LinkEvents and
// WinkLinkErrorCode), and the stated defaults from what normalizeOptions actually fills in.
// An option, event or code added to the code without its row (or a row left behind) fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { normalizeOptions } from '../../src/host/options';
import { backticked, ROOT, tableRows } from '../support/docs';

const page = (path: string) => readFileSync(join(ROOT, 'docs', path), 'utf8');

/** The `wink-link` entry as the compiler sees it, with the project's settings. */
function compileEntry() {
  const { config } = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const entry = join(ROOT, 'src/host/index.ts');
  const program = ts.createProgram([entry], { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  return { checker, module: checker.getSymbolAtLocation(program.getSourceFile(entry)!)! };
}
let compiled: ReturnType<typeof compileEntry> | undefined;

/** The type checker's view of one exported type of the `wink-link` entry. */
function exportedType(name: string): { names: string[]; literals: string[] } {
  compiled ??= compileEntry();
  const { checker, module } = compiled;
  const symbol = checker.getExportsOfModule(module).find((s) => s.name === name);
  if (!symbol) throw new Error(`wink-link exports no ${name}`);
  const type = checker.getDeclaredTypeOfSymbol(
    symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol,
  );
  return {
    names: checker.getPropertiesOfType(type).map((p) => p.name),
    literals: type.isUnion() ? type.types.filter((t) => t.isStringLiteral()).map((t) => t.value) : [],
  };
}

/** Every name a table documents (first column; one row may name several, as the `on…` row). */
const documented = (rows: string[][]) => rows.flatMap((cells) => backticked(cells[0]!));

const sorted = (names: string[]) => [...names].sort();

describe('docs/reference/options.md', () => {
  const rows = tableRows(page('reference/options.md'));
  const row = (option: string) => rows.find((cells) => backticked(cells[0]!).includes(option))!;

  it('has a row for every option of WinkLinkOptions, callbacks included, and no other', () => {
    const options = exportedType('WinkLinkOptions').names;
    expect(options.length).toBeGreaterThan(20);
    expect(sorted(documented(rows))).toEqual(sorted(options));
  });

  it('states the defaults that normalizeOptions fills in', () => {
    const config = normalizeOptions(() => Promise.reject(new Error('unused')), { widgetUrl: 'https://w.example/' });
    const stated = (option: string) => backticked(row(option)[2]!)[0];
    for (const option of ['refreshLeadMs', 'fetchTimeoutMs', 'loadTimeoutMs'] as const) {
      expect(stated(option), option).toBe(String(config[option]));
    }
    const { attempts, baseDelayMs, maxDelayMs } = config.retry;
    expect(stated('retry')).toBe(`{ ${attempts}, ${baseDelayMs}, ${maxDelayMs} }`);
    expect(stated('debug')).toBe(String(config.debug));
    for (const label of Object.values(config.labels)) expect(row('labels')[3]).toContain(`'${label}'`);
  });
});

describe('docs/reference/events.md', () => {
  it('has a row for every event of LinkEvents, and no other', () => {
    const events = exportedType('LinkEvents').names;
    expect(events.length).toBeGreaterThan(10);
    expect(sorted(documented(tableRows(page('reference/events.md'))))).toEqual(sorted(events));
  });
});

describe('docs/reference/errors/', () => {
  const codes = exportedType('WinkLinkErrorCode').literals;

  it('lists every WinkLinkErrorCode in its table, each linked to its page, and no other', () => {
    expect(codes.length).toBeGreaterThan(8);
    const rows = tableRows(page('reference/errors/index.md'));
    expect(sorted(documented(rows))).toEqual(sorted(codes));
    for (const cells of rows) {
      const code = backticked(cells[0]!)[0];
      expect(cells[0]).toBe(`[\`${code}\`](./${code}.md)`);
    }
  });

  it('has one page per code (no page for a code that is gone), saying what happened and the fix', () => {
    const pages = readdirSync(join(ROOT, 'docs/reference/errors')).filter((file) => file !== 'index.md');
    expect(sorted(pages)).toEqual(sorted(codes.map((code) => `${code}.md`)));
    for (const code of codes) {
      const text = page(`reference/errors/${code}.md`);
      expect(text.startsWith(`# ${code}\n`), code).toBe(true);
      expect(text, code).toContain('\n## What happened\n');
      expect(text, code).toContain('\n## Fix\n');
    }
  });
});
