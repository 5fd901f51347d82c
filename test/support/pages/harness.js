// The e2e host-page harness (a 'self' script, so it also runs under the strict-CSP page).
// It records CSP violations from the first moment, and `harness.open(options)` opens a link
// whose fetchToken issues unique short-lived tokens and whose every callback is recorded.
(() => {
  const w = window;
  /** `securitypolicyviolation` events on this page (the CSP test expects none). */
  w.violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    w.violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
  });

  /** Every token fetchToken handed out, in order. */
  w.issued = [];
  /** Every callback, in order: [name, plain-data payload]. */
  w.calls = [];
  /** The last onTokenExpired context (so a test can call `expired.refresh()`). */
  w.expired = undefined;

  const EVENTS = [
    'load',
    'close',
    'error',
    'event',
    'accountCreated',
    'accountConnected',
    'accountRemoved',
    'accountError',
    'uploadsCreated',
    'uploadsRemoved',
    'tokenExpired',
    'stateChange',
  ];
  const plain = (value) => {
    if (value instanceof Error) return { code: value.code, message: value.message };
    if (value === undefined) return null;
    return JSON.parse(JSON.stringify(value));
  };

  w.harness = {
    /**
     * Opens a link. `options`: WinkLink options (plain data), plus `lifetimeMs` (token life,
     * default 60 s). Returns `link.ready`.
     */
    open(options = {}) {
      const { lifetimeMs = 60_000, ...rest } = options;
      let n = 0;
      const fetchToken = async () => {
        const token = {
          expiresAt: new Date(Date.now() + lifetimeMs).toISOString(),
          mode: 'SANDBOX',
          accessToken: `wlt-${++n}.${crypto.randomUUID()}`,
        };
        w.issued.push(token.accessToken);
        return token;
      };
      const callbacks = {};
      for (const name of EVENTS) {
        callbacks[`on${name[0].toUpperCase()}${name.slice(1)}`] = (event) => {
          if (name === 'tokenExpired') w.expired = event;
          w.calls.push([name, name === 'tokenExpired' ? { expiredAt: event.expiredAt.toISOString() } : plain(event)]);
        };
      }
      w.link = w.WinkLink.open(fetchToken, { ...rest, ...callbacks });
      return w.link.ready;
    },
    /** The names of the recorded callbacks, without the state changes. */
    names: () => w.calls.map(([name]) => name).filter((name) => name !== 'stateChange'),
  };
})();
