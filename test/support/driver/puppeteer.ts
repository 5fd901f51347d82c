// Chromium (CDP) and Firefox ESR (WebDriver BiDi), both driven by puppeteer-core, from Debian's
// packages. One client for two engines: the differences are in how each is launched.
import puppeteer, {
  type Browser as PBrowser,
  type Frame as PFrame,
  type LaunchOptions,
  type Page as PPage,
} from 'puppeteer-core';
import {
  type Browser,
  type BrowserOptions,
  type Context,
  DEFAULT_VIEWPORT,
  type Frame,
  type Key,
  type Page,
  type PageOptions,
  waitFor,
} from './types';
import { CHROMIUM_ARGS } from '../chromium-args';

function launchOptions(engine: 'chromium' | 'firefox', options: BrowserOptions, reducedMotion: boolean): LaunchOptions {
  if (engine === 'chromium') {
    return {
      browser: 'chrome',
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      ignoreDefaultArgs: options.classicScrollbars ? ['--hide-scrollbars'] : [],
      defaultViewport: null,
    };
  }
  return {
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    defaultViewport: null,
    extraPrefsFirefox: {
      // Firefox has no per-page media emulation over BiDi: reduced motion is a browser pref.
      ...(reducedMotion ? { 'ui.prefersReducedMotion': 1 } : {}),
      ...(options.classicScrollbars ? { 'widget.gtk.overlay-scrollbars.enabled': false } : {}),
    },
  };
}

const KEYS: Record<Key, string[]> = {
  Tab: ['Tab'],
  'Shift+Tab': ['Shift', 'Tab'],
  Escape: ['Escape'],
  Enter: ['Enter'],
  Space: [' '],
};

function context(target: PPage | PFrame): Context {
  return {
    evaluate: ((fn: (arg: unknown) => unknown, arg?: unknown) =>
      target.evaluate(fn as never, arg as never)) as Context['evaluate'],
    click: (selector) => target.click(selector),
    url: async () => target.url(),
  };
}

function wrap(engine: 'chromium' | 'firefox', page: PPage): Page {
  const logs: string[] = [];
  page.on('console', (message) => logs.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => logs.push(`pageerror: ${(error as Error).message}`));
  let pointer = { x: 0, y: 0 };
  return {
    engine,
    ...context(page),
    goto: async (url) => void (await page.goto(url)),
    frame: (prefix) =>
      waitFor(`a frame on ${prefix}`, async () => {
        const found = page.frames().find((f) => f !== page.mainFrame() && f.url().startsWith(prefix));
        return found && (context(found) satisfies Frame);
      }),
    press: async (key) => {
      const [modifier, last] = KEYS[key].length === 2 ? KEYS[key] : [undefined, KEYS[key][0]];
      if (modifier) await page.keyboard.down(modifier as never);
      await page.keyboard.press(last as never);
      if (modifier) await page.keyboard.up(modifier as never);
    },
    mouse: {
      click: (x, y) => page.mouse.click(x, y),
      move: async (x, y) => {
        pointer = { x, y };
        await page.mouse.move(x, y);
      },
      wheel: async (deltaX, deltaY) => {
        await page.mouse.move(pointer.x, pointer.y);
        await page.mouse.wheel({ deltaX, deltaY });
      },
    },
    screenshot: async (path) => void (await page.screenshot({ path: path as `${string}.png` })),
    logs: () => logs,
    popup: async (action) => {
      // Found among the context's pages: Firefox fires no `popup` event for a window a frame opened.
      const before = new Set(await page.browserContext().pages());
      await action();
      const popup = await waitFor('a popup window', async () =>
        (await page.browserContext().pages()).find((p) => !before.has(p)),
      );
      return wrap(engine, popup);
    },
    close: () => page.browserContext().close(),
  };
}

export async function launchPuppeteer(engine: 'chromium' | 'firefox', options: BrowserOptions = {}): Promise<Browser> {
  const browsers = new Map<boolean, Promise<PBrowser>>();
  const browser = (reducedMotion: boolean) => {
    if (!browsers.has(reducedMotion))
      browsers.set(reducedMotion, puppeteer.launch(launchOptions(engine, options, reducedMotion)));
    return browsers.get(reducedMotion)!;
  };
  await browser(false);
  return {
    engine,
    async newPage({ viewport = DEFAULT_VIEWPORT, reducedMotion = false }: PageOptions = {}) {
      // Chromium emulates the media feature per page; Firefox needs a browser launched with the pref.
      const owner = await browser(engine === 'firefox' && reducedMotion);
      const page = await (await owner.createBrowserContext()).newPage();
      await page.setViewport(viewport);
      if (engine === 'chromium' && reducedMotion)
        await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
      return wrap(engine, page);
    },
    async close() {
      await Promise.all([...browsers.values()].map(async (b) => (await b).close()));
    },
  };
}
