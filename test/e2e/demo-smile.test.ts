import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../demo/start-demo';
import { launchChromium } from '../support/browser';
import { chromiumOnlyUntilPorted } from '../support/playwright-e2e';

chromiumOnlyUntilPorted();

/**
 * The demo's "Smile bridge" mode, as a new user would try it: pick it on the host page, connect,
 * go through Smile's widget (the stand-in) and see every callback on the timeline.
 * Screenshots go to test-artifacts/demo/.
 */
const ARTIFACTS = 'test-artifacts/demo';
let demo: Demo;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  demo = await startDemo({ hostPort: 0, widgetPort: 0, apiPort: 0, bridgePort: 0, log: () => {} });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(demo.urls.host);
  await page.locator('html[data-ready=true]').waitFor({ state: 'attached' });
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

const timelineNames = () => page.locator('#timeline li strong').allTextContents();

it('runs Smile’s widget through the bridge page: one dialog, every callback on the timeline', async () => {
  await page.getByLabel('Smile bridge').check();
  await page.getByRole('button', { name: 'Connect payroll' }).click();
  const frame = page.frameLocator('wink-link iframe');
  await frame.getByRole('dialog', { name: 'Smile Wink (stand-in)' }).waitFor();
  expect(new URL(await page.locator('wink-link iframe').getAttribute('src').then(String)).origin).toBe(
    new URL(demo.urls.bridge).origin,
  );
  expect(await page.locator('wink-link').getAttribute('data-chrome')).toBe('none');
  await page.screenshot({ path: `${ARTIFACTS}/smile-bridge.png` });
  await frame.getByRole('button', { name: 'Upwork' }).click();
  await frame.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#accounts li strong', { hasText: 'UPWORK' }).waitFor();
  await frame.getByRole('button', { name: 'Done' }).click();
  await page.locator('#timeline li[data-name="onClose"]').waitFor();
  const names = await timelineNames();
  for (const name of ['onLoad', 'onEvent', 'onAccountCreated', 'onAccountConnected', 'onClose']) {
    expect(names).toContain(name);
  }
  expect(await page.locator('#timeline li[data-name="onClose"]').first().textContent()).toContain('exit');
  expect(await page.locator('wink-link').count()).toBe(0);
  await page.screenshot({ path: `${ARTIFACTS}/smile-bridge-done.png` });
});
