// Real-browser plumbing for the Smile bridge: the host origin (useE2E), the bridge origin and
// the stand-in "Smile" origin, three origins as in production; readers for the stand-in.
import { afterAll, beforeAll } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { useE2E, type E2E } from '../playwright-e2e';
import { startSmileOrigins, type SmileOrigins } from './origins';

export interface SmileE2E extends E2E {
  smile: SmileOrigins;
}

export function useSmileE2E(): SmileE2E {
  const env = useE2E() as SmileE2E;
  beforeAll(async () => {
    env.smile = await startSmileOrigins(env.origins.host.url);
  });
  afterAll(() => env.smile?.close());
  return env;
}

/** The bridge page's frame (Playwright keeps one Frame across the page's reloads). */
export async function bridgeFrame(page: Page, bridgeOrigin: string): Promise<Frame> {
  const iframe = await page.waitForSelector('wink-link >> iframe', { state: 'attached' });
  const frame = await iframe.contentFrame();
  if (!frame?.url().startsWith(bridgeOrigin)) throw new Error(`no bridge frame: ${frame?.url()}`);
  return frame!;
}

export interface StandInView {
  userToken: string;
  templateId?: string;
  topProviders?: string[];
  opened: number;
}

/** What each stand-in widget was given, in order of construction. */
export function standIns(frame: Frame): Promise<StandInView[]> {
  return frame.evaluate(() =>
    (window.smileStandIn?.instances ?? []).map(({ options, opened }) => ({
      userToken: options.userToken,
      templateId: options.templateId as string | undefined,
      topProviders: options.topProviders as string[] | undefined,
      opened,
    })),
  );
}

/** How many stand-in modals are in the bridge page's DOM, and which. */
export function mountedStandIns(frame: Frame): Promise<string[]> {
  return frame.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-smile-stand-in]')].map((e) => e.dataset.smileStandIn!),
  );
}

/** Fires one of Smile's callbacks on the latest stand-in widget, as smile.v2.js would. */
export function trigger(frame: Frame, name: string, payload?: unknown): Promise<void> {
  return frame.evaluate(([n, p]) => window.smileStandIn.instances.at(-1)!.trigger(n, p), [name, payload] as const);
}
