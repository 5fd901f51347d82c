// The reference tables in the docs are written by hand (they say what each option does, not just
// its type), so this test holds them to the code. What the tables list is read from the
// TypeScript types, as the compiler sees them: the options (WinkLinkOptions), the events and
// their payloads (LinkEvents), the error codes (WinkLinkErrorCode), the protocol's messages and
// their payloads (WidgetToHost, HostToWidget); the stated defaults are what normalizeOptions
// fills in. An option, event, field, code or message added to the code without its row (or a
// row left behind) fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeOptions } from '../../src/host/options';
import { backticked, fieldNames, ROOT, tables } from '../support/docs';

const page = (path: string) => readFileSync(join(ROOT, 'docs', path), 'utf8');

/** The package's entries as the compiler sees them, with the project's settings. */
function compile() {
  const { config } = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const entries = ['src/host/index.ts', 'src/widget/index.ts'].map((entry) => join(ROOT, entry));
  const program = ts.createProgram(entries, { ...options, noEmit: true });
  return { program, checker: program.getTypeChecker() };
}
let compiled: ReturnType<typeof compile> | undefined;
// Type-checking the entries takes seconds (more on a loaded machine): once, before the tests.
beforeAll(() => {
  compiled = compile();
}, 60_000);

/** One exported type of an entry (`src/host/index.ts`), as the type checker sees it. */
function exportedType(entry: string, name: string): ts.Type {
  const { program, checker } = compiled!;
  const module = checker.getSymbolAtLocation(program.getSourceFile(join(ROOT, entry))!)!;
  const symbol = checker.getExportsOfModule(module).find((s) => s.name === name);
  if (!symbol) throw new Error(`${entry} exports no ${name}`);
  return checker.getDeclaredTypeOfSymbol(
    symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol,
  );
}

/** The property names of a type (`{}` and `Record<string, never>` have none). */
const propertiesOf = (type: ts.Type) => compiled!.checker.getPropertiesOfType(type).map((p) => p.name);

/** The type of one property of `type`. */
function propertyType(type: ts.Type, name: string): ts.Type {
  const { checker } = compiled!;
  return checker.getTypeOfSymbol(checker.getPropertyOfType(type, name)!);
}

/** The payload fields of an event listener `(payload) => void` (none for `() => void`). */
function listenerPayload(listener: ts.Type): string[] {
  const [parameter] = listener.getCallSignatures()[0]!.getParameters();
  return parameter ? propertiesOf(compiled!.checker.getTypeOfSymbol(parameter)) : [];
}

/** Every name a table documents (first column; one row may name several, as the `on…` row). */
const documented = (rows: string[][]) => rows.flatMap((cells) => backticked(cells[0]!));

const sorted = (names: string[]) => [...names].sort();

describe('docs/reference/options.md', () => {
  const [rows] = tables(page('reference/options.md'));
  const row = (option: string) => rows!.find((cells) => backticked(cells[0]!).includes(option))!;

  it('has a row for every option of WinkLinkOptions, callbacks included, and no other', () => {
    const options = propertiesOf(exportedType('src/host/index.ts', 'WinkLinkOptions'));
    expect(options.length).toBeGreaterThan(20);
    expect(sorted(documented(rows!))).toEqual(sorted(options));
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
  const [rows] = tables(page('reference/events.md'));

  it('has a row for every event of LinkEvents, and no other', () => {
    const events = propertiesOf(exportedType('src/host/index.ts', 'LinkEvents'));
    expect(events.length).toBeGreaterThan(10);
    expect(sorted(documented(rows!))).toEqual(sorted(events));
  });

  it("shows each event's payload with exactly the fields its listener gets", () => {
    const events = exportedType('src/host/index.ts', 'LinkEvents');
    for (const [name, payload] of rows!) {
      const fields = listenerPayload(propertyType(events, backticked(name!)[0]!));
      // An object payload is shown as its fields; the `error` event's is a class, named.
      if (payload!.startsWith('`{')) expect(sorted(fieldNames(payload!)), name).toEqual(sorted(fields));
    }
  });
});

describe('docs/reference/protocol.md', () => {
  const [widgetToHost, hostToWidget] = tables(page('reference/protocol.md'));

  it.each([
    ['widget → host', 'WidgetToHost', widgetToHost!],
    ['host → widget', 'HostToWidget', hostToWidget!],
  ])('%s: a row for every message of %s, with exactly its payload fields', (_, typeName, rows) => {
    const messages = exportedType('src/widget/index.ts', typeName);
    expect(sorted(documented(rows))).toEqual(sorted(propertiesOf(messages)));
    for (const [names, payload] of rows) {
      for (const message of backticked(names!)) {
        expect(sorted(fieldNames(payload!)), message).toEqual(sorted(propertiesOf(propertyType(messages, message))));
      }
    }
  });
});

describe('docs/reference/errors/', () => {
  const codes = () => {
    const type = exportedType('src/host/index.ts', 'WinkLinkErrorCode');
    return type.isUnion() ? type.types.filter((t) => t.isStringLiteral()).map((t) => t.value) : [];
  };

  it('lists every WinkLinkErrorCode in its table, each linked to its page, and no other', () => {
    const [rows] = tables(page('reference/errors/index.md'));
    expect(codes().length).toBeGreaterThan(8);
    expect(sorted(documented(rows!))).toEqual(sorted(codes()));
    for (const cells of rows!) {
      const code = backticked(cells[0]!)[0];
      expect(cells[0]).toBe(`[\`${code}\`](./${code}.md)`);
    }
  });

  it('has one page per code (no page for a code that is gone), saying what happened and the fix', () => {
    const pages = readdirSync(join(ROOT, 'docs/reference/errors')).filter((file) => file !== 'index.md');
    expect(sorted(pages)).toEqual(sorted(codes().map((code) => `${code}.md`)));
    for (const code of codes()) {
      const text = page(`reference/errors/${code}.md`);
      expect(text.startsWith(`# ${code}\n`), code).toBe(true);
      expect(text, code).toContain('\n## What happened\n');
      expect(text, code).toContain('\n## Fix\n');
    }
  });
});
