// The README's examples run as written: the script-tag example in real Chromium, and the
// TypeScript examples type-check against the SDK's types. Docs that drift fail here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

it('the TypeScript and TSX examples type-check against the SDK', () => {
  const dir = mkdtempSync(join(ROOT, 'node_modules/.readme-'));
  try {
    // What the examples leave to the reader's app.
    const prelude = `type Token = import('wink-link').LinkToken;
declare const widgetUrl: string, firstToken: Token, accountId: string, userId: string, providerId: string;
declare function save(id: string): void; declare function showRetryBanner(): void;
declare function getFreshTokenFromMyServer(): Promise<Token>;
declare function start(accessToken: string): void; declare function useFreshToken(accessToken: string): void;
declare function cleanUp(): void;
declare function smileUserIdOf(request: Request): Promise<string | undefined>;\n`;
    const reactPrelude = `declare const fetchToken: import('wink-link').TokenFetcher;\n`;
    const examples = [
      ...[...blocks('ESM (SPA)', 'ts'), ...blocks('Widget side', 'ts')].map((code) => ({ code, ext: 'ts' })),
      ...blocks('React', 'ts').map((code) => ({ code, ext: 'ts' })),
      ...blocks('React', 'tsx').map((code) => ({ code: reactPrelude + code, ext: 'tsx' })),
      ...blocks("Use with Smile's hosted widget", 'ts').map((code) => ({ code, ext: 'ts' })),
    ];
    expect(examples.filter((e) => e.ext === 'tsx').length).toBeGreaterThanOrEqual(3);
    expect(examples.length).toBeGreaterThanOrEqual(9);
    const files = examples.map(({ code, ext }, index) => {
      const file = join(dir, `example-${index}.${ext}`);
      const imports = /from 'wink-link/.test(code) ? '' : "import { WinkLink } from 'wink-link';\n";
      writeFileSync(file, `${imports}${prelude}${code}\nexport {};\n`);
      return file;
    });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: join(ROOT, 'tsconfig.json'),
        compilerOptions: { noUnusedLocals: false },
        files: files.map((f) => f.replace(`${dir}/`, '')),
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
});
