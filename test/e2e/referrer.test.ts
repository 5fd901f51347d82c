// Issue 13 item 9: a host page that sends no referrer (or only its origin) still links and
// refreshes. Nothing in the handshake may depend on the Referer header or document.referrer:
// the widget learns the host's origin from the `init` message's own origin.
import { beforeAll, expect, it } from 'vitest';
import { host, openLink, useE2E, widgetFrame, widgetLog } from '../support/e2e';

const e2e = useE2E();
const POLICIES = ['no-referrer', 'strict-origin'] as const;

beforeAll(() => {
  for (const policy of POLICIES) {
    e2e.origins.host.route(`/${policy}`, 'test/support/pages/host.html');
    e2e.origins.host.headers.set(`/${policy}`, { 'referrer-policy': policy });
  }
});

it.each(POLICIES)(
  'a host page served with Referrer-Policy: %s links, refreshes and hears the widget',
  async (policy) => {
    const page = await e2e.newPage(`/${policy}`);
    // Control: the policy is in force (the page's own request sends no Referer, or its origin only),
    // as the widget's server received it.
    const probe = `/widget.css?probe-${policy}`;
    await page.evaluate((url) => fetch(url, { mode: 'no-cors' }).then(() => undefined), e2e.origins.widget.url + probe);
    const request = e2e.origins.widget.requests.find((r) => r.url === probe);
    expect(request?.headers.referer ?? '').toBe(policy === 'no-referrer' ? '' : `${e2e.origins.host.url}/`);
    await openLink(page, e2e.origins.widgetUrl, { lifetimeMs: 2500, refreshLeadMs: 1000 });
    const frame = await widgetFrame(page, e2e.origins.widget.url);
    expect(await frame.evaluate(() => window.widget.hostOrigin)).toBe(e2e.origins.host.url);
    // Refreshed in place: automatically before expiry, then on request.
    await expect
      .poll(() => widgetLog(frame).then((log) => log.map((e) => e.type)), { timeout: 5000 })
      .toEqual(['init', 'token']);
    await page.evaluate(() => (window as any).link.refresh());
    expect((await widgetLog(frame)).map((e) => e.type)).toEqual(['init', 'token', 'token']);
    expect((await widgetLog(frame)).map((e) => e.accessToken)).toEqual((await host.issued(page)).slice(0, 3));
    // And the widget is heard.
    await frame.click('#connect');
    await expect.poll(() => host.names(page)).toContain('accountConnected');
  },
);
