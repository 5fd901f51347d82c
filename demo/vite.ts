import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';

/**
 * A vite dev server for one of the demo's pages, mounted on our own node:http server (so all
 * three servers share one way to listen, report a busy port and stop). The pages import the
 * SDK by its package name, as a host would; here the names point at the sources.
 */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const src = (file: string) => fileURLToPath(new URL(`../src/${file}`, import.meta.url));

export function createDemoVite(options: {
  root: string;
  httpServer: Server;
  /** Build-time constants the page reads (URLs of the other origins). */
  define: Record<string, unknown>;
  /** Keeps the host's and the widget's pre-bundled deps apart. */
  name: string;
}): Promise<ViteDevServer> {
  return createServer({
    configFile: false,
    root: options.root,
    appType: 'mpa',
    logLevel: 'warn',
    clearScreen: false,
    cacheDir: `${repoRoot}node_modules/.vite/demo-${options.name}`,
    define: Object.fromEntries(Object.entries(options.define).map(([k, v]) => [k, JSON.stringify(v)])),
    resolve: {
      alias: [
        { find: /^wink-link$/, replacement: src('host/index.ts') },
        { find: /^wink-link\/widget$/, replacement: src('widget/index.ts') },
        { find: /^wink-link\/smile$/, replacement: src('smile/index.ts') },
      ],
    },
    // Pre-bundle up front: discovering deps on first load would reload the page mid-demo.
    optimizeDeps: { include: ['zod/mini', 'nanoevents'] },
    server: {
      middlewareMode: true,
      hmr: { server: options.httpServer },
      fs: { allow: [repoRoot] },
    },
  });
}
