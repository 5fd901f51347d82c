// A framework's test app (test/<framework>-app) served as its authors run it, from its project
// (spa-project.ts: the packed wink-link installed, built with Vite): the production build by a
// static server, or the sources by Vite's dev server. Each is served on its own origin with the
// app's token endpoint; the page records the listeners its own scripts left on window and
// document (an inline script the server adds first to index.html). Readers of the page follow.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize } from 'node:path';
import { createServer, type Plugin } from 'vite';
import type { Page } from './driver';
import { ROOT } from './pack';
import { startOrigin } from './servers';
import type { AppProject, BuildMode } from './spa-project';

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

/** The page's <h1>: each test app's pages name themselves there. */
export const heading = (page: Page) => page.evaluate(() => document.querySelector('h1')?.textContent);

/** Whether the page's #open button (disabled until the link is ready) is enabled. */
export const openEnabled = (page: Page) =>
  page.evaluate(() => document.querySelector<HTMLButtonElement>('#open')?.disabled === false);

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
