// The README's examples run as written: the script-tag example in real Chromium (from a
// "CDN" origin, pinned by its integrity hash), and the TypeScript examples and the script
// tag's checked JavaScript type-check against the SDK's types. Docs that drift fail here.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useE2E } from '../support/playwright-e2e';
import { type Origin, startOrigin } from '../support/servers';

const ROOT = resolve(__dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  engines: { node: string };
};
const e2e = useE2E();

/** The fenced code blocks of one README section (with its subsections), in order. */
function blocks(section: string, language: string): string[] {
  const start = README.indexOf(`\n## ${section}`);
  if (start === -1) throw new Error(`README has no section "${section}"`);
  const end = README.indexOf('\n## ', start + 1);
  const text = README.slice(start, end === -1 ? undefined : end);
  return [...text.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]!);
}

// The script tag's file, served as a CDN serves it: another origin, CORS open to all.
let cdn: Origin;
beforeAll(async () => {
  cdn = await startOrigin({ '/wink-link.iife.js': 'dist/wink-link.iife.js' });
  cdn.headers.set('/wink-link.iife.js', { 'access-control-allow-origin': '*' });
});
afterAll(() => cdn?.close());

const [scriptTagHtml] = blocks('Script tag', 'html');
const [connectJs] = blocks('Script tag', 'js');
const INTEGRITY = /integrity="(sha384-[^"]*)"/;

