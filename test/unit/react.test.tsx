// wink-link/react in happy-dom: the hook's lifecycle against the complaints React users have of
// launcher SDKs (an iframe left after unmount, double fetches and callbacks under StrictMode, a
// relaunch on every render, `open` that does nothing). The harness plays the widget's part.
import { StrictMode, useEffect, useRef, useState } from 'react';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useWinkLink, type UseWinkLink, type UseWinkLinkOptions } from '../../src/react/index';
import {
  WIDGET_URL,
  consoleErrors,
  controlledFetcher,
  flush,
  listeners,
  makeToken,
  useHarness,
  widget,
} from './harness';

useHarness();
afterEach(cleanup);

/** What the hook returned at the latest render. */
let hook: UseWinkLink;

type Props = Omit<UseWinkLinkOptions, 'widgetUrl'> & { openOnMount?: boolean };

function Connect({ openOnMount, ...options }: Props) {
  hook = useWinkLink({ widgetUrl: WIDGET_URL, ...options });
  useEffect(() => {
    if (openOnMount) hook.open();
  }, [openOnMount]);
  return (
    <button type="button" onClick={hook.open} disabled={!hook.ready}>
      Connect payroll ({hook.state})
    </button>
  );
}

/** Lets effects, the deferred prepare and the token fetch run, inside act. */
const settle = () => act(() => flush());
/** The widget says something, and the component renders what follows. */
const widgetSays = (type: string, payload: unknown = {}) =>
  act(async () => {
    widget.say(type, payload);
    await flush();
  });
const frames = () => document.querySelectorAll('wink-link');
const shown = () => [...frames()].filter((host) => !host.hasAttribute('data-hidden'));
const tokenFetcher = () => vi.fn(async () => makeToken());

