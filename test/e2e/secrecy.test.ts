// Issue 5: the Link token goes to the widget by postMessage only: never in a URL, the DOM, an
// attribute or a log line; the iframe is titled, sandboxed and sends no full referrer.
// Requests are read where they arrive (both origins' servers record them), the same in every
// engine; log lines are recorded in the page, every argument in full, plus the browser console
// where the engine lets us read it (not WebKit: skips.ts, 'browser console').
import { expect, it } from 'vitest';
import { cannot } from '../support/driver/skips';
import { host, openLink, type Page, useE2E, widgetFrame, widgetLog } from '../support/e2e';

const e2e = useE2E();

/** Records every console call in the page from now on, each argument serialised in full. */
async function recordConsole(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const w = window as any;
    w.consoleCalls = [];
    for (const method of ['debug', 'log', 'info', 'warn', 'error'] as const) {
      const original = console[method].bind(console);
      console[method] = (...args: unknown[]) => {
        const full = args.map((a) => {
          try {
            return JSON.stringify(a) ?? String(a);
          } catch {
            return String(a);
          }
        });
        w.consoleCalls.push(JSON.stringify([method, ...full]));
        original(...args);
      };
    }
  });
  return () => page.evaluate(() => (window as any).consoleCalls);
}

it('never puts a token in a URL, the DOM, an attribute or a debug log line', async () => {
  const page = await e2e.newPage();
  const consoleCalls = await recordConsole(page);

  // debug: every protocol message is logged; a short token so refresh is logged as well.
  await openLink(page, e2e.origins.widgetUrl, { debug: true, lifetimeMs: 2500, refreshLeadMs: 1000 });
  const frame = await widgetFrame(page, e2e.origins.widget.url);
  await expect.poll(() => widgetLog(frame).then((l) => l.length), { timeout: 5000 }).toBeGreaterThanOrEqual(2);
  await frame.evaluate(() => void setTimeout(() => location.reload())); // and a re-init
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
  const frameUrls = [await page.url(), await frame.url(), iframeSrc];
  await page.evaluate(() => (window as any).link.close());
  const log = [...(await consoleCalls()), ...(cannot('browser console') ? [] : page.logs())].join('\n');
  // The debug log did run, and logged the token messages (redacted).
  expect(log).toContain('[wink-link]');
  expect(log).toMatch(/sent.*init/);
  expect(log).toMatch(/sent.*token/);
  expect(log).toContain('[redacted]');
  const requests = [...e2e.origins.host.requests, ...e2e.origins.widget.requests];
  const haystacks: Record<string, string> = {
    urls: [...requests.map((r) => r.url), ...frameUrls].join('\n'),
    headers: requests.map((r) => JSON.stringify(r.headers)).join('\n'),
    dom: dom.join('\n'),
    logs: log,
  };
  expect(requests.length).toBeGreaterThanOrEqual(6); // the page, its scripts, the widget (twice) and its scripts
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
  const seen = e2e.origins.widget.requests.length;
  const page = await e2e.newPage('/?order=42&email=someone%40example.com');
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
  const widgetPath = new URL(e2e.origins.widgetUrl).pathname;
  const widgetRequest = e2e.origins.widget.requests.slice(seen).find((r) => r.url === widgetPath);
  expect(widgetRequest).toBeDefined();
  const referer = widgetRequest!.headers.referer;
  expect(referer === undefined || referer === `${e2e.origins.host.url}/`).toBe(true);
  // And the sandbox holds: the widget cannot navigate the host page.
  const frame = await widgetFrame(page, e2e.origins.widget.url);
  const navigated = await frame.evaluate(() => {
    try {
      top!.location.href = 'https://example.com/';
      return true;
    } catch {
      return false;
    }
  });
  expect(navigated).toBe(false);
  expect(await page.url()).toContain('/?order=42');
  expect(await host.state(page)).toBe('open');
});