it('the script tag pins this version on a CDN with an integrity hash and crossorigin', () => {
  const src = scriptTagHtml!.match(/src="(https:[^"]*wink-link\.iife\.js)"/)?.[1];
  expect(src).toBe(`https://cdn.jsdelivr.net/npm/wink-link@${PKG.version}/dist/wink-link.iife.js`);
  expect(scriptTagHtml).toMatch(INTEGRITY);
  expect(scriptTagHtml).toContain('crossorigin="anonymous"');
  // Every CDN URL in the README names the version in package.json.
  const pinned = [...README.matchAll(/wink-link@([^/\s]+)\//g)].map((m) => m[1]);
  expect(pinned.length).toBeGreaterThanOrEqual(3);
  expect(new Set(pinned)).toEqual(new Set([PKG.version]));
});

it('states the Node version that engines requires, wherever it names one', () => {
  const minimum = PKG.engines.node.replace(/^>=\s*/, '');
  const serverEntry = readFileSync(join(ROOT, 'src/server/index.ts'), 'utf8');
  const stated = [...`${README}\n${serverEntry}`.matchAll(/Node ≥ ([\d.]+)/g)].map((m) => m[1]);
  expect(stated.length).toBeGreaterThanOrEqual(2);
  expect(new Set(stated)).toEqual(new Set([minimum]));
});

it("the README's placeholder integrity value makes the browser refuse the script (it fails closed)", async () => {
  const placeholder = scriptTagHtml!.match(INTEGRITY)![1]!;
  e2e.origins.host.content(
    '/readme-placeholder',
    `<!doctype html><script src="${cdn.url}/wink-link.iife.js" integrity="${placeholder}" crossorigin="anonymous"></script>`,
  );
  const page = await e2e.newPage('/readme-placeholder');
  expect(await page.evaluate(() => typeof (window as { WinkLink?: unknown }).WinkLink)).toBe('undefined');
});

it('the script-tag example, with the published hash, opens the widget, reports the account and the close', async () => {
  const { host, widgetUrl } = e2e.origins;
  const integrity = JSON.parse(readFileSync(join(ROOT, 'dist/integrity.json'), 'utf8'))['wink-link.iife.js'];
  host.content(
    '/readme',
    scriptTagHtml!
      .replace(/src="https:[^"]*wink-link\.iife\.js"/, `src="${cdn.url}/wink-link.iife.js"`)
      .replace(INTEGRITY, `integrity="${integrity}"`),
  );
  host.content('/connect.js', connectJs!.replace('https://widget.wink.example/link', widgetUrl), 'text/javascript');
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
  const logs: string[] = [];
  page.on('console', (message) => logs.push(message.text()));
  await page.click('#connect');
  const frame = await (await page.waitForSelector('wink-link >> iframe')).contentFrame();
  // `?.`: the frame may not have run its script yet (a throw would end the wait, not retry it).
  await frame!.waitForFunction(() => ((window as unknown as { widgetLog?: unknown[] }).widgetLog?.length ?? 0) > 0);
  await frame!.click('#connect');
  await expect.poll(() => logs).toContain('connected acc_1 acme_payroll');
  await frame!.press('body', 'Escape');
  await expect.poll(() => logs).toContain('closed by escape');
});

/**
 * Type-checks `files` (path → source) as an app's files, with the project's settings plus
 * `compilerOptions`. `wink-link/global` resolves as in an app that installed the package (the
 * built .d.ts); `wink-link` itself maps to the sources (tsconfig paths).
 */
function typeCheck(files: Record<string, string>, compilerOptions: Record<string, unknown> = {}) {
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
        compilerOptions: { noUnusedLocals: false, ...compilerOptions },
        files: Object.keys(files),
        include: [],
      }),
    );
    try {
      execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    } catch (error) {
      throw new Error(`README examples do not type-check:\n${(error as { stdout?: string }).stdout}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

it('the TypeScript and TSX examples and the checked script-tag JavaScript type-check against the SDK', () => {
  // What the examples leave to the reader's app: its own functions and values.
  const prelude = `declare const accountId: string, userId: string, providerId: string;
declare function save(id: string): void; declare function showRetryBanner(): void;
declare function start(accessToken: string): void; declare function useFreshToken(accessToken: string): void;
declare function cleanUp(): void;\n`;
  const examples = [
    ...['ESM (SPA)', 'React', 'Options', 'In your app', 'Widget side', "Use with Smile's hosted widget"].flatMap(
      (section) => blocks(section, 'ts').map((code) => ({ code, ext: 'ts' })),
    ),
    ...blocks('React', 'tsx').map((code) => ({ code, ext: 'tsx' })),
  ];
  expect(examples.filter((e) => e.ext === 'tsx').length).toBeGreaterThanOrEqual(3);
  expect(examples.length).toBeGreaterThanOrEqual(10);
  const files = examples.map(({ code, ext }, index) => {
    // Complete snippets: each imports what it uses (the program also has the script tag's
    // global WinkLink, which would hide a missing import from the compiler).
    if (/\bWinkLink\./.test(code)) expect(code).toMatch(/import \{[^}]*\bWinkLink\b[^}]*\} from 'wink-link'/);
    return [`example-${index}.${ext}`, `${code}\n${prelude}export {};\n`] as const;
  });
  typeCheck({ ...Object.fromEntries(files), 'connect.js': connectJs! }, { allowJs: true, checkJs: true });
}, 120_000);

// The server examples are files of a Next.js app (each names its path on its first line, and
// imports the others as '@/…'), checked with exactOptionalPropertyTypes: a host's strictest setting.
it('the server examples type-check as an app, under exactOptionalPropertyTypes', () => {
  const prelude = `declare function currentUser(request: Request): Promise<{ id: string; smileUserId?: string }>;
declare function saveSmileUserId(userId: string, smileUserId: string): Promise<void>;
declare function markConnected(userId: string, accountId: string): Promise<void>;
declare function notifyUser(userId: string, errorCode: string): Promise<void>;
declare function fetchIncomes(accountId: string, count: number): Promise<void>;
declare const redis: {
  set(key: string, value: string, options: { NX: true; PX: number }): Promise<string | null>;
  del(key: string): Promise<number>;
};\n`;
  const examples = blocks('Server (`wink-link/server`)', 'ts');
  expect(examples.length).toBe(4);
  const files = Object.fromEntries(
    examples.map((code) => {
      const path = /^\/\/ ([\w/.[\]-]+\.ts)/.exec(code)?.[1];
      expect(path, `a server example's first line names its file:\n${code.slice(0, 80)}`).toBeDefined();
      return [path!, `${prelude}${code}\nexport {};\n`];
    }),
  );
  const src = (entry: string) => [join(ROOT, 'src', entry, 'index.ts')];
  typeCheck(files, {
    exactOptionalPropertyTypes: true,
    paths: { 'wink-link': src('host'), 'wink-link/server': src('server'), '@/*': ['./*'] },
  });
}, 120_000);
