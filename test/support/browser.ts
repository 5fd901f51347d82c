// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core, for the benches (bench/); the e2e tests
// drive every engine through the page-driver layer (test/support/driver/).
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `options`, e.g. `{ ignoreDefaultArgs: ['--hide-scrollbars'] }` for classic scrollbars. */
export function launchChromium(extraArgs: string[] = [], options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    ...options,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}
