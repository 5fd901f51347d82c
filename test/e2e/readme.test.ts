// The examples in the docs (README.md and every page of the site, docs/**/*.md) run as written:
// every script-tag example in each engine (from a "CDN" origin, pinned by its integrity hash),
// and every TypeScript, TSX and checked JavaScript block type-checks as an app's file against
// the SDK's types. Docs that drift from the code fail here. What needs no browser (the
// type-check, the text checks) runs once, not once per engine.
//
// How a block is checked: ```ts / ```tsx / ```js blocks each become a module of one app. A block
// whose first line names a file (`// app/api/wink/link-token/route.ts`) is that file of its page's
// app, and may import its page's other files as '@/…' (Next.js style). A JavaScript block is
// type-checked when it opts in with `// @ts-check`, as in an app. What the examples leave to the
// reader's app (its own functions: `save`, `currentUser`, …) is declared in APP_GLOBALS below.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { codeBlocks, type DocPage, docPages, ROOT } from '../support/docs';
import { onceAcrossEngines, useE2E } from '../support/e2e';
import { type Origin, startOrigin, testWidgetPage } from '../support/servers';

const PAGES = docPages();
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  engines: { node: string };
};
const e2e = useE2E();

/** A page's script-tag examples: an ```html block loading wink-link.iife.js, then its connect.js. */
function scriptTagExamples(page: DocPage): Array<{ html: string; js: string }> {
  const blocks = codeBlocks(page.text);
  return blocks.flatMap((block, i) => {
    const next = blocks[i + 1];
    if (block.lang !== 'html' || !block.code.includes('wink-link.iife.js"')) return [];
    if (next?.lang !== 'js' || !next.code.startsWith('// connect.js')) return [];
    return [{ html: block.code, js: next.code }];
  });
}
const EXAMPLES = [
  ...new Map(PAGES.flatMap(scriptTagExamples).map((example) => [example.html + example.js, example])).values(),
];
const INTEGRITY = /integrity="(sha384-[^"]*)"/;

// The script tag's file, served as a CDN serves it: another origin, CORS open to all.
let cdn: Origin;
beforeAll(async () => {
  cdn = await startOrigin({ '/wink-link.iife.js': 'dist/wink-link.iife.js' });
  cdn.headers.set('/wink-link.iife.js', { 'access-control-allow-origin': '*' });
});
afterAll(() => cdn?.close());

