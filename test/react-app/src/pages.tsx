import { useRef, useState } from 'react';
import { useWinkLink, type UseWinkLinkOptions } from 'wink-link/react';

type Shown = Pick<UseWinkLinkOptions, 'widgetUrl'>;

/** The app's token endpoint (same origin), as the README has it. */
const fetchToken: UseWinkLinkOptions['fetchToken'] = ({ signal }) =>
  fetch('/api/wink/link-token', { method: 'POST', signal });

/** Every callback appends to a list the page shows: the test reads what reached React state. */
function useEventLog() {
  const [events, setEvents] = useState<string[]>([]);
  const log = (entry: string) => setEvents((list) => [...list, entry]);
  return { events, log };
}

function Status({
  state,
  ready,
  error,
  events,
}: {
  state: string;
  ready: boolean;
  error: Error | null;
  events: string[];
}) {
  return (
    <>
      <p>
        state <output id="state">{state}</output>, ready <output id="ready">{String(ready)}</output>
      </p>
      {error && <p role="alert">{error.message}</p>}
      <ol id="events">
        {events.map((entry, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: an append-only log
          <li key={index}>{entry}</li>
        ))}
      </ol>
    </>
  );
}

export function ConnectPage({ widgetUrl }: Shown) {
  const { events, log } = useEventLog();
  // Inline callbacks and options: new identities on every render, as most apps write them.
  const { open, ready, state, error } = useWinkLink({
    fetchToken: (context) => fetchToken(context),
    widgetUrl,
    labels: { title: 'Connect your payroll account' },
    onLoad: () => log('load'),
    onAccountConnected: ({ accountId }) => log(`accountConnected ${accountId}`),
    onClose: ({ reason }) => log(`close ${reason}`),
  });
  return (
    <section>
      <h1>Connect</h1>
      <button id="open" type="button" onClick={open} disabled={!ready}>
        Connect payroll
      </button>
      <Status state={state} ready={ready} error={error} events={events} />
    </section>
  );
}

export function InlinePage({ widgetUrl }: Shown) {
  const { events, log } = useEventLog();
  const slot = useRef<HTMLDivElement>(null);
  const { open, ready, state, error } = useWinkLink({
    fetchToken,
    widgetUrl,
    container: slot,
    onAccountConnected: ({ accountId }) => log(`accountConnected ${accountId}`),
  });
  return (
    <section>
      <h1>Inline</h1>
      <button id="open" type="button" onClick={open} disabled={!ready}>
        Show the widget
      </button>
      <Status state={state} ready={ready} error={error} events={events} />
      <div id="slot" ref={slot} />
    </section>
  );
}

/** A misuse: the container ref is never attached. The hook reports it once (also under StrictMode). */
export function MisusePage({ widgetUrl }: Shown) {
  const [reports, setReports] = useState(0);
  const { error } = useWinkLink({
    fetchToken,
    widgetUrl,
    container: useRef<HTMLDivElement>(null),
    onError: () => setReports((n) => n + 1),
  });
  return (
    <section>
      <h1>Misuse</h1>
      <output id="reports">{reports}</output>
      <output id="code">{error?.code}</output>
    </section>
  );
}
