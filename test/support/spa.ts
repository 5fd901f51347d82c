// A framework's test app (test/<framework>-app) as its authors run it, against the packed
// package: copied into a fresh project with wink-link installed from `npm pack`, the framework
// linked from this repo, then built with Vite (production) or served by Vite's dev server. Each
// is served on its own origin with the app's token endpoint; the page records the listeners its
// own scripts left on window and document (an inline script the server adds first to index.html).
//
// The project (install, checks, builds) is made once and kept in the temp dir under a hash of
// everything it is made from: the e2e project runs once per engine, and the second and third
// engines reuse the first one's project instead of packing and building again.
import { createHash, randomUUID } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
} from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, relative } from 'node:path';
import { createServer, type Plugin } from 'vite';
import type { Page } from './driver';
import { installPacked, ROOT, run } from './pack';
import { startOrigin } from './servers';

/** Where the app's project is (only its directory is used: it outlives the test run). */
export interface AppProject {
  dir: string;
}

export type BuildMode = 'development' | 'production';

export interface AppRecipe {
  /** The app's directory under test/, e.g. `vue-app`. */
  app: string;
  /** Packages linked from this repo's node_modules: the framework and its Vite plugin, the app's own. */
  linked: string[];
  /** The Vite builds to make (`out-<mode>`). */
  builds: BuildMode[];
  /** A step before the builds, in the project's directory (e.g. a type-check); it throws to fail. */
  check?: (dir: string) => void;
}

const CACHE = join(tmpdir(), 'wink-link-spa');
const DAY_MS = 24 * 60 * 60 * 1000;

/** A hash of the files under `paths` (repo-relative), names and contents, and of `extra`. */
function hashOf(paths: string[], extra: string): string {
  const hash = createHash('sha256').update(extra);
  const add = (path: string) => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) add(join(path, name));
    else hash.update(relative(ROOT, path)).update(readFileSync(path));
  };
  for (const path of paths) add(join(ROOT, path));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The app's project, installed, checked and built: made on first use and reused while nothing
 * it is made from changed (what `npm pack` packs, the app's sources, the lockfile, this file,
 * the recipe). A project that failed its check or a build is never kept.
 */
export function preparedApp(recipe: AppRecipe): AppProject {
  const key = hashOf(
    ['dist', 'package.json', 'README.md', 'LICENSE', 'package-lock.json', `test/${recipe.app}`, 'test/support/spa.ts'],
    JSON.stringify(recipe) + String(recipe.check),
  );
  const dir = join(CACHE, `${recipe.app}-${key}`);
  if (!existsSync(dir)) {
    mkdirSync(CACHE, { recursive: true });
    const project = installApp(recipe);
    try {
      recipe.check?.(project.dir);
      for (const mode of recipe.builds) buildApp(project.dir, mode);
      renameSync(project.dir, dir);
    } catch (error) {
      if (!existsSync(dir)) throw error; // else a concurrent run made the same project first
    } finally {
      project.remove(); // a no-op once renamed
    }
    pruneStale(recipe.app, dir);
  }
  const now = new Date();
  utimesSync(dir, now, now);
  return { dir };
}

/** Drops the app's projects that no run has used for a day (made from older sources). */
function pruneStale(app: string, keep: string): void {
  for (const name of readdirSync(CACHE)) {
    const path = join(CACHE, name);
    if (path !== keep && name.startsWith(`${app}-`) && Date.now() - statSync(path).mtimeMs > DAY_MS)
      rmSync(path, { recursive: true, force: true });
  }
}

/** A fresh project: the packed wink-link installed, the app's sources copied and its framework linked. */
function installApp({ app, linked }: AppRecipe) {
  const project = installPacked(`wink-link-spa-${app}-`);
  cpSync(join(ROOT, 'test', app), project.dir, { recursive: true });
  for (const name of linked) {
    const link = join(project.dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), link, 'dir');
  }
  return project;
}

/** `vite build --mode <mode>` of the app into out-<mode>; NODE_ENV picks the framework's
 * development or production build, as it does for an app. */
function buildApp(dir: string, mode: BuildMode): void {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const args = [vite, 'build', '--mode', mode, '--outDir', `out-${mode}`, '--logLevel', 'error'];
  run(process.execPath, args, dir, { ...process.env, NODE_ENV: mode });
}

export interface ServedApp {
  url: string;
  /** Every access token the token endpoint issued, in order. */
  issued: string[];
  /** The URL (path and query) of every request the app's server received, in order. */
  requested(): string[];
  close(): Promise<void>;
}

/** The app's token endpoint, `POST /api/wink/link-token`: a fresh token each call. */
function tokenEndpoint(issued: string[]) {
  return (req: IncomingMessage, res: ServerResponse, next?: () => void) => {
    if (req.url !== '/api/wink/link-token' || req.method !== 'POST') return next ? next() : false;
    const accessToken = `spa.${randomUUID()}`;
    issued.push(accessToken);
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ expiresAt: new Date(Date.now() + 600_000).toISOString(), mode: 'SANDBOX', accessToken }));
    return true;
  };
}

