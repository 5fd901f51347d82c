// Shared e2e plumbing, on the page-driver layer (test/support/driver/): one browser (the engine
// WINK_ENGINE names) and one pair of origins per test file, a fresh page per test, and small
// readers for the host page (harness.js state) and the widget frame.
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  type Browser,
  type BrowserOptions,
  type Context,
  currentEngine,
  ENGINES,
  type Frame,
  launchBrowser,
  type Page,
  type PageOptions,
} from './driver';
import { startTestOrigins, type TestOrigins } from './servers';

export type { Context, Frame, Page } from './driver';
export const ARTIFACTS = 'test-artifacts';

/**
 * True in one engine only (the first of ENGINES): for the tests of an e2e file that need no
 * browser, or whose result cannot depend on the engine, so `npm test` runs them once, not once
 * per engine: `it.runIf(onceAcrossEngines)(…)`.
 */
export const onceAcrossEngines = currentEngine() === ENGINES[0];

export interface E2E {
  origins: TestOrigins;
  browser: Browser;
  /** A fresh page (own context) on the host origin's `path`; closed after the test. */
  newPage(path?: string, options?: PageOptions): Promise<Page>;
}

/** Registers the per-file hooks; the returned object is filled in by `beforeAll`. */
export function useE2E(launch: BrowserOptions = {}): E2E {
  const env = { pages: [] as Page[] } as unknown as E2E & { pages: Page[] };
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    env.origins = await startTestOrigins();
    env.browser = await launchBrowser(launch);
  });
  afterEach(async () => {
    await Promise.all(env.pages.splice(0).map((page) => page.close()));
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.origins?.close();
  });
  env.newPage = async (path = '/', options = {}) => {
    const page = await env.browser.newPage(options);
    env.pages.push(page);
    await page.goto(env.origins.host.url + path);
    return page;
  };
  return env;
}

/** Options for `harness.open` (plain data: they cross into the page). */
export interface OpenOptions {
  widgetUrl?: string;
  lifetimeMs?: number;
  refreshLeadMs?: number;
  refresh?: 'auto' | 'manual';
  container?: string;
  chrome?: 'card' | 'none';
  debug?: boolean;
  labels?: { title?: string; loading?: string; close?: string };
  templateId?: string;
  widgetOptions?: Record<string, unknown>;
  locale?: string;
  loadTimeoutMs?: number;
}

/** Opens a link through the page's harness and waits for `link.ready`. */
export async function openLink(page: Page, widgetUrl: string, options: OpenOptions = {}): Promise<void> {
  await page.evaluate((o) => (window as any).harness.open(o), { widgetUrl, ...options });
}

type HostCall = [string, any];

/** Reads the harness's record on the host page. */
export const host = {
  state: (page: Page): Promise<string> => page.evaluate(() => (window as any).link.state),
  calls: (page: Page): Promise<HostCall[]> => page.evaluate(() => (window as any).calls),
  names: (page: Page): Promise<string[]> => page.evaluate(() => (window as any).harness.names()),
  issued: (page: Page): Promise<string[]> => page.evaluate(() => (window as any).issued),
  /** Number of `wink-link` elements in the document. */
  mounted: (page: Page): Promise<number> => page.evaluate(() => document.querySelectorAll('wink-link').length),
};

/** The widget's frame (by origin); the same Frame across the widget's reloads. */
export function widgetFrame(page: Page, widgetOrigin: string): Promise<Frame> {
  return page.frame(widgetOrigin);
}

/** What the test widget received: [type, accessToken?] in order. */
export function widgetLog(frame: Frame): Promise<Array<{ type: string; accessToken?: string }>> {
  return frame.evaluate(() => window.widgetLog.map(({ type, accessToken }) => ({ type, accessToken })));
}

/** Makes the test widget send one protocol message to the host. */
export function widgetSend(frame: Frame, type: string, payload: unknown): Promise<boolean> {
  return frame.evaluate(([t, p]) => (window.widget.send as any)(t, p), [type, payload] as const);
}

/**
 * Like widgetSend, on the frame's next task, after the evaluation has returned: for a message
 * after which the host removes the frame (WebKit loses a result whose frame is gone).
 */
export function widgetSendLater(frame: Frame, type: string, payload: unknown): Promise<void> {
  return frame.evaluate(([t, p]) => void setTimeout(() => (window.widget.send as any)(t, p)), [type, payload] as const);
}

/**
 * Counts `message` events on a window, from a listener added now (after the SDK's own, so
 * once the count reaches N, every one of those N messages has been through the SDK's handler).
 * The modal widget's own messages (e.g. a `resize` at any time) are not counted.
 */
export async function countMessages(target: Context): Promise<() => Promise<number>> {
  await target.evaluate(() => {
    const w = window as any;
    w.messagesSeen = 0;
    window.addEventListener('message', (event) => {
      const widget = document.querySelector('wink-link')?.shadowRoot?.querySelector('iframe')?.contentWindow;
      if (!widget || event.source !== widget) w.messagesSeen++;
    });
  });
  return () => target.evaluate(() => (window as any).messagesSeen);
}

/** The focused element's id (or name), looking into the modal's shadow root: `wink-link>iframe`. */
export const focused = (page: Page): Promise<string | undefined> =>
  page.evaluate(() => {
    const active = document.activeElement;
    return active?.shadowRoot
      ? `${active.localName}>${active.shadowRoot.activeElement?.localName}`
      : active?.id || active?.localName;
  });

/** Waits two animation frames in the page (lets layout, scrolling and focus settle). */
export function settle(target: Context): Promise<void> {
  return target.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/** Waits `ms` in the page's own clock. */
export function pause(target: Context, ms: number): Promise<void> {
  return target.evaluate((t) => new Promise<void>((r) => setTimeout(r, t)), ms);
}

type Box = { x: number; y: number; width: number; height: number };

/** Waits for the page's finite animations to finish. */
export function animationsDone(page: Page): Promise<void> {
  return page.evaluate(async () => {
    // document.getAnimations() leaves out shadow trees in Chromium: ask the modal's root too.
    const root = document.querySelector('wink-link')?.shadowRoot;
    const all = [...document.getAnimations(), ...(root?.getAnimations() ?? [])];
    const finite = all.filter((a) => a.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.all(finite.map((a) => a.finished));
  });
}

/** The modal's geometry (once its animations are done) and what a click at the viewport's centre and corner would hit. */
export async function modalGeometry(page: Page): Promise<{
  viewport: { width: number; height: number };
  backdrop: Box;
  dialog: Box;
  iframe: Box;
  iframeVisible: boolean;
  centreHitsIframe: boolean;
  cornerHitsModal: boolean;
}> {
  await animationsDone(page);
  return page.evaluate(() => {
    const hostEl = document.querySelector('wink-link')!;
    const root = hostEl.shadowRoot!;
    const box = (el: Element | null) => {
      const r = el!.getBoundingClientRect();
      return { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
    };
    const iframe = root.querySelector('iframe')!;
    const [cx, cy] = [innerWidth / 2, innerHeight / 2];
    return {
      viewport: { width: innerWidth, height: innerHeight },
      backdrop: box(root.querySelector('.backdrop')),
      dialog: box(root.querySelector('[role=dialog]')),
      iframe: box(iframe),
      iframeVisible: iframe.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
      centreHitsIframe: document.elementFromPoint(cx, cy) === hostEl && root.elementFromPoint(cx, cy) === iframe,
      cornerHitsModal: document.elementFromPoint(2, 2) === hostEl,
    };
  });
}
