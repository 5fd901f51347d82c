// Two local origins for real-browser tests and benches: a host origin serving the built
// script-tag bundle and test pages, and a widget origin serving the test widget. Ports are
// ephemeral, so concurrent runs never collide.
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Maps a URL path to a file; `headers` may add per-path response headers (e.g. a CSP). */
export type Routes = Record<string, string>;
export type Handler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/** A request as the server received it (what reached the network, whichever engine sent it). */
export interface ReceivedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The body, for a request that has one (e.g. a CSP report); '' otherwise. */
  body: string;
}

export interface Origin {
  url: string;
  /** Extra response headers for a path, e.g. `{ 'content-security-policy': … }`. */
  headers: Map<string, Record<string, string>>;
  /** Every request received so far, in order. */
  requests: ReceivedRequest[];
  /** Serves a file (relative to the repo root) at a path. */
  route(path: string, file: string): void;
  /** Serves literal content at a path. */
  content(path: string, body: string, type?: string): void;
  close(): Promise<void>;
}

export async function startOrigin(routes: Routes = {}, handler?: Handler): Promise<Origin> {
  const files = new Map(Object.entries(routes));
  const bodies = new Map<string, { body: string; type: string }>();
  const headers = new Map<string, Record<string, string>>();
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: await bodyOf(req) });
    if (handler && (await handler(req, res))) return;
    const literal = bodies.get(path);
    const file = files.get(path);
    try {
      const body = literal ? literal.body : file ? await readFile(join(ROOT, file)) : undefined;
      if (body === undefined) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': literal?.type ?? TYPES[extname(file ?? path)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...headers.get(path),
      });
      res.end(body);
    } catch {
      res.writeHead(500).end('read error');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://localhost:${port}`,
    headers,
    requests,
    route: (path, file) => void files.set(path, file),
    content: (path, body, type = 'text/html; charset=utf-8') => void bodies.set(path, { body, type }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A request's body as text; a GET or HEAD is not read (its handler may still stream it). */
async function bodyOf(req: IncomingMessage): Promise<string> {
  if (req.method === 'GET' || req.method === 'HEAD') return '';
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const bundles = new Map<string, Promise<string>>();

/** Bundles a test script (repo-relative entry, sources imported as they are) once per process. */
export function bundleScript(entry: string, format: 'es' | 'iife' = 'es'): Promise<string> {
  const key = `${entry}:${format}`;
  if (!bundles.has(key)) {
    const bundled = build({
      configFile: false,
      logLevel: 'error',
      build: {
        write: false,
        minify: false,
        target: 'es2022',
        lib: { entry: join(ROOT, entry), formats: [format], name: 'TestScript', fileName: () => 'script.js' },
      },
    }).then((output) => {
      const result = Array.isArray(output) ? output[0]! : output;
      return (result as { output: Array<{ code?: string }> }).output[0]!.code!;
    });
    bundles.set(key, bundled);
  }
  return bundles.get(key)!;
}

/** Bundles the test widget (wink-link/widget from source) once per process. */
export const bundleTestWidget = () => bundleScript('test/support/widget/widget.ts');

export interface TestOrigins {
  host: Origin;
  widget: Origin;
  /** The widget page's URL, to pass as `widgetUrl`; it accepts `init` from the host origin only. */
  widgetUrl: string;
  /** The same widget page for another host origin (an app served on its own origin). */
  widgetUrlFor(hostOrigin: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The test widget's page, accepting `init` from `allowedOrigins` (its meta tag, as a widget's
 * own server would write it); with none, the page has no meta and calls connect() bare.
 */
export async function testWidgetPage(allowedOrigins: string[] | null): Promise<string> {
  const html = await readFile(join(ROOT, 'test/support/widget/index.html'), 'utf8');
  return allowedOrigins
    ? html.replace('%ALLOWED_ORIGINS%', allowedOrigins.join(' '))
    : html.replace(/\s*<meta name="wink-allowed-origins"[^>]*>/, '');
}

/** Host origin (dist IIFE + test pages) and widget origin (test widget), ready to use. */
export async function startTestOrigins(): Promise<TestOrigins> {
  const host = await startOrigin({
    '/': 'test/support/pages/host.html',
    '/host.css': 'test/support/pages/host.css',
    '/harness.js': 'test/support/pages/harness.js',
    '/wink-link.iife.js': 'dist/wink-link.iife.js',
  });
  const widget = await startOrigin({ '/widget.css': 'test/support/widget/widget.css' });
  widget.content('/widget', await testWidgetPage([host.url]));
  widget.content('/widget.js', await bundleTestWidget(), TYPES['.js']);
  return {
    host,
    widget,
    widgetUrl: `${widget.url}/widget`,
    async widgetUrlFor(hostOrigin) {
      const path = `/widget-for-${new URL(hostOrigin).port}`;
      widget.content(path, await testWidgetPage([hostOrigin]));
      return widget.url + path;
    },
    close: async () => {
      await Promise.all([host.close(), widget.close()]);
    },
  };
}
