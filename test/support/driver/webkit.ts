// WebKitGTK (the engine Safari is built on): Debian's MiniBrowser driven by WebKitWebDriver
// (W3C WebDriver classic) under a virtual X display. One driver and session per page: its own
// browser process, so nothing is shared between pages.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Browser,
  type Context,
  DEFAULT_VIEWPORT,
  type Frame,
  type Key,
  type Page,
  type PageOptions,
  type Viewport,
  waitFor,
} from './types';
import { DriverServer, ELEMENT, type ElementRef, type Session, WebDriverError } from './webdriver';

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const CAPABILITIES = {
  browserName: 'MiniBrowser',
  'webkitgtk:browserOptions': {
    binary: process.env.MINIBROWSER_PATH ?? MINIBROWSER,
    args: ['--automation', '--javascript-can-open-windows-automatically=true'],
  },
};
const KEYS: Record<Key, string[]> = {
  Tab: ['\uE004'],
  'Shift+Tab': ['\uE008', '\uE004'],
  Escape: ['\uE00C'],
  Enter: ['\uE007'],
  Space: [' '],
};
/** Stands for `undefined`, which WebDriver would turn into null. */
const UNDEFINED = 'wink-driver:undefined';

/** Where the session's commands currently go: a window, and a path of iframe elements in it. */
type Cursor = { window: string; frames: ElementRef[] };

class Target implements Context {
  constructor(
    protected readonly session: Session,
    protected readonly cursor: Cursor,
    readonly window: string,
    readonly frames: ElementRef[],
  ) {}

  /** Points the session at this window and frame (only when it is not there already). */
  protected async enter(): Promise<void> {
    const { cursor } = this;
    if (cursor.window !== this.window) {
      await this.session.send('POST', '/window', { handle: this.window });
      Object.assign(cursor, { window: this.window, frames: [] });
    }
    if (cursor.frames.length === this.frames.length && cursor.frames.every((f, i) => f === this.frames[i])) return;
    await this.session.send('POST', '/frame', { id: null });
    cursor.frames = [];
    // The cursor follows each switch as it succeeds: when one fails (a frame gone stale), it must
    // say where the session really is, or the next call would skip its own switch and run in
    // whatever document the failed walk stopped in.
    for (const frame of this.frames) {
      await this.session.send('POST', '/frame', { id: frame });
      cursor.frames = [...cursor.frames, frame];
    }
  }

  async evaluate<R, A>(fn: (arg: A) => R, arg?: A): Promise<Awaited<R>> {
    await this.enter();
    // A plain value is returned as it is: WebKit loses a promise's result when the frame
    // unloads first (e.g. a widget message that makes the host remove the frame).
    const script = `const wrap = (v) => v === undefined ? '${UNDEFINED}' : v;
      const value = (${fn})(arguments[0]);
      return value instanceof Promise ? value.then(wrap) : wrap(value);`;
    const value = await this.session.send('POST', '/execute/sync', { script, args: [arg ?? null] });
    return (value === UNDEFINED ? undefined : value) as Awaited<R>;
  }

  async click(selector: string): Promise<void> {
    const element = await this.evaluate((s) => document.querySelector(s) as unknown, selector);
    if (!element) throw new Error(`click: nothing matches ${selector}`);
    await this.session.send('POST', `/element/${(element as ElementRef)[ELEMENT]}/click`);
  }

  url(): Promise<string> {
    return this.evaluate(() => location.href);
  }

  /** The iframes of this document, open shadow roots included, as element references. */
  protected iframes(): Promise<ElementRef[]> {
    return this.evaluate(() => {
      const found: Element[] = [];
      const walk = (root: Document | ShadowRoot) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.localName === 'iframe') found.push(el);
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      return found as unknown as ElementRef[];
    });
  }

  /** Every frame below this document, depth first. */
  async descendants(): Promise<Target[]> {
    const all: Target[] = [];
    for (const ref of await this.iframes()) {
      const child = new Target(this.session, this.cursor, this.window, [...this.frames, ref]);
      all.push(child, ...(await child.descendants().catch(() => [])));
    }
    return all;
  }
}

class WebKitPage extends Target implements Page {
  readonly engine = 'webkit';

  constructor(
    session: Session,
    cursor: Cursor,
    window: string,
    /** Ends the session, for the page that began it; undefined for a popup (its window is closed). */
    private readonly end?: () => Promise<void>,
  ) {
    super(session, cursor, window, []);
  }

  async goto(url: string): Promise<void> {
    await this.enter();
    await this.session.send('POST', '/url', { url });
  }

  async frame(prefix: string): Promise<Frame> {
    const find = () =>
      waitFor(`a frame on ${prefix}`, async () => {
        for (const frame of await this.descendants()) {
          const url = await frame.url().catch(() => '');
          if (url.startsWith(prefix)) return frame;
        }
        return undefined;
      });
    let found = await find();
    // WebKitWebDriver now and then calls an <iframe>'s reference stale although the element is
    // still there: the frame is found again by its URL (what a Frame is) and the call made once
    // more. The error comes from switching into the frame, before any script of the call ran.
    const again = async <T>(call: (frame: Target) => Promise<T>): Promise<T> => {
      try {
        return await call(found);
      } catch (error) {
        if (!(error instanceof WebDriverError && error.error === 'stale element reference')) throw error;
        found = await find();
        return call(found);
      }
    };
    return {
      evaluate: ((fn: (arg: unknown) => unknown, arg?: unknown) =>
        again((frame) => frame.evaluate(fn, arg))) as Frame['evaluate'],
      click: (selector) => again((frame) => frame.click(selector)),
      url: () => again((frame) => frame.url()),
    };
  }