/** Serves out-<mode> (SPA: unknown paths get index.html) and the token endpoint. */
export async function serveBuild(project: AppProject, mode: BuildMode = 'production'): Promise<ServedApp> {
  const out = join(project.dir, `out-${mode}`);
  const issued: string[] = [];
  const endpoint = tokenEndpoint(issued);
  const origin = await startOrigin({}, (req, res) => {
    if (endpoint(req, res)) return true;
    const path = normalize(new URL(req.url ?? '/', 'http://app').pathname);
    const asset = path.startsWith('/assets/') && existsSync(join(out, path));
    const type = !asset ? 'text/html' : path.endsWith('.js') ? 'text/javascript' : 'text/css';
    const body = readFileSync(asset ? join(out, path) : join(out, 'index.html'), 'utf8');
    res.writeHead(200, { 'content-type': type });
    res.end(asset ? body : withListenerTracker(body));
    return true;
  });
  const requested = () => origin.requests.map((request) => request.url);
  return { url: origin.url, issued, requested, close: origin.close };
}

/** Vite's dev server on the app (its vite.config.js), with the token endpoint. */
export async function serveDev(project: AppProject): Promise<ServedApp> {
  const issued: string[] = [];
  const requested: string[] = [];
  const endpoint = tokenEndpoint(issued);
  const plugin: Plugin = {
    name: 'test:token-endpoint',
    configureServer: (server) =>
      void server.middlewares.use((req, res, next) => {
        requested.push(req.url ?? '/');
        endpoint(req, res, next);
      }),
    transformIndexHtml: withListenerTracker,
  };
  const server = await createServer({
    root: project.dir,
    configFile: join(project.dir, 'vite.config.js'),
    logLevel: 'error',
    plugins: [plugin],
    // The framework is linked from this repo: let the dev server read it there.
    server: { port: 0, host: '127.0.0.1', fs: { allow: [project.dir, ROOT] } },
  });
  await server.listen();
  const { port } = server.httpServer!.address() as { port: number };
  return { url: `http://localhost:${port}`, issued, requested: () => [...requested], close: () => server.close() };
}

/**
 * Counts the window and document listeners the app's own scripts (the framework, the app,
 * wink-link: any script the app's origin serves) added and did not remove, from before any of
 * them ran. `window.activeListeners()` lists them.
 */
function trackListeners() {
  const active = new Map<string, Set<unknown>>();
  // A frame of one of the app's scripts (a built asset, or a dev server module: /src/App.vue,
  // /node_modules/.vite/deps/vue.js?v=…), not the page's own URL (the driver's evaluate runs there).
  const script = new RegExp(`${location.origin}/[^\\s)?]+\\.(?:[cm]?[jt]sx?|vue|svelte)(?:\\?[^\\s):]*)?:\\d`);
  for (const [name, target] of [
    ['window', window],
    ['document', document],
  ] as const) {
    const add = target.addEventListener.bind(target);
    const remove = target.removeEventListener.bind(target);
    const key = (type: string, options: unknown) =>
      `${name}:${type}:${typeof options === 'boolean' ? options : Boolean((options as { capture?: boolean })?.capture)}`;
    target.addEventListener = (type: string, listener: any, options?: any) => {
      if (script.test(new Error().stack ?? '')) {
        if (!active.has(key(type, options))) active.set(key(type, options), new Set());
        active.get(key(type, options))!.add(listener);
      }
      add(type, listener, options);
    };
    target.removeEventListener = (type: string, listener: any, options?: any) => {
      active.get(key(type, options))?.delete(listener);
      remove(type, listener, options);
    };
  }
  (window as any).activeListeners = () =>
    [...active]
      .filter(([, set]) => set.size > 0)
      .map(([k, set]) => `${k} ×${set.size}`)
      .sort();
}

/** index.html with the listener tracker as the first script of its head. */
function withListenerTracker(html: string): string {
  return html.replace('<head>', `<head><script>(${trackListeners})()</script>`);
}

/** The listeners the app's scripts added to window and document and did not remove. */
export const listenersNow = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).activeListeners());

/** What a link leaves on the page: its element, frames, an inert page, a locked scroll. */
export const leftovers = (page: Page) =>
  page.evaluate(() => ({
    hosts: document.querySelectorAll('wink-link').length,
    frames: window.frames.length,
    inert: document.querySelectorAll('[inert]').length,
    htmlStyle: document.documentElement.getAttribute('style'),
    bodyStyle: document.body.getAttribute('style'),
  }));
export const NOTHING_LEFT = { hosts: 0, frames: 0, inert: 0, htmlStyle: null, bodyStyle: null };
