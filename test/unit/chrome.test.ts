import { describe, expect, it } from 'vitest';
import { makeToken, openLink, useHarness } from './harness';

useHarness();

const mode = () => document.querySelector('wink-link')!.getAttribute('data-chrome');

describe('the chrome option (a widget that draws its own dialog: Smile’s, through the bridge)', () => {
  it("defaults to the SDK's card; 'none' marks the frame to fill the viewport without it", () => {
    const { link } = openLink(makeToken(), { refresh: 'manual' });
    expect(mode()).toBe('card');
    link.destroy();
    openLink(makeToken(), { refresh: 'manual', chrome: 'none' });
    expect(mode()).toBe('none');
  });

  it('anything else is INVALID_OPTIONS, saying the two values', () => {
    expect(() => openLink(makeToken(), { refresh: 'manual', chrome: 'frameless' as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', message: "chrome must be 'card' or 'none'." }),
    );
  });
});
