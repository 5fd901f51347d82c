// Issue 5: the Link token goes to the widget by postMessage only: never in a URL, the DOM, an
// attribute or a log line; the iframe is titled, sandboxed and sends no full referrer.
import { expect, it } from 'vitest';
import type { Request } from 'playwright-core';
import { host, openLink, useE2E, widgetFrame, widgetLog } from '../support/playwright-e2e';

const e2e = useE2E();

it('never puts a token in a URL, the DOM, an attribute or a debug log line', async () => {
  const page = await e2e.newPage();
  const requests: Request[] = [];
  const logs: Array<Promise<string>> = [];
  page.on('request', (r) => requests.push(r));
  page.on('console', (m) => {
    // Every argument, in full (text() abbreviates objects).
    logs.push(
      Promise.all(m.args().map((a) => a.jsonValue().catch(() => '<unserialisable>'))).then((args) =>
        JSON.stringify([m.type(), m.text(), ...args]),
      ),
    );
  });

  // debug: every protocol message is logged; a short token so refresh is logged as well.
  await openLink(page, e2e.origins.widgetUrl, { debug: true, lifetimeMs: 2500, refreshLeadMs: 1000 });
  const frame = widgetFrame(page, e2e.origins.widget.url);
  await expect.poll(() => widgetLog(frame).then((l) => l.length), { timeout: 5000 }).toBeGreaterThanOrEqual(2);
  await frame.evaluate(() => location.reload()); // and a re-init
  await expect.poll(() => host.issued(page).then((t) => t.length)).toBeGreaterThanOrEqual(3);
  await expect
    .poll(() =>
      widgetLog(frame)
        .then((l) => l[0]?.type)
        .catch(() => null),
    )
    .toBe('init');
  const tokens = await host.issued(page);

  // The DOM, shadow root included, and every attribute value anywhere.
  const dom = await page.evaluate(() => {
    const root = document.querySelector('wink-link')!.shadowRoot!;
    const all = [...document.querySelectorAll('*'), ...root.querySelectorAll('*')];
    const attributes = all.flatMap((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`));
    return [document.documentElement.outerHTML, root.innerHTML, ...attributes, document.cookie, document.title];
  });
  const iframeSrc = await page.evaluate(
    () => document.querySelector('wink-link')!.shadowRoot!.querySelector('iframe')!.src,
  );
  await page.evaluate(() => (window as any).link.close());
  const log = (await Promise.all(logs)).join('\n');
  // The debug log did run, and logged the token messages (redacted).
  expect(log).toContain('[wink-link]');
  expect(log).toMatch(/sent.*init/);
  expect(log).toMatch(/sent.*token/);
  expect(log).toContain('[redacted]');
  const haystacks: Record<string, string> = {
    urls: [...requests.map((r) => r.url()), ...page.frames().map((f) => f.url()), iframeSrc, page.url()].join('\n'),
    headers: (await Promise.all(requests.map((r) => r.allHeaders().then(JSON.stringify)))).join('\n'),
    dom: dom.join('\n'),
    logs: log,
  };
  for (const token of tokens) {
    for (const [where, text] of Object.entries(haystacks)) {
      expect(text.includes(token), `token found in ${where}`).toBe(false);
      // Nor its distinctive random part (say, a URL-encoded or truncated copy).
      expect(text.includes(token.split('.')[1]!), `token part found in ${where}`).toBe(false);
    }
  }
  expect(iframeSrc).toBe(e2e.origins.widgetUrl);
});

it('the iframe has a title, a referrer policy and a sandbox without top navigation', async () => {
  const page = await e2e.newPage('/?order=42&email=someone%40example.com');
  const widgetRequest = page.waitForRequest((r) => r.url().startsWith(e2e.origins.widgetUrl));
  await openLink(page, e2e.origins.widgetUrl);
  const attrs = await page.evaluate(() => {
    const iframe = document.querySelector('wink-link')!.shadowRoot!.querySelector('iframe')!;
    return {
      title: iframe.title,
      referrerPolicy: iframe.referrerPolicy,
      sandbox: [...iframe.sandbox],
      allow: iframe.getAttribute('allow'),
    };
  });
  expect(attrs.title.length).toBeGreaterThan(0);
  expect(['no-referrer', 'origin', 'strict-origin', 'same-origin']).toContain(attrs.referrerPolicy);
  expect(attrs.sandbox).toEqual(expect.arrayContaining(['allow-scripts', 'allow-same-origin']));
  expect(attrs.sandbox.filter((t) => t.startsWith('allow-top-navigation'))).toEqual([]);
  expect(attrs.allow).toBeNull();
  // The host page's path and query (which may be personal) do not reach the widget's server.
  const referer = (await (await widgetRequest).allHeaders()).referer;
  expect(referer === undefined || referer === `${e2e.origins.host.url}/`).toBe(true);
  // And the sandbox holds: the widget cannot navigate the host page.
  const frame = widgetFrame(page, e2e.origins.widget.url);
  const navigated = await frame.evaluate(() => {
    try {
      top!.location.href = 'https://example.com/';
      return true;
    } catch {
      return false;
    }
  });
  expect(navigated).toBe(false);
  expect(page.url()).toContain('/?order=42');
  expect(await host.state(page)).toBe('open');
});
