// The engine under test (WINK_ENGINE=chromium|firefox|webkit, default chromium) and its launcher.
import { launchPuppeteer } from './puppeteer';
import { type Browser, type BrowserOptions, type Engine, ENGINES } from './types';
import { launchWebKit } from './webkit';

export * from './types';

export function currentEngine(): Engine {
  const name = process.env.WINK_ENGINE ?? 'chromium';
  if (!(ENGINES as readonly string[]).includes(name))
    throw new Error(`WINK_ENGINE=${name}: expected one of ${ENGINES.join(', ')}`);
  return name as Engine;
}

export function launchBrowser(options: BrowserOptions = {}, engine = currentEngine()): Promise<Browser> {
  return engine === 'webkit' ? launchWebKit() : launchPuppeteer(engine, options);
}