  async press(key: Key): Promise<void> {
    const codes = KEYS[key];
    const actions = [
      ...codes.map((value) => ({ type: 'keyDown', value })),
      ...codes.reverse().map((value) => ({ type: 'keyUp', value })),
    ];
    await this.perform({ type: 'key', id: 'keyboard', actions });
  }

  private pointer = { x: 0, y: 0 };
  mouse = {
    click: (x: number, y: number) =>
      this.perform(
        this.mouseActions(
          { type: 'pointerMove', x, y },
          { type: 'pointerDown', button: 0 },
          { type: 'pointerUp', button: 0 },
        ),
      ),
    move: async (x: number, y: number) => {
      this.pointer = { x, y };
      await this.perform(this.mouseActions({ type: 'pointerMove', x, y }));
    },
    wheel: (deltaX: number, deltaY: number) =>
      this.perform({ type: 'wheel', id: 'wheel', actions: [{ type: 'scroll', ...this.pointer, deltaX, deltaY }] }),
  };

  private mouseActions(...actions: object[]) {
    return { type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions };
  }

  private async perform(source: object): Promise<void> {
    await this.enter();
    await this.session.send('POST', '/actions', { actions: [source] });
  }

  async screenshot(path: string): Promise<void> {
    // WebKitWebDriver returns the last frame painted: a change made just before would be missing.
    await this.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    writeFileSync(path, Buffer.from(await this.session.send<string>('GET', '/screenshot'), 'base64'));
  }

  logs(): string[] {
    throw new Error('WebKit: WebDriver classic reports no console messages (see test/support/driver/skips.ts)');
  }

  async popup(action: () => Promise<unknown>): Promise<Page> {
    const before = new Set(await this.session.send<string[]>('GET', '/window/handles'));
    await action();
    const handle = await waitFor('a popup window', async () =>
      (await this.session.send<string[]>('GET', '/window/handles')).find((h) => !before.has(h)),
    );
    return new WebKitPage(this.session, this.cursor, handle);
  }

  /** Sizes the window so that the layout viewport is `size` (the window's own chrome is measured, then added). */
  async resize(size: Viewport): Promise<void> {
    await this.session.send('POST', '/window/rect', size);
    const inner = await this.evaluate(() => ({ width: innerWidth, height: innerHeight }));
    const width = size.width + (size.width - inner.width);
    const height = size.height + (size.height - inner.height);
    await this.session.send('POST', '/window/rect', { width, height });
  }

  async close(): Promise<void> {
    if (this.end) return this.end();
    await this.enter();
    await this.session.send('DELETE', '/window').catch((e) => {
      if (!(e instanceof WebDriverError)) throw e;
    });
  }
}

/** A virtual X display of our own, unless one is set (DISPLAY). */
async function display(): Promise<{ env: NodeJS.ProcessEnv; stop(): void }> {
  if (process.env.DISPLAY) return { env: process.env, stop() {} };
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1920x1080x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  const number = await new Promise<string>((resolve, reject) => {
    xvfb.stdio[3]!.once('data', (data) => resolve(String(data).trim()));
    xvfb.once('error', reject);
  });
  return { env: { ...process.env, DISPLAY: `:${number}` }, stop: () => xvfb.kill() };
}

/** GTK settings that make WebKitGTK match `prefers-reduced-motion: reduce` (no animations); written once, removed with the browser. */
function reducedMotionConfig(): string {
  const config = mkdtempSync(join(tmpdir(), 'wink-webkit-'));
  mkdirSync(join(config, 'gtk-3.0'));
  writeFileSync(join(config, 'gtk-3.0', 'settings.ini'), '[Settings]\ngtk-enable-animations=false\n');
  return config;
}

export async function launchWebKit(): Promise<Browser> {
  const screen = await display();
  const binary = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
  const open = new Set<DriverServer>();
  let reducedMotion: string | undefined;
  return {
    engine: 'webkit',
    async newPage({ viewport = DEFAULT_VIEWPORT, reducedMotion: reduce = false }: PageOptions = {}) {
      // WebKitWebDriver holds one session at a time: a driver of its own for each page.
      if (reduce) reducedMotion ??= reducedMotionConfig();
      const env = reduce ? { ...screen.env, XDG_CONFIG_HOME: reducedMotion } : screen.env;
      const server = await DriverServer.start(binary, env);
      open.add(server);
      const session = await server.session(CAPABILITIES);
      const window = await session.send<string>('GET', '/window');
      const page = new WebKitPage(session, { window, frames: [] }, window, async () => {
        await session.delete();
        server.stop();
        open.delete(server);
      });
      await page.resize(viewport);
      return page;
    },
    async close() {
      for (const server of open) server.stop();
      screen.stop();
      if (reducedMotion) rmSync(reducedMotion, { recursive: true, force: true });
    },
  };
}
