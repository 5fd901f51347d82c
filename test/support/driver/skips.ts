// The one list of tests an engine cannot run, each with the reason. A test is never listed
// because it fails: only for what the engine or its automation protocol cannot do at all.
import { currentEngine, type Engine } from './index';

export const SKIPS = {
  'browser console': {
    engines: ['webkit'],
    reason:
      'WebKitWebDriver speaks WebDriver classic only (no BiDi, no log endpoint): the messages the browser ' +
      'itself logs (CSP, sandbox warnings) cannot be read. Page code can be recorded in-page instead.',
  },
  "Chromium's sandbox warning": {
    engines: ['firefox', 'webkit'],
    reason: 'the "can escape its sandboxing" console warning is Chromium\'s own; the others log nothing for it',
  },
  'lazy message deserialisation': {
    engines: ['firefox', 'webkit'],
    reason:
      'only Chromium deserialises a message when its data is first read; Firefox and WebKit do it on arrival ' +
      "whoever reads it, so not reading a dropped message's data saves no time there (that it is not read is " +
      'checked in every engine)',
  },
} satisfies Record<string, { engines: Engine[]; reason: string }>;

/** True when the engine under test cannot run what `name` needs: `it.skipIf(cannot('…'))(…)`. */
export function cannot(name: keyof typeof SKIPS): boolean {
  return (SKIPS[name].engines as Engine[]).includes(currentEngine());
}
