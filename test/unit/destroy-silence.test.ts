/**
 * `destroy()` means silence at once (DESIGN.md, "The session core"): once it returns — wherever
 * it was called from, a listener of the same link included — no listener of that link runs
 * again, the link reads `destroyed`, and fetchToken is not called again; what it took from the
 * page is gone before the call that ran the listener returns. `stateChange` to `destroyed` is
 * the last thing reported: during destroy() when it is called from outside the link's own work,
 * never when called from inside it (the link is silent at once: not even that).
 *
 * Was a bug (a seeded fuzz of re-entrant calls found it): a destroy() from inside a listener
 * waited behind the events already queued and the rest of the step under way, so that link's
 * `load`, `close` and `stateChange` listeners ran after destroy() had returned.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES } from '../../src/host/events';
import type { Link, LinkEventName, LinkEvents, TokenFetcher } from '../../src/host/index';
import {
  code,
  consoleErrors,
  controlledFetcher,
  flush,
  listeners,
  makeToken,
  openLink,
  useHarness,
  widget,
} from './harness';
import { trackUnhandledRejections } from './unhandled';

useHarness();
const unhandled = trackUnhandledRejections();
beforeEach(() => {
  vi.useFakeTimers();
});

const account = { accountId: 'a', userId: 'u', providerId: 'p' };

/** One link, every listener call recorded; `destroy()` notes what was true as it returned. */
function watched(options: Parameters<typeof openLink>[1], react: (w: Watched) => void) {
  const fetchToken = controlledFetcher();
  const w = {
    fetchToken,
    /** What the calls made just before destroy() returned: each must reject with DESTROYED. */
    pending: [] as Promise<void>[],
    heard: [] as string[],
    returned: undefined as undefined | { heard: number; state: string; fetches: number },
    link: undefined as unknown as Link,
    destroy() {
      w.link.destroy();
      w.returned = { heard: w.heard.length, state: w.link.state, fetches: fetchToken.fn.mock.calls.length };
    },
    /** Every listener call after destroy() returned. */
    late: () => (w.returned ? w.heard.slice(w.returned.heard) : ['destroy() was never called']),
  };
  const fetcher: TokenFetcher = (context) => fetchToken.fn(context) as never;
  w.link = openLink(fetcher, { refresh: 'manual', ...options }).link;
  // The reaction is added first: the recorder of its own event runs after it, in the same emit.
  react(w);
  for (const event of EVENT_NAMES) {
    w.link.on(event, ((payload?: { to?: string }) => {
      w.heard.push(event === 'stateChange' ? `stateChange → ${payload!.to}` : event);
    }) as LinkEvents[LinkEventName]);
  }
  return w;
}

type Watched = ReturnType<typeof watched>;

type Args<E extends LinkEventName> = Parameters<LinkEvents[E]>;

/** A listener of `event` that destroys, once (`act` first: calls whose events queue up). */
function on<E extends LinkEventName>(
  event: E,
  when: (...args: Args<E>) => boolean,
  act: (w: Watched, ...args: Args<E>) => void = () => {},
) {
  return (w: Watched) => {
    w.link.on(event, ((...args: Args<E>) => {
      if (w.returned || !when(...args)) return;
      act(w, ...args);
      w.destroy();
    }) as LinkEvents[E]);
  };
}
const always = () => true;

async function ready(w: Watched) {
  await w.fetchToken.resolve(makeToken(60_000));
  widget.say('ready');
  await flush();
}

interface Case {
  from: string;
  options?: Parameters<typeof openLink>[1];
  react: (w: Watched) => void;
  drive: (w: Watched) => Promise<unknown>;
}

