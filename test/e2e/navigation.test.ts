// A widget frame that navigates away from the widget (a compromised link inside it) must not
// stay on screen as if it were the widget: a document that does not say `ready` within
// loadTimeoutMs fails the launch (LOAD_TIMEOUT, close reason `failed`).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { host, openLink, pause, useE2E, widgetFrame } from '../support/e2e';
import { startOrigin, type Origin } from '../support/servers';

const e2e = useE2E();
let elsewhere: Origin;
beforeAll(async () => {
  elsewhere = await startOrigin();
  elsewhere.content('/', '<!doctype html><html lang="en"><title>elsewhere</title><p>not the widget</p>');
});
afterAll(() => elsewhere.close());

const LOAD_TIMEOUT_MS = 1500;

it('the frame navigated to another origin: LOAD_TIMEOUT, closed (failed), nothing left', async () => {
  const page = await e2e.newPage();
  await openLink(page, e2e.origins.widgetUrl, { loadTimeoutMs: LOAD_TIMEOUT_MS });
  const frame = await widgetFrame(page, e2e.origins.widget.url);
  // On the frame's next task: the navigation may unload it before the evaluation returns.
  await frame.evaluate((url) => void setTimeout(() => (location.href = url)), `${elsewhere.url}/`);
  await expect.poll(() => host.state(page), { timeout: 10_000 }).toBe('closed');
  const calls = await host.calls(page);
  expect(calls).toContainEqual(['error', expect.objectContaining({ code: 'LOAD_TIMEOUT' })]);
  expect(calls).toContainEqual(['close', { reason: 'failed' }]);
  expect(await host.mounted(page)).toBe(0);
});

it('control: a reload of the widget itself stays open past loadTimeoutMs', async () => {
  const page = await e2e.newPage();
  await openLink(page, e2e.origins.widgetUrl, { loadTimeoutMs: LOAD_TIMEOUT_MS });
  const frame = await widgetFrame(page, e2e.origins.widget.url);
  await frame.evaluate(() => void setTimeout(() => location.reload()));
  await expect.poll(() => host.issued(page).then((issued) => issued.length)).toBe(2);
  await pause(page, LOAD_TIMEOUT_MS * 2);
  expect(await host.state(page)).toBe('open');
  expect((await host.calls(page)).map(([name]) => name)).not.toContain('error');
});
