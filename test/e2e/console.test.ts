// Issue 13 item 8: no console message on any open path. The iframe used to be inserted before
// a per-mode widgetUrl was resolved: it loaded about:blank, same-origin with the page, with
// `allow-scripts allow-same-origin`, and Chrome warned that it "can escape its sandboxing".
import { beforeAll, expect, it } from 'vitest';
import { type Page, useE2E, widgetFrame, widgetLog } from '../support/e2e';
import { cannot } from '../support/driver/skips';

const e2e = useE2E();
// The browser asks for the page's icon: a 404 is a console error that is not ours.
beforeAll(() => e2e.origins.host.content('/favicon.ico', '', 'image/x-icon'));

type Path = { name: string; prepare?: boolean; map?: boolean; container?: string };
const PATHS: Path[] = [
  { name: 'a single widgetUrl' },
  { name: 'a per-mode widgetUrl map', map: true },
  { name: 'prepare(), then open()', prepare: true },
  { name: 'prepare() with a per-mode map', prepare: true, map: true },
  { name: 'inline (container)', container: '#inline' },
  { name: 'inline with a per-mode map', container: '#inline', map: true },
];

/** Opens a link the way `path` says, waits for the widget's init, and closes it. */
async function openAndClose(page: Page, path: Path) {
  const url = e2e.origins.widgetUrl;
  await page.evaluate(
    async ({ path, url }) => {
      const fetchToken = async () => ({
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
        mode: 'SANDBOX',
        accessToken: `con.${crypto.randomUUID()}`,
      });
      const { WinkLink } = window as any;
      const options = {
        widgetUrl: path.map ? { SANDBOX: url, PRODUCTION: url.replace('localhost', '127.0.0.1') } : url,
        container: path.container,
      };
      const link = path.prepare ? WinkLink.prepare(fetchToken, options) : WinkLink.open(fetchToken, options);
      await link.ready;
      if (path.prepare) link.open();
      (window as any).link = link;
    },
    { path, url },
  );
  const frame = await widgetFrame(page, e2e.origins.widget.url);
  await expect.poll(() => widgetLog(frame).then((log) => log.map((e) => e.type))).toEqual(['init']);
  await page.evaluate(() => (window as any).link.close());
}

it.skipIf(cannot('browser console')).each(PATHS)('opening with $name logs nothing to the console', async (path) => {
  const page = await e2e.newPage();
  await openAndClose(page, path);
  expect(page.logs()).toEqual([]);
});

it.skipIf(cannot("Chromium's sandbox warning"))(
  'control: the recorder sees the warning Chrome gives an about:blank frame with these sandbox flags',
  async () => {
    const page = await e2e.newPage();
    await page.evaluate(() => {
      const iframe = document.createElement('iframe');
      iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin');
      document.body.append(iframe);
    });
    await expect.poll(() => page.logs().join('\n')).toMatch(/can escape its sandboxing/);
  },
);

it.skipIf(cannot('browser console'))(
  "control: the recorder sees the page's own warning and an uncaught error",
  async () => {
    const page = await e2e.newPage();
    await page.evaluate(() => {
      console.warn('a warning');
      setTimeout(() => {
        throw new Error('uncaught');
      });
    });
    await expect.poll(() => page.logs()).toEqual(['warn: a warning', expect.stringMatching(/^pageerror: .*uncaught/)]);
  },
);