describe('useWinkLink', () => {
  it('prepares one hidden widget on mount, shows it at once on click, and leaves nothing after unmount', async () => {
    const fetchToken = tokenFetcher();
    const { unmount } = render(<Connect fetchToken={fetchToken} />);
    // After React's own (its root listens to the document once) and before any link exists.
    const before = listeners.describe();
    const button = screen.getByRole('button');
    expect(hook).toMatchObject({ state: 'idle', ready: false, link: null });
    await settle();
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(frames()).toHaveLength(1);
    expect(shown()).toHaveLength(0);
    expect(button.hasAttribute('disabled')).toBe(true);

    await widgetSays('ready');
    expect(widget.all('init')).toHaveLength(1);
    expect(hook).toMatchObject({ state: 'open', ready: true });
    expect(hook.link?.state).toBe('open');
    expect(button.hasAttribute('disabled')).toBe(false);

    fireEvent.click(button);
    expect(shown()).toHaveLength(1); // no fetch, no load: it was prepared
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(button.closest('[inert]')).not.toBeNull();
    expect(listeners.describe()).not.toEqual(before); // the modal's own, to be removed

    unmount();
    expect(frames()).toHaveLength(0);
    expect(document.querySelectorAll('iframe, [inert]')).toHaveLength(0);
    expect(document.documentElement.getAttribute('style')).toBeNull();
    expect(listeners.describe()).toEqual(before);
    expect(consoleErrors).toEqual([]); // nor a React warning (act, keys, updates after unmount)
  });

  it('under StrictMode (mount, unmount, mount again): exactly one token fetch, one widget, one callback per event', async () => {
    let effectRuns = 0;
    function Probe() {
      useEffect(() => void effectRuns++, []);
      return null;
    }
    const fetchToken = tokenFetcher();
    const onAccountConnected = vi.fn();
    const onLoad = vi.fn();
    render(
      <StrictMode>
        <Probe />
        <Connect fetchToken={fetchToken} onAccountConnected={onAccountConnected} onLoad={onLoad} />
      </StrictMode>,
    );
    await settle();
    expect(effectRuns).toBe(2); // StrictMode's double effects really ran
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(frames()).toHaveLength(1);
    await widgetSays('ready');
    expect(widget.all('init')).toHaveLength(1);
    expect(onLoad).toHaveBeenCalledTimes(1);
    expect(hook.ready).toBe(true);
    await widgetSays('accountConnected', { accountId: 'acc_1', userId: 'u_1', providerId: 'p_1' });
    expect(onAccountConnected).toHaveBeenCalledTimes(1);
  });

  it('open() called in an effect on mount (StrictMode) waits for the one prepared link and shows it', async () => {
    const fetchToken = tokenFetcher();
    render(
      <StrictMode>
        <Connect fetchToken={fetchToken} openOnMount />
      </StrictMode>,
    );
    await settle();
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(shown()).toHaveLength(1);
    await widgetSays('ready');
    expect(hook.state).toBe('open');
  });

  it('new callbacks and a new fetchToken on every render neither refetch nor relaunch; the latest callback gets the event', async () => {
    const first = { fetchToken: tokenFetcher(), onAccountConnected: vi.fn() };
    const second = { fetchToken: tokenFetcher(), onAccountConnected: vi.fn() };
    // Inline literals too: equal by value, new by identity on every render.
    const view = (props: typeof first) => (
      <Connect {...props} widgetOptions={{ topProviders: ['acme'] }} labels={{ title: 'Payroll' }} />
    );
    const { rerender } = render(view(first));
    await settle();
    await widgetSays('ready');
    for (let i = 0; i < 3; i++) {
      rerender(view(second));
      await settle();
    }
    expect(first.fetchToken).toHaveBeenCalledTimes(1);
    expect(second.fetchToken).not.toHaveBeenCalled();
    expect(widget.all('init')).toHaveLength(1);
    expect(frames()).toHaveLength(1);

    await widgetSays('accountConnected', { accountId: 'acc_1', userId: 'u_1', providerId: 'p_1' });
    expect(first.onAccountConnected).not.toHaveBeenCalled();
    expect(second.onAccountConnected).toHaveBeenCalledTimes(1);
    // The next launch's token comes from the latest fetchToken.
    act(() => hook.close());
    await settle();
    expect(second.fetchToken).toHaveBeenCalledTimes(1);
  });

  it('an option that changes what is shown prepares again, once per change', async () => {
    const fetchToken = tokenFetcher();
    const { rerender } = render(<Connect fetchToken={fetchToken} templateId="wtpl-a" />);
    await settle();
    await widgetSays('ready');
    const first = hook.link;

    rerender(<Connect fetchToken={fetchToken} templateId="wtpl-b" />);
    await settle();
    rerender(<Connect fetchToken={fetchToken} templateId="wtpl-b" />);
    await settle();
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(first?.state).toBe('destroyed');
    expect(frames()).toHaveLength(1);
    await widgetSays('ready');
    expect(widget.last('init')?.payload.templateId).toBe('wtpl-b');

    for (let i = 0; i < 2; i++) {
      rerender(<Connect fetchToken={fetchToken} templateId="wtpl-b" widgetOptions={{ companyName: 'Acme' }} />);
      await settle();
    }
    expect(fetchToken).toHaveBeenCalledTimes(3);
    await widgetSays('ready');
    expect(widget.last('init')?.payload.widgetOptions).toEqual({ companyName: 'Acme' });
    expect(frames()).toHaveLength(1);
  });

  it('after the user closes the widget, the next launch is prepared with a fresh token', async () => {
    const fetchToken = tokenFetcher();
    const onClose = vi.fn();
    render(<Connect fetchToken={fetchToken} onClose={onClose} />);
    await settle();
    await widgetSays('ready');
    fireEvent.click(screen.getByRole('button'));
    await widgetSays('close', { reason: 'close' });
    expect(onClose).toHaveBeenCalledWith({ reason: 'close' });
    await settle();
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(frames()).toHaveLength(1);
    expect(shown()).toHaveLength(0);
    expect(hook.ready).toBe(false);
    await widgetSays('ready');
    expect(hook.ready).toBe(true);
    fireEvent.click(screen.getByRole('button'));
    expect(shown()).toHaveLength(1);
    const tokens = widget.tokens();
    expect(tokens).toHaveLength(2);
    expect(new Set(tokens).size).toBe(2);
  });

  it('a close that unmounts the component (a route change in onClose) fetches no token for a next launch', async () => {
    const fetchToken = tokenFetcher();
    function Page() {
      const [here, setHere] = useState(true);
      return here ? <Connect fetchToken={fetchToken} onClose={() => setHere(false)} /> : <p>elsewhere</p>;
    }
    render(<Page />);
    await settle();
    await widgetSays('ready');
    fireEvent.click(screen.getByRole('button'));
    await widgetSays('close', { reason: 'exit' });
    await settle();
    screen.getByText('elsewhere');
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(frames()).toHaveLength(0);
  });

  it('state and errors re-render the component; a failed launch waits for open() to try again', async () => {
    const fetcher = controlledFetcher();
    const onError = vi.fn();
    const onStateChange = vi.fn();
    render(<Connect fetchToken={fetcher.fn as Props['fetchToken']} onError={onError} onStateChange={onStateChange} />);
    await settle();
    expect(hook.state).toBe('fetching');
    await act(() => fetcher.reject(new Error('token endpoint down')));
    expect(hook.error).toMatchObject({ name: 'WinkLinkError', code: 'FETCH_FAILED' });
    expect(onError).toHaveBeenCalledWith(hook.error);
    expect(hook).toMatchObject({ state: 'closed', ready: false });
    expect(onStateChange).toHaveBeenLastCalledWith({ from: 'fetching', to: 'closed' });
    expect(consoleErrors).toEqual([]); // onError took it
    await settle();
    expect(fetcher.fn).toHaveBeenCalledTimes(1); // no retry loop by itself

    act(() => hook.open());
    expect(shown()).toHaveLength(1); // the loading indicator, at once
    expect(hook).toMatchObject({ state: 'fetching', error: null });
    await act(() => fetcher.resolve(makeToken()));
    await widgetSays('ready');
    expect(hook).toMatchObject({ state: 'open', ready: true });
    expect(fetcher.fn).toHaveBeenCalledTimes(2);
  });

  it('without onError, an error still reaches the console (as the core does) and the component', async () => {
    render(<Connect fetchToken={() => Promise.reject(new Error('down'))} />);
    await settle();
    expect(hook.error?.code).toBe('FETCH_FAILED');
    expect(consoleErrors.some(([prefix, error]) => prefix === '[wink-link]' && error === hook.error)).toBe(true);
  });

  it('misuse is an INVALID_OPTIONS error in `error`, not a thrown render', async () => {
    const onError = vi.fn();
    render(<Connect fetchToken={tokenFetcher()} onError={onError} refreshLeadMs={-1} />);
    await settle();
    expect(hook).toMatchObject({ state: 'idle', ready: false, error: { code: 'INVALID_OPTIONS' } });
    expect(hook.error?.message).toMatch(/refreshLeadMs/);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(frames()).toHaveLength(0);
  });

  it('under StrictMode, a misuse (an empty container ref) is reported once, not once per simulated mount', async () => {
    const onError = vi.fn();
    function Detached() {
      const slot = useRef<HTMLDivElement>(null);
      hook = useWinkLink({ widgetUrl: WIDGET_URL, fetchToken: tokenFetcher(), container: slot, onError });
      return null;
    }
    render(
      <StrictMode>
        <Detached />
      </StrictMode>,
    );
    await settle();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    expect(hook.error?.code).toBe('INVALID_OPTIONS');
  });

  it('inline mode in a ref container; an empty ref says what to fix', async () => {
    function Inline({ attach }: { attach: boolean }) {
      const slot = useRef<HTMLDivElement>(null);
      hook = useWinkLink({ widgetUrl: WIDGET_URL, fetchToken: async () => makeToken(), container: slot });
      return attach ? <div data-testid="slot" ref={slot} /> : null;
    }
    const { unmount } = render(<Inline attach />);
    await settle();
    const host = screen.getByTestId('slot').querySelector('wink-link');
    expect(host?.getAttribute('data-mode')).toBe('inline');
    await widgetSays('ready');
    act(() => hook.open());
    expect(document.querySelectorAll('[inert]')).toHaveLength(0); // inline holds nothing
    unmount();
    expect(frames()).toHaveLength(0);

    render(<Inline attach={false} />);
    await settle();
    expect(hook.error).toMatchObject({ code: 'INVALID_OPTIONS', message: expect.stringMatching(/container ref/) });
  });
});
