/**
 * The model test's instruments: every iframe the SDK creates, and what was true of each message
 * as it was posted. Each returns its undo.
 */
import { vi } from 'vitest';
import { sent } from './harness';
import type { World } from './model-world';

/** Collects every element and iframe the SDK creates (`world.hosts`, `world.frames`; a link's
 * frames carry `link N` as their title). */
export function watchFrames(world: World) {
  const create = Document.prototype.createElement;
  const spy = vi.spyOn(document, 'createElement').mockImplementation(function (
    this: Document,
    tag: string,
    options?: ElementCreationOptions,
  ) {
    const element = create.call(this, tag, options);
    if (tag === 'iframe') world.frames.push(element as HTMLIFrameElement);
    if (tag === 'wink-link') world.hosts.push(element as HTMLElement);
    return element;
  } as Document['createElement']);
  return () => spy.mockRestore();
}

/** Records in `world.postedAt` whether each posted message went to the connected, current frame of its link, and when. */
export function watchPosts(world: World) {
  const push = sent.push;
  Object.defineProperty(sent, 'push', {
    configurable: true,
    value: (...items: typeof sent) => {
      for (const item of items) {
        const owner = world.ownerOf(item.iframe);
        world.postedAt.push({
          connected: item.iframe.isConnected,
          current: owner !== undefined && world.currentFrame(owner) === item.iframe,
          now: Date.now(),
        });
      }
      return push.apply(sent, items);
    },
  });
  return () => delete (sent as { push?: unknown }).push;
}
