// The Smile bridge's two extra origins for real-browser tests: the bridge origin serves the
// built bridge page (dist/smile-bridge.html and .js), set up as a host would set it up, and the
// "Smile" origin serves the stand-in SDK where web.smileapi.io would serve smile.v2.js.
import { readFileSync } from 'node:fs';
import { bundleScript, startOrigin, type Origin } from '../servers';

/** Smile's script tag in the shipped page (SmileAPI/smile-openapi api-reference/Chapter-4.md). */
export const SMILE_SDK_URL = 'https://web.smileapi.io/v2/smile.v2.js';

export interface SmileOrigins {
  bridge: Origin;
  smile: Origin;
  /** The bridge page's URL, to pass as `widgetUrl` / `bridgeUrl`. */
  bridgeUrl: string;
  /**
   * Serves another copy of the bridge page under `/<dir>/`: with other allowed origins (the
   * shipped empty meta with `[]`), another SDK URL, or response headers (a CSP).
   */
  variant(dir: string, setup: { allowedOrigins?: string[]; sdkUrl?: string; headers?: Record<string, string> }): string;
  close(): Promise<void>;
}

export async function startSmileOrigins(hostOrigin: string): Promise<SmileOrigins> {
  const [bridge, smile] = await Promise.all([startOrigin(), startOrigin()]);
  smile.content('/v2/smile.v2.js', await bundleScript('test/support/smile/stand-in.ts', 'iife'), 'text/javascript');
  const html = readFileSync('dist/smile-bridge.html', 'utf8');
  const script = readFileSync('dist/smile-bridge.js', 'utf8');
  const META = '<meta name="wink-allowed-origins" content="" />';
  if (!html.includes(META) || !html.includes(SMILE_SDK_URL)) throw new Error('dist/smile-bridge.html changed shape');
  const variant: SmileOrigins['variant'] = (dir, setup) => {
    const origins = setup.allowedOrigins ?? [hostOrigin];
    const page = html
      .replace(META, `<meta name="wink-allowed-origins" content="${origins.join(' ')}" />`)
      .replace(SMILE_SDK_URL, setup.sdkUrl ?? `${smile.url}/v2/smile.v2.js`);
    const path = `${dir ? `/${dir}` : ''}/smile-bridge.html`;
    bridge.content(path, page);
    bridge.content(path.replace('.html', '.js'), script, 'text/javascript');
    if (setup.headers) bridge.headers.set(path, setup.headers);
    return bridge.url + path;
  };
  return {
    bridge,
    smile,
    bridgeUrl: variant('', {}),
    variant,
    close: async () => {
      await Promise.all([bridge.close(), smile.close()]);
    },
  };
}
