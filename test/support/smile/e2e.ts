// Real-browser plumbing for the Smile bridge: the host origin (useE2E), the bridge origin and
// the stand-in "Smile" origin, three origins as in production; readers for the stand-in.
import { afterAll, beforeAll, expect } from 'vitest';
import { type E2E, type Frame, type Page, useE2E } from '../e2e';
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

/** The bridge page's frame (the same Frame across the page's reloads). */
export function bridgeFrame(page: Page, bridgeOrigin: string): Promise<Frame> {
  return page.frame(bridgeOrigin);
}

/** Waits until an element matching `selector` is in the frame's document. */
export async function shown(frame: Frame, selector: string): Promise<void> {
  await expect.poll(() => frame.evaluate((s) => document.querySelector(s) !== null, selector)).toBe(true);
}

/** Waits for the bridge's notice (an alertdialog) titled `title`; returns its background colour. */
export async function notice(frame: Frame, title: string): Promise<{ background: string }> {
  const find = () =>
    frame.evaluate((t) => {
      const dialog = [...document.querySelectorAll('[role=alertdialog]')].find(
        (el) => document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent === t,
      );
      return dialog ? { background: getComputedStyle(dialog).backgroundColor } : null;
    }, title);
  await expect.poll(find).not.toBeNull();
  return (await find())!;
}

/** Focuses `selector` inside the frame (where the modal put keyboard focus) and presses Escape there. */
export async function pressEscapeOn(page: Page, frame: Frame, selector: string): Promise<void> {
  await shown(frame, selector);
  await frame.evaluate((s) => document.querySelector<HTMLElement>(s)!.focus(), selector);
  await page.press('Escape');
}

export interface StandInView {
  userToken: string;
  templateId?: string;
  topProviders?: string[];
  opened: number;
}

/** What each stand-in widget was given, in order of construction. */
export async function standIns(frame: Frame): Promise<StandInView[]> {
  const views = await frame.evaluate(() =>
    (window.smileStandIn?.instances ?? []).map(({ options, opened }) => ({
      userToken: options.userToken,
      templateId: options.templateId as string | undefined,
      topProviders: options.topProviders as string[] | undefined,
      opened,
    })),
  );
  // WebDriver (WebKit) returns an option left undefined as null; the others leave it out.
  return views.map((view) => ({
    ...view,
    templateId: view.templateId ?? undefined,
    topProviders: view.topProviders ?? undefined,
  }));
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
