import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createMockApi } from './api/server';
import { createHostServer, type HostServerOptions } from './host/server';
import { listen, stopServer } from './listen';
import { createDemoVite } from './vite';

/**
 * Starts the whole demo on this machine: the mock Smile API, the sandbox Wink widget (its own
 * origin) and the host payroll page with its server. Port 0 picks a free port.
 */
export interface DemoOptions {
  hostPort?: number;
  widgetPort?: number;
  apiPort?: number;
  /** The Smile bridge page's origin (the host page's "Smile bridge" mode). */
  bridgePort?: number;
  /** Link token lifetime in the mock Smile API (short, so expiry and refresh are visible). */
  tokenTtlSeconds?: number;
  log?: (message: string) => void;
  /** Called with every token the host's endpoint hands out. */
  onTokenIssued?: HostServerOptions['onTokenIssued'];
}

export interface Demo {
  urls: { host: string; widget: string; api: string; bridge: string };
  close(): Promise<void>;
}

export const DEMO_DEFAULTS = { hostPort: 5173, widgetPort: 5174, apiPort: 5175, bridgePort: 5176, tokenTtlSeconds: 60 };

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  // `??`, not a spread: an option passed as undefined (an unset flag) keeps its default.
  const config = {
    hostPort: options.hostPort ?? DEMO_DEFAULTS.hostPort,
    widgetPort: options.widgetPort ?? DEMO_DEFAULTS.widgetPort,
    apiPort: options.apiPort ?? DEMO_DEFAULTS.apiPort,
    bridgePort: options.bridgePort ?? DEMO_DEFAULTS.bridgePort,
    tokenTtlSeconds: options.tokenTtlSeconds ?? DEMO_DEFAULTS.tokenTtlSeconds,
  };
  const log = options.log ?? ((message: string) => console.warn(`[demo] ${message}`));
  // Fresh credentials every run: they exist only in the two server processes, never in a page.
  const apiKeyId = `key_sandbox_${randomBytes(9).toString('hex')}`;
  const apiKeySecret = randomBytes(24).toString('base64url');
  const webhookSecret = `whsec_${randomBytes(18).toString('base64url')}`;
  const stops: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };

  try {
    const api = createMockApi({
      apiKeyId,
      apiKeySecret,
      webhookSecret,
      tokenTtlMs: config.tokenTtlSeconds * 1000,
      log,
    });
    stops.push(
      () => stopServer(api.server),
      () => api.webhooks.close(),
    );
    const apiOrigin = `http://localhost:${await listen(api.server, config.apiPort, 'mock Smile API')}`;

    // The widget accepts `init` from the host's origin only, known once the host listens: the
    // widget's port is taken first, its pages are served once the host's origin is known.
    const widgetHttp: Server = createServer();
    stops.push(() => stopServer(widgetHttp));
    const widgetUrl = `http://localhost:${await listen(widgetHttp, config.widgetPort, 'sandbox widget')}/`;
    api.widgetOrigin = new URL(widgetUrl).origin;

    // The Smile bridge page (its own origin, like the widget's): Smile's SDK (a stand-in) inside.
    const bridgeHttp: Server = createServer();
    stops.push(() => stopServer(bridgeHttp));
    const bridgeUrl = `http://localhost:${await listen(bridgeHttp, config.bridgePort, 'Smile bridge')}/`;

    // Like SMILE_SANDBOX_API_URL, the Open API lives under /v1.
    const host = await createHostServer({
      apiUrl: `${apiOrigin}/v1`,
      apiKeyId,
      apiKeySecret,
      webhookSecret,
      widgetUrl,
      bridgeUrl,
      onTokenIssued: options.onTokenIssued,
    });
    stops.push(
      () => stopServer(host.server),
      () => host.close(),
    );
    const hostUrl = `http://localhost:${await listen(host.server, config.hostPort, 'host page')}/`;
    api.webhooks.url = `${hostUrl}api/webhooks/smile`;

    const widgetVite = await createDemoVite({
      root: fileURLToPath(new URL('widget', import.meta.url)),
      httpServer: widgetHttp,
      name: 'widget',
      define: { __SMILE_API_URL__: apiOrigin, __HOST_ORIGIN__: new URL(hostUrl).origin },
    });
    widgetHttp.on('request', widgetVite.middlewares);
    stops.push(() => widgetVite.close());

    const bridgeVite = await createDemoVite({
      root: fileURLToPath(new URL('smile', import.meta.url)),
      httpServer: bridgeHttp,
      name: 'smile-bridge',
      define: { __HOST_ORIGIN__: new URL(hostUrl).origin },
    });
    bridgeHttp.on('request', bridgeVite.middlewares);
    stops.push(() => bridgeVite.close());

    return { urls: { host: hostUrl, widget: widgetUrl, api: apiOrigin, bridge: bridgeUrl }, close };
  } catch (error) {
    await close();
    throw error;
  }
}
