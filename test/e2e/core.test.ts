import { expect, it } from 'vitest';
import { useE2E } from '../support/e2e';

const e2e = useE2E();

it('opens from the IIFE across origins, reports an account, refreshes in place, closes', async () => {
  const page = await e2e.newPage();
  await page.evaluate((widgetUrl) => {
    const w = window as any;
    w.events = [];
    w.link = w.WinkLink.open(
      async () => ({
        expiresAt: new Date(Date.now() + 3000).toISOString(),
        mode: 'SANDBOX',
        accessToken: `tok.${Math.random()}`,
      }),
      { widgetUrl, refreshLeadMs: 1000, onAccountConnected: (e: unknown) => w.events.push(['accountConnected', e]) },
    );
  }, e2e.origins.widgetUrl);
  await page.evaluate(() => (window as any).link.ready);
  expect(await page.evaluate(() => (window as any).link.state)).toBe('open');
  const frame = await page.frame(e2e.origins.widget.url);
  await frame.click('#connect');
  await expect.poll(() => page.evaluate(() => (window as any).events.length)).toBe(1);
  await expect
    .poll(() => frame.evaluate(() => window.widgetLog.map((e) => e.type)), { timeout: 5000 })
    .toContain('token');
  const log = await frame.evaluate(() => window.widgetLog);
  expect(new Set(log.map((e) => e.accessToken)).size).toBe(log.length);
  await page.evaluate(() => (window as any).link.close());
  expect(await page.evaluate(() => document.querySelector('wink-link'))).toBeNull();
});

it('in a browser without inert, open() throws UNSUPPORTED_BROWSER and leaves the page as it was', async () => {
  const page = await e2e.newPage();
  const before = await page.evaluate(() => document.documentElement.outerHTML);
  const result = await page.evaluate((widgetUrl) => {
    delete (HTMLElement.prototype as { inert?: boolean }).inert;
    try {
      (window as any).WinkLink.open(async () => ({}), { widgetUrl });
      return 'opened';
    } catch (error) {
      return [(error as { code: string }).code, error instanceof (window as any).WinkLink.WinkLinkError];
    }
  }, e2e.origins.widgetUrl);
  expect(result).toEqual(['UNSUPPORTED_BROWSER', true]);
  expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(before);
});
