// The demo (`npm run demo`) in the engine under test: its servers on free ports, one browser and
// the host page, opened and ready. Screenshots go to test-artifacts/demo/.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { type Demo, type DemoOptions, startDemo } from '../../demo/start-demo';
import { type Browser, launchBrowser, type Page, type Viewport, waitFor } from './driver';

export const DEMO_ARTIFACTS = 'test-artifacts/demo';

export interface DemoE2E {
  demo: Demo;
  browser: Browser;
  /** The host page, loaded and ready (its script ran: `html[data-ready=true]`). */
  page: Page;
  /** Another host page, ready; the caller closes it. */
  openHostPage(): Promise<Page>;
  screenshot(name: string): Promise<void>;
}

/** Registers the file's hooks; the returned object is filled in by `beforeAll`. */
export function useDemo(viewport: Viewport, options: DemoOptions = {}): DemoE2E {
  const env = {} as DemoE2E;
  beforeAll(async () => {
    mkdirSync(DEMO_ARTIFACTS, { recursive: true });
    env.demo = await startDemo({ hostPort: 0, widgetPort: 0, apiPort: 0, bridgePort: 0, log: () => {}, ...options });
    env.browser = await launchBrowser();
    env.openHostPage = async () => {
      const page = await env.browser.newPage({ viewport });
      await page.goto(env.demo.urls.host);
      await waitFor(
        'the demo page to be ready',
        () => page.evaluate(() => document.documentElement.dataset.ready === 'true'),
        15_000,
      );
      return page;
    };
    env.page = await env.openHostPage();
    env.screenshot = (name) => env.page.screenshot(`${DEMO_ARTIFACTS}/${name}.png`);
  });
  afterAll(async () => {
    await env.page?.close();
    await env.browser?.close();
    await env.demo?.close();
  });
  return env;
}

/** Picks `value` in the host page's radio group `group` (e.g. display: inline) by clicking its label, as a user does. */
export async function chooseOption(page: Page, group: string, value: string): Promise<void> {
  await page.click(`label:has(> input[name=${group}][value=${value}])`);
  await waitFor(`${group}: ${value} checked`, () =>
    page.evaluate((s) => document.querySelector<HTMLInputElement>(s)!.checked, `input[name=${group}][value=${value}]`),
  );
}
