// The README's examples run as written: the script-tag example in real Chromium, and the
// TypeScript examples type-check against the SDK's types. Docs that drift fail here.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { useE2E } from '../support/e2e';

const ROOT = resolve(__dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const e2e = useE2E();

/** The fenced code blocks of one README section, in order. */
function blocks(section: string, language: string): string[] {
  const start = README.indexOf(`\n## ${section}`);
  const end = README.indexOf('\n## ', start + 1);
  const text = README.slice(start, end === -1 ? undefined : end);
  return [...text.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]!);
}

it('the script-tag example opens the widget, reports the account and the close', async () => {
  const [html] = blocks('Script tag', 'html');
  const [connectJs] = blocks('Script tag', 'js');
  const { host, widgetUrl } = e2e.origins;
  host.content('/readme', html!.replace(/src="https:[^"]*wink-link\.iife\.js"/, 'src="/wink-link.iife.js"'));
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
  await frame!.waitForFunction(() => (window as unknown as { widgetLog: unknown[] }).widgetLog.length > 0);
  await frame!.click('#connect');
  await expect.poll(() => logs).toContain('connected acc_1 acme_payroll');
  await frame!.press('body', 'Escape');
  await expect.poll(() => logs).toContain('closed by escape');
});

/** Type-checks `files` (path → source) with the project's settings plus `compilerOptions`. */
function typeCheck(files: Record<string, string>, compilerOptions: Record<string, unknown> = {}) {
  const dir = mkdtempSync(join(ROOT, 'node_modules/.readme-'));
  try {
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

it('the TypeScript and TSX examples type-check against the SDK', () => {
  // What the examples leave to the reader's app.
  const prelude = `type Token = import('wink-link').LinkToken;
declare const widgetUrl: string, firstToken: Token, accountId: string, userId: string, providerId: string;
declare function save(id: string): void; declare function showRetryBanner(): void;
declare function getFreshTokenFromMyServer(): Promise<Token>;
declare function start(accessToken: string): void; declare function useFreshToken(accessToken: string): void;
declare function cleanUp(): void;\n`;
  const reactPrelude = `declare const fetchToken: import('wink-link').TokenFetcher;\n`;
  const examples = [
    ...[...blocks('ESM (SPA)', 'ts'), ...blocks('Widget side', 'ts')].map((code) => ({ code, ext: 'ts' })),
    ...blocks('React', 'ts').map((code) => ({ code, ext: 'ts' })),
    ...blocks('React', 'tsx').map((code) => ({ code: reactPrelude + code, ext: 'tsx' })),
  ];
  expect(examples.filter((e) => e.ext === 'tsx').length).toBeGreaterThanOrEqual(3);
  expect(examples.length).toBeGreaterThanOrEqual(6);
  const files = examples.map(({ code, ext }, index) => {
    const imports = /from 'wink-link/.test(code) ? '' : "import { WinkLink } from 'wink-link';\n";
    return [`example-${index}.${ext}`, `${imports}${prelude}${code}\nexport {};\n`] as const;
  });
  typeCheck(Object.fromEntries(files));
});

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
});