const cases: Case[] = [
  {
    from: 'a stateChange → open listener (load still to emit)',
    react: on('stateChange', ({ to }) => to === 'open'),
    drive: ready,
  },
  {
    from: 'a load listener',
    react: on('load', always),
    drive: ready,
  },
  {
    from: 'a load listener that calls destroy() twice',
    react: on('load', always, (w) => w.link.destroy()),
    drive: ready,
  },
  {
    from: 'an accountConnected listener that called refresh() and close() first',
    react: on('accountConnected', always, (w) => {
      w.pending.push(w.link.refresh());
      w.link.close();
    }),
    drive: async (w) => {
      await ready(w);
      widget.say('accountConnected', account);
    },
  },
  {
    from: "a tokenExpired listener that called the event's refresh() first",
    react: on('tokenExpired', always, (w, { refresh }) => w.pending.push(refresh())),
    drive: async (w) => {
      await ready(w);
      widget.say('tokenExpired');
    },
  },
  {
    from: 'a close listener that relaunched (refresh()) first',
    react: on('close', always, (w) => w.pending.push(w.link.refresh())),
    drive: async (w) => {
      await ready(w);
      w.link.close();
    },
  },
  {
    from: 'a stateChange → closed listener (close still to emit)',
    react: on('stateChange', ({ to }) => to === 'closed'),
    drive: async (w) => {
      await ready(w);
      widget.say('close', { reason: 'exit' });
    },
  },
  {
    from: 'an error listener, as a launch fails (its close still to emit)',
    options: { retry: { attempts: 1 } },
    react: on('error', always),
    drive: (w) => w.fetchToken.reject(new Error('token endpoint down')),
  },
  {
    from: "fetchToken's abort listener, inside close()",
    react: (w) => {
      const fn = w.fetchToken.fn.getMockImplementation()!;
      w.fetchToken.fn.mockImplementation((context) => {
        context.signal.addEventListener('abort', () => w.destroy());
        return fn(context);
      });
    },
    drive: async (w) => {
      await flush();
      w.link.close();
    },
  },
];

describe('destroy() from inside the link: silent at once', () => {
  it.each(cases)('from $from', async ({ options, react, drive }) => {
    const w = watched(options, react);
    await drive(w);
    expect(w.returned, 'the reaction ran').toBeDefined();
    await vi.advanceTimersByTimeAsync(120_000);
    widget.say('accountConnected', account);
    await flush();

    expect(w.late()).toEqual([]);
    expect(w.heard).not.toContain('stateChange → destroyed');
    expect(w.returned!.state).toBe('destroyed');
    expect(w.fetchToken.fn).toHaveBeenCalledTimes(w.returned!.fetches);
    for (const pending of w.pending) await expect(pending).rejects.toMatchObject(code('DESTROYED'));
    // The teardown still ran in full: nothing of the link is left, nothing went unhandled.
    expect(document.querySelector('wink-link')).toBeNull();
    expect([...document.body.children].some((child) => (child as HTMLElement).inert)).toBe(false);
    expect(document.documentElement.style.overflow).toBe('');
    expect(vi.getTimerCount()).toBe(0);
    expect(listeners.describe()).toEqual([]);
    expect(consoleErrors).toEqual([]);
    vi.useRealTimers();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(unhandled).toEqual([]);
  });
});

describe('destroy() from outside the link', () => {
  it('reports stateChange → destroyed before it returns, as the last call', async () => {
    const w = watched({}, () => {});
    await ready(w);
    w.destroy();
    widget.say('accountConnected', account);
    expect(w.heard.at(-1)).toBe('stateChange → destroyed');
    expect(w.late()).toEqual([]);
  });

  it("from fetchToken itself (called outside the link's own work): the same", async () => {
    const w = watched({}, (w) =>
      w.fetchToken.fn.mockImplementation(() => {
        w.destroy();
        return new Promise(() => {});
      }),
    );
    await flush();
    expect(w.heard.at(-1)).toBe('stateChange → destroyed');
    expect(w.late()).toEqual([]);
  });

  it('a listener added after destroy() is never called', async () => {
    const w = watched({}, () => {});
    await ready(w);
    w.destroy();
    const added = vi.fn();
    w.link.on('accountConnected', added);
    widget.say('accountConnected', account);
    expect(added).not.toHaveBeenCalled();
  });
});
