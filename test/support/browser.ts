// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core, for the benches (bench/); the e2e tests
// drive every engine through the page-driver layer (test/support/driver/).
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { CHROMIUM_ARGS } from './chromium-args';

/** `options`, e.g. `{ ignoreDefaultArgs: ['--hide-scrollbars'] }` for classic scrollbars. */
export function launchChromium(extraArgs: string[] = [], options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    ...options,
    args: ['--headless', ...CHROMIUM_ARGS, ...extraArgs],
  });
}
