// The page-driver layer's surface: what an e2e test may do to a browser, the same in every
// engine. Small and Playwright-like on purpose; README.md beside this file says how to use it.

export type Engine = 'chromium' | 'firefox' | 'webkit';
export const ENGINES: readonly Engine[] = ['chromium', 'firefox', 'webkit'];

/** Keys a test presses: real key events, delivered to whatever has focus (a cross-origin frame too). */
export type Key = 'Tab' | 'Shift+Tab' | 'Escape' | 'Enter' | 'Space';

export interface Viewport {
  width: number;
  height: number;
}

/** A document to run code in and click on: the page's top document or one of its frames. */
export interface Context {
  /** Runs `fn` in the document (its source is sent, so it may use only its argument) and returns its JSON result. */
  evaluate<R>(fn: () => R): Promise<Awaited<R>>;
  evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<Awaited<R>>;
  /** Clicks the first element matching `selector` with real (trusted) mouse input at its centre. */
  click(selector: string): Promise<void>;
  /** The document's current URL. */
  url(): Promise<string>;
}

/** A frame, found by its URL; it stays the same object across its own reloads and navigations. */
export type Frame = Context;

export interface Page extends Context {
  readonly engine: Engine;
  goto(url: string): Promise<void>;
  /** The first frame (any depth, shadow roots included) whose URL starts with `prefix`; waits up to 5 s. */
  frame(prefix: string): Promise<Frame>;
  press(key: Key): Promise<void>;
  mouse: {
    click(x: number, y: number): Promise<void>;
    move(x: number, y: number): Promise<void>;
    /** Scrolls with the wheel over the mouse's last position. */
    wheel(deltaX: number, deltaY: number): Promise<void>;
  };
  screenshot(path: string): Promise<void>;
  /**
   * Everything the browser logged since the page opened: `type: text` console messages and
   * `pageerror: message` uncaught errors. Not in WebKit (WebDriver classic has no log events):
   * there it throws, and the test belongs in skips.ts.
   */
  logs(): string[];
  /** Runs `action` and returns the window it opened (window.open). */
  popup(action: () => Promise<unknown>): Promise<Page>;
  close(): Promise<void>;
}

export interface PageOptions {
  /** The layout viewport (innerWidth × innerHeight); default 1280 × 720. */
  viewport?: Viewport;
  /** `prefers-reduced-motion: reduce` for this page. */
  reducedMotion?: boolean;
}

export interface BrowserOptions {
  /** Classic scrollbars that take layout space (default: whatever the headless engine does). */
  classicScrollbars?: boolean;
}

export interface Browser {
  readonly engine: Engine;
  /** A new page in its own context (no cookies or storage shared with other pages). */
  newPage(options?: PageOptions): Promise<Page>;
  close(): Promise<void>;
}

export const DEFAULT_VIEWPORT: Viewport = { width: 1280, height: 720 };

/** Polls `check` until it returns a truthy value, or throws `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
