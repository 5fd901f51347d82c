// The built docs site (`npm run docs:build` → docs/.vitepress/dist), served as static files and
// opened in the engine under test: its local search finds a page, and no internal link or anchor
// is broken. The search runs the site's own scripts, so it runs in each engine (about a second);
// the link check only fetches and parses static HTML, which no engine changes: it runs once.
// VitePress refuses to build with a dead link to a page; this also checks every `#anchor`, and
// the links it does not see (the sidebar, the nav, TypeDoc's pages), page by page from the home,
// and that every page is reached that way (a page missing from the sidebar is one nobody finds).
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, relative } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../support/docs';
import { type Browser, launchBrowser, type Page } from '../support/driver';
import { onceAcrossEngines } from '../support/e2e';
import { type Origin, startOrigin } from '../support/servers';

const SITE = join(ROOT, 'docs/.vitepress/dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** The site's pages as URL paths: `/guide/esm.html`, `/api/wink-link/` (for its index.html). */
function builtPages(dir = SITE): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'assets' ? [] : builtPages(path);
    if (!entry.name.endsWith('.html')) return [];
    return [`/${relative(SITE, path)}`.replace(/(^|\/)index\.html$/, '$1')];
  });
}

let site: Origin;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  if (!existsSync(join(SITE, 'index.html'))) throw new Error('No built docs site: run `npm run docs:build` first.');
  // A static host: `/x/` serves x/index.html; anything missing is a 404, as on a real host.
  site = await startOrigin({}, async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(SITE, path.endsWith('/') ? `${path}index.html` : path));
    const body = file.startsWith(SITE) ? await readFile(file).catch(() => undefined) : undefined;
    if (!body) res.writeHead(404).end('not found');
    else res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    return true;
  });
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

it('local search finds the page of an error code, and the result opens it', async () => {
  await page.goto(`${site.url}/`);
  const results = await page.evaluate(async () => {
    const until = async <T>(find: () => T | null | undefined): Promise<T> => {
      for (let i = 0; i < 200; i++) {
        const found = find();
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`timed out waiting for ${find}`);
    };
    // Until Vue has hydrated the page (it then sets #app's __vue_app__), the server-rendered
    // search button does nothing; a navigation may return before that (it does in WebKit).
    await until(() => (document.querySelector('#app') as { __vue_app__?: unknown } | null)?.__vue_app__);
    (await until(() => document.querySelector<HTMLButtonElement>('.VPNavBarSearch button'))).click();
    const input = await until(() => document.querySelector<HTMLInputElement>('#localsearch-input'));
    input.value = 'did not say ready';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const links = await until(() => {
      const found = [...document.querySelectorAll<HTMLAnchorElement>('#localsearch-list a.result')];
      return found.length > 0 ? found : null;
    });
    return links.map((link) => link.pathname);
  });
  expect(results).toContain('/reference/errors/LOAD_TIMEOUT.html');

  await page.goto(`${site.url}/reference/errors/LOAD_TIMEOUT.html`);
  expect(await page.evaluate(() => document.querySelector('h1')?.textContent)).toContain('LOAD_TIMEOUT');
});

it.runIf(onceAcrossEngines)(
  'every page is reachable from the home, and every internal link and anchor resolves',
  async () => {
    await page.goto(`${site.url}/`);
    // In the page: fetch each page once, parse it (the HTML the server sends is the whole page:
    // VitePress renders every page at build time), and check each link against it.
    const report = await page.evaluate(async () => {
      const ids = new Map<string, Set<string> | null>(); // page path → its ids (null: not found)
      const links: Array<{ from: string; href: string }> = [];
      const queue = ['/'];
      while (queue.length > 0) {
        const path = queue.shift()!;
        if (ids.has(path)) continue;
        const response = await fetch(path);
        if (!response.ok) {
          ids.set(path, null);
          continue;
        }
        const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
        ids.set(path, new Set([...doc.querySelectorAll('[id]')].map((element) => element.id)));
        for (const anchor of doc.querySelectorAll<HTMLAnchorElement>('a[href]')) {
          const url = new URL(anchor.getAttribute('href')!, new URL(path, location.origin));
          if (url.origin !== location.origin) continue;
          links.push({ from: path, href: url.pathname + url.hash });
          if (url.pathname.endsWith('.html') || url.pathname.endsWith('/')) queue.push(url.pathname);
        }
      }
      const broken = links.filter(({ href }) => {
        const [path, hash] = href.split('#') as [string, string | undefined];
        const target = ids.get(path);
        return !target || (hash ? !target.has(decodeURIComponent(hash)) : false);
      });
      return { pages: [...ids.keys()], links: links.length, broken };
    });
    // A page that no link reaches (not in the sidebar or the nav) is one nobody finds.
    const reached = new Set(report.pages.map((path) => path.replace(/(^|\/)index\.html$/, '$1')));
    const built = builtPages().filter((path) => path !== '/404.html');
    expect(built.length).toBeGreaterThan(40);
    expect(built.filter((path) => !reached.has(path))).toEqual([]);
    expect(report.links).toBeGreaterThan(1000);
    expect(report.broken).toEqual([]);
  },
  60_000,
);