it.runIf(onceAcrossEngines)(
  'README and the site have a script-tag example, and each pins this version on a CDN with integrity',
  () => {
    expect(PAGES.filter((page) => scriptTagExamples(page).length > 0).map((page) => page.path)).toEqual(
      expect.arrayContaining(['README.md', 'docs/guide/script-tag.md']),
    );
    for (const { html } of EXAMPLES) {
      const src = html.match(/src="(https:[^"]*wink-link\.iife\.js)"/)?.[1];
      expect(src).toBe(`https://cdn.jsdelivr.net/npm/wink-link@${PKG.version}/dist/wink-link.iife.js`);
      expect(html).toMatch(INTEGRITY);
      expect(html).toContain('crossorigin="anonymous"');
    }
    // Every CDN URL in the docs names the version in package.json.
    const pinned = PAGES.flatMap((page) => [...page.text.matchAll(/wink-link@([^/\s]+)\//g)].map((m) => m[1]));
    expect(pinned.length).toBeGreaterThanOrEqual(3);
    expect(new Set(pinned)).toEqual(new Set([PKG.version]));
  },
);

it.runIf(onceAcrossEngines)('states the Node version that engines requires, wherever it names one', () => {
  const minimum = PKG.engines.node.replace(/^>=\s*/, '');
  const serverEntry = readFileSync(join(ROOT, 'src/server/index.ts'), 'utf8');
  const texts = [...PAGES.map((page) => page.text), serverEntry];
  const stated = texts.flatMap((text) => [...text.matchAll(/Node ≥ ([\d.]+)/g)].map((m) => m[1]));
  const readme = PAGES.find((page) => page.path === 'README.md')!;
  expect(readme.text, 'the README states the Node version').toContain(`Node ≥ ${minimum}`);
  expect(new Set(stated)).toEqual(new Set([minimum]));
});

it("the examples' placeholder integrity value makes the browser refuse the script (it fails closed)", async () => {
  const placeholders = new Set(EXAMPLES.map(({ html }) => html.match(INTEGRITY)![1]!));
  for (const placeholder of placeholders) {
    e2e.origins.host.content(
      '/readme-placeholder',
      `<!doctype html><script src="${cdn.url}/wink-link.iife.js" integrity="${placeholder}" crossorigin="anonymous"></script>`,
    );
    const page = await e2e.newPage('/readme-placeholder');
    expect(await page.evaluate(() => typeof (window as { WinkLink?: unknown }).WinkLink)).toBe('undefined');
  }
});

/**
 * The test widget with a scripted user: once it has its token, the user connects an account and
 * then presses Escape. (The page plays the user, so the test drives the host page alone.)
 */
async function widgetWithUser(hostOrigin: string): Promise<string> {
  const user = `<script type="module">
    window.widget.on('init', () => {
      document.getElementById('connect').click();
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    });
  </script>`;
  return (await testWidgetPage([hostOrigin])).replace('</body>', `${user}</body>`);
}

it.each(EXAMPLES.map((example, index) => [index, example] as const))(
  'script-tag example %i, with the published hash, opens the widget, reports the account and the close',
  async (_, { html, js }) => {
    const { host, widget } = e2e.origins;
    widget.content('/readme-widget', await widgetWithUser(host.url));
    const integrity = JSON.parse(readFileSync(join(ROOT, 'dist/integrity.json'), 'utf8'))['wink-link.iife.js'];
    // The page records what the example logs, for the test to read.
    const record = `<script>window.logs = []; const log = console.log;
      console.log = (...args) => { window.logs.push(args.join(' ')); log(...args); };</script>`;
    host.content(
      '/readme',
      record +
        html
          .replace(/src="https:[^"]*wink-link\.iife\.js"/, `src="${cdn.url}/wink-link.iife.js"`)
          .replace(INTEGRITY, `integrity="${integrity}"`),
    );
    host.content(
      '/connect.js',
      js.replace('https://widget.wink.example/link', `${widget.url}/readme-widget`),
      'text/javascript',
    );
    host.content(
      '/api/wink/link-token',
      JSON.stringify({
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
        mode: 'SANDBOX',
        accessToken: 'readme.token-1',
      }),
      'application/json',
    );

    const page = await e2e.newPage('/readme');
    const logs = () => page.evaluate(() => (window as unknown as { logs: string[] }).logs);
    await page.evaluate(() => document.getElementById('connect')!.click());
    await expect.poll(logs).toEqual(['connected acc_1 acme_payroll', 'closed by escape']);
  },
);

// What the examples leave to the reader's app: its own functions and values.
const APP_GLOBALS = `declare const accountId: string, userId: string, providerId: string;
declare function save(id: string): void;
declare function showRetryBanner(): void;
declare function start(accessToken: string): void;
declare function useFreshToken(accessToken: string): void;
declare function cleanUp(): void;
declare function currentUser(request: Request): Promise<{ id: string; smileUserId?: string }>;
declare function saveSmileUserId(userId: string, smileUserId: string): Promise<void>;
declare function markConnected(userId: string, accountId: string): Promise<void>;
declare function notifyUser(userId: string, errorCode: string): Promise<void>;
declare function fetchIncomes(accountId: string, count: number): Promise<void>;
declare const redis: {
  set(key: string, value: string, options: { NX: true; PX: number }): Promise<string | null>;
  del(key: string): Promise<number>;
};
`;

/** Every ts, tsx and js block of every page, as the files of one app (page by page). */
function appFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const page of PAGES) {
    const app = page.path.replace(/\.md$/, '').replace(/\W+/g, '_');
    codeBlocks(page.text)
      .filter((block) => ['ts', 'tsx', 'js'].includes(block.lang))
      .forEach(({ lang, code, line }) => {
        const named = /^\/\/ ([\w/.[\]-]+\.(?:ts|tsx|js))\b/.exec(code)?.[1];
        const file = `${app}/${named ?? `line-${line}.${lang}`}`;
        expect(files[file], `${page.path}:${line} names a file another block of the page has`).toBeUndefined();
        // Complete snippets: each imports what it uses (the program also has the script tag's
        // global WinkLink, which would hide a missing import from the compiler).
        if (lang !== 'js' && /\bWinkLink\./.test(code)) {
          expect(code, `${page.path}:${line}`).toMatch(/import \{[^}]*\bWinkLink\b[^}]*\} from 'wink-link'/);
        }
        const imports = code.replace(/from '@\/([^']+)'/g, (_, path: string) => {
          const target = relative(dirname(file), `${app}/${path}`);
          return `from '${target.startsWith('.') ? target : `./${target}`}'`;
        });
        files[file] = `${imports}\nexport {};\n`;
      });
  }
  return files;
}

/**
 * Type-checks `files` (path → source) as an app's files, with the project's settings and a
 * host's strictest (exactOptionalPropertyTypes). Every `wink-link` import resolves as in an app
 * that installed the package: through its package.json "exports" to the built .d.ts (dist/).
 */
function typeCheck(files: Record<string, string>) {
  const dir = mkdtempSync(join(ROOT, 'node_modules/.readme-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules/wink-link'), 'dir');
    for (const [path, source] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), source);
    }
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: join(ROOT, 'tsconfig.json'),
        compilerOptions: {
          noUnusedLocals: false,
          exactOptionalPropertyTypes: true,
          allowJs: true,
          checkJs: false,
          paths: {},
        },
        files: Object.keys(files),
        include: [],
      }),
    );
    try {
      execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    } catch (error) {
      throw new Error(`The docs' examples do not type-check:\n${(error as { stdout?: string }).stdout}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

it.runIf(onceAcrossEngines)(
  'every TypeScript, TSX and checked JavaScript example type-checks against the SDK',
  () => {
    const files = appFiles();
    const count = (ext: string) => Object.keys(files).filter((file) => file.endsWith(ext)).length;
    expect(count('.ts')).toBeGreaterThanOrEqual(8);
    expect(count('.tsx')).toBeGreaterThanOrEqual(4);
    expect(Object.values(files).filter((code) => code.includes('// @ts-check')).length).toBeGreaterThanOrEqual(2);
    typeCheck({ ...files, 'app-globals.d.ts': APP_GLOBALS });
  },
  120_000,
);
