// Issue 12 item 5: the page lock's bookkeeping is shared with every other copy of wink-link on
// the document, through a versioned registry: `document[Symbol.for('wink-link.page-lock.v1')]`
// = { open: the open modals' hosts, bottom to top; unlock: set by the first, called by the last }.
// The other copy is played here by hand, as the contract says it behaves (test/e2e/two-copies
// runs two real builds).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { controlledFetcher, openLink, useHarness } from './harness';

useHarness();

const KEY = Symbol.for('wink-link.page-lock.v1');
type Registry = { open: HTMLElement[]; unlock?: () => void };
const registry = () => (document as unknown as Record<symbol, Registry | undefined>)[KEY];
afterEach(() => delete (document as unknown as Record<symbol, Registry | undefined>)[KEY]);

describe('the page lock shared by copies of the SDK (v1)', () => {
  it('a modal already open from another copy: ours stacks on it and leaves the unlocking to it', () => {
    const theirs = document.createElement('wink-link');
    document.body.append(theirs);
    const unlock = vi.fn();
    (document as unknown as Record<symbol, Registry>)[KEY] = { open: [theirs], unlock };

    const { link } = openLink(controlledFetcher().fn);
    const ours = document.querySelectorAll('wink-link')[1] as HTMLElement;
    expect(registry()!.open).toEqual([theirs, ours]);
    expect([theirs.inert, ours.inert]).toEqual([true, false]); // only the top-most is live
    expect(document.documentElement.getAttribute('style')).toBeNull(); // the page was locked by them, not again

    link.close();
    expect(registry()!.open).toEqual([theirs]);
    expect(theirs.inert).toBe(false);
    expect(unlock).not.toHaveBeenCalled(); // theirs is still open
  });

  it('ours first: the registry holds our unlock, which the last to close (another copy) calls', () => {
    const { link } = openLink(controlledFetcher().fn);
    const lock = registry()!;
    expect(lock.open).toHaveLength(1);
    expect(document.documentElement.style.getPropertyValue('overflow')).toBe('hidden');
    const theirs = document.createElement('wink-link');
    lock.open.push(theirs); // the other copy opens on top

    link.close(); // ours goes first: the page stays locked for theirs
    expect(lock.open).toEqual([theirs]);
    expect(document.documentElement.style.getPropertyValue('overflow')).toBe('hidden');

    lock.open.pop(); // the other copy closes last, and unlocks
    lock.unlock!();
    lock.unlock = undefined;
    expect(document.documentElement.getAttribute('style')).toBeNull();
  });
});
