import { describe, expect, it, vi } from 'vitest';
import { WinkLink, WinkLinkError } from '../../src/host/index';
import { WIDGET_URL, code, findIframe, flush, makeToken, openLink, openReady, useHarness, widget } from './harness';

useHarness();

const fetcher = () => vi.fn(async () => makeToken());

/** Calls WinkLink.open and returns what it threw (or fails when it did not throw). */
function openError(fetchToken: unknown, options: unknown): WinkLinkError {
  try {
    WinkLink.open(fetchToken as never, options as never);
  } catch (error) {
    expect(error).toBeInstanceOf(WinkLinkError);
    return error as WinkLinkError;
  }
  throw new Error('WinkLink.open did not throw');
}

describe('widgetUrl', () => {
  it.each([
    ['https://widget.example/link', 'https://widget.example'],
    ['http://localhost:5173/widget', 'http://localhost:5173'],
    ['http://127.0.0.1:8080/w', 'http://127.0.0.1:8080'],
  ])('accepts %s and sends only to its origin', async (url, origin) => {
    openLink(fetcher(), { widgetUrl: url });
    expect(findIframe()!.getAttribute('src')).toBe(url);
    await flush();
    widget.say('ready', {}, { origin });
    await flush();
    expect(widget.last('init')!.targetOrigin).toBe(origin);
  });

  it.each([
    'http://widget.example/link', // http off loopback
    'http://localhost.evil.example/',
    'javascript:alert(1)',
    'data:text/html,<p>hi</p>',
    '/relative/widget',
    '//widget.example/protocol-relative',
    'not a url',
    'ftp://widget.example/',
    '',
    42,
    undefined,
    null,
  ])('rejects %s with INVALID_OPTIONS and mounts nothing', (url) => {
    const error = openError(fetcher(), { widgetUrl: url });
    expect(error.code).toBe('INVALID_OPTIONS');
    expect(error.message).toContain('widgetUrl');
    expect(document.querySelector('wink-link')).toBeNull();
  });

  it('a {SANDBOX, PRODUCTION} map is picked by token.mode, once the token is known', async () => {
    const widgetUrl = { SANDBOX: 'https://sandbox.widget.example/', PRODUCTION: 'https://widget.example/' };
    for (const mode of ['SANDBOX', 'PRODUCTION'] as const) {
      const { link } = openLink(
        vi.fn(async () => makeToken(60_000, { mode })),
        { widgetUrl },
      );
      expect(findIframe()).toBeNull(); // not in the page (not even as about:blank) before the mode is known
      await flush();
      expect(findIframe()!.getAttribute('src')).toBe(widgetUrl[mode]);
      widget.say('ready', {}, { origin: new URL(widgetUrl[mode]).origin });
      await flush();
      expect(widget.last('init')).toMatchObject({ targetOrigin: new URL(widgetUrl[mode]).origin, payload: { mode } });
      link.destroy();
    }
  });

  // A link stays in the mode its widget was loaded for: a PRODUCTION credential is never
  // posted to the SANDBOX widget; the refresh fails with INVALID_TOKEN instead.
  it('a refreshed token of the other mode is never handed to the widget of the first mode', async () => {
    const widgetUrl = { SANDBOX: 'https://sandbox.widget.example/', PRODUCTION: 'https://widget.example/' };
    const fetchToken = vi.fn(async () => makeToken(60_000, { mode: 'SANDBOX' }));
    const { link } = openLink(fetchToken, { widgetUrl, refresh: 'manual' });
    await flush();
    widget.say('ready', {}, { origin: 'https://sandbox.widget.example' });
    await flush();
    fetchToken.mockImplementation(async () => makeToken(60_000, { mode: 'PRODUCTION' }));
    await expect(link.refresh()).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    const toSandbox = widget.sent.filter((m) => m.targetOrigin === 'https://sandbox.widget.example');
    expect(toSandbox.map((m) => m.payload.mode).filter(Boolean)).toEqual(['SANDBOX']);
  });

  it('every URL of the map is checked', () => {
    const error = openError(fetcher(), { widgetUrl: { SANDBOX: WIDGET_URL, PRODUCTION: 'javascript:void 0' } });
    expect(error).toMatchObject({ code: 'INVALID_OPTIONS' });
    expect(error.message).toContain('widgetUrl.PRODUCTION');
    expect(openError(fetcher(), { widgetUrl: { SANDBOX: WIDGET_URL } }).code).toBe('INVALID_OPTIONS');
  });
});

describe('other options', () => {
  it.each<[string, unknown]>([
    ['an unknown key', { widgetUrl: WIDGET_URL, onAccountConected: () => {} }],
    ['a non-function callback', { widgetUrl: WIDGET_URL, onClose: 'close' }],
    ['a null callback', { widgetUrl: WIDGET_URL, onError: null }],
    ['a negative refreshLeadMs', { widgetUrl: WIDGET_URL, refreshLeadMs: -1 }],
    ['a NaN fetchTimeoutMs', { widgetUrl: WIDGET_URL, fetchTimeoutMs: Number.NaN }],
    ['an Infinity loadTimeoutMs', { widgetUrl: WIDGET_URL, loadTimeoutMs: Infinity }],
    ['a string number', { widgetUrl: WIDGET_URL, fetchTimeoutMs: '1000' }],
    ['retry.attempts 0', { widgetUrl: WIDGET_URL, retry: { attempts: 0 } }],
    ['fractional retry.attempts', { widgetUrl: WIDGET_URL, retry: { attempts: 1.5 } }],
    ['a negative retry.baseDelayMs', { widgetUrl: WIDGET_URL, retry: { baseDelayMs: -5 } }],
    ['a non-object retry', { widgetUrl: WIDGET_URL, retry: 3 }],
    ['an unknown refresh mode', { widgetUrl: WIDGET_URL, refresh: 'sometimes' }],
    ['an empty templateId', { widgetUrl: WIDGET_URL, templateId: '' }],
    ['a non-string title', { widgetUrl: WIDGET_URL, title: 7 }],
    ['a non-boolean debug', { widgetUrl: WIDGET_URL, debug: 'yes' }],
    ['a container selector matching nothing', { widgetUrl: WIDGET_URL, container: '#nope' }],
    ['a container that is not an Element', { widgetUrl: WIDGET_URL, container: {} }],
    ['no options object', undefined],
  ])('rejects %s with INVALID_OPTIONS', (_, options) => {
    expect(openError(fetcher(), options).code).toBe('INVALID_OPTIONS');
    expect(document.querySelector('wink-link')).toBeNull();
  });

  it.each([undefined, null, 'token', 42])('rejects fetchToken %s with INVALID_OPTIONS', (fetchToken) => {
    expect(openError(fetchToken, { widgetUrl: WIDGET_URL }).code).toBe('INVALID_OPTIONS');
  });

  it("refresh: 'auto' needs a fetchToken function", () => {
    expect(openError(makeToken(), { widgetUrl: WIDGET_URL, refresh: 'auto' }).code).toBe('INVALID_OPTIONS');
  });

  // Was a bug, fixed in 0276209 ("huge timeouts fire at once"): timeouts above 2^31−1 ms are accepted, and setTimeout
  // then fires them at once: loadTimeoutMs: 2 ** 31 fails the launch with LOAD_TIMEOUT after 1 ms.
  it("a timeout beyond setTimeout's limit is refused or honoured, never fired at once", async () => {
    vi.useFakeTimers();
    let threw = false;
    try {
      const { errors } = openLink(fetcher(), { loadTimeoutMs: 2 ** 31 });
      await vi.advanceTimersByTimeAsync(1000);
      expect(errors.map((e) => e.code)).not.toContain('LOAD_TIMEOUT');
    } catch (error) {
      threw = (error as WinkLinkError).code === 'INVALID_OPTIONS';
      if (!threw) throw error;
    }
  });
});

describe('container (inline mode)', () => {
  it.each(['element', 'selector'] as const)(
    'mounts inline in a container given as %s; resize sets the height',
    async (kind) => {
      const container = document.createElement('section');
      container.id = 'slot';
      document.body.append(container);
      await openReady(fetcher(), { container: kind === 'element' ? container : '#slot' });
      const host = container.querySelector('wink-link')!;
      expect(host.getAttribute('data-mode')).toBe('inline');
      const panel = host.shadowRoot!.querySelector<HTMLElement>('.inline')!;
      expect(host.shadowRoot!.querySelector('[role=dialog]')).toBeNull();
      widget.say('resize', { height: 432 });
      expect(panel.style.height).toBe('432px');
      widget.say('resize', { height: -1 }); // invalid: dropped
      expect(panel.style.height).toBe('432px');
    },
  );
});

describe('what init carries: templateId, widgetOptions, locale', () => {
  it('templateId is forwarded in init (and only there)', async () => {
    const { link } = await openReady(fetcher(), { templateId: 'tpl_blue', refresh: 'manual' });
    expect(widget.last('init')!.payload).toMatchObject({ templateId: 'tpl_blue', sdkVersion: expect.any(String) });
    await link.refresh();
    expect(widget.last('token')!.payload).not.toHaveProperty('templateId');
  });

  it("widgetOptions (Smile's seven) and a canonical locale are forwarded in init, and only there", async () => {
    const widgetOptions = {
      topProviders: ['p1', 'p2'],
      providers: ['p1', 'p2', 'p3'],
      enableSearchBar: false,
      enableTypeBar: true,
      enableUpload: true,
      companyName: 'Acme',
      enableConsentPage: false,
    };
    const { link } = await openReady(fetcher(), { widgetOptions, locale: 'es-mx', refresh: 'manual' });
    expect(widget.last('init')!.payload).toMatchObject({ widgetOptions, locale: 'es-MX' });
    await link.refresh();
    expect(widget.last('token')!.payload).not.toHaveProperty('widgetOptions');
  });

  it('without them, init carries no such keys (not even undefined)', async () => {
    await openReady(fetcher());
    expect(Object.keys(widget.last('init')!.payload).sort()).toEqual([
      'accessToken',
      'expiresAt',
      'mode',
      'sdkVersion',
    ]);
  });

  it.each([
    [{ topProviders: Array.from({ length: 11 }, (_, i) => `p${i}`) }, 'widgetOptions.topProviders', 'at most 10'],
    [{ topProviders: 'p1' }, 'widgetOptions.topProviders', 'array'],
    [{ providers: [''] }, 'widgetOptions.providers', 'provider ids'],
    [{ enableUpload: 'yes' }, 'widgetOptions.enableUpload', 'boolean'],
    [{ companyName: '' }, 'widgetOptions.companyName', 'non-empty string'],
    [{ enableSerchBar: true }, 'Unknown widgetOptions "enableSerchBar"', 'enableSearchBar'],
    ['topProviders', 'widgetOptions must be an object', 'topProviders'],
  ])('refuses widgetOptions %j, naming what to fix', (widgetOptions, where, what) => {
    const error = openError(fetcher(), { widgetUrl: WIDGET_URL, widgetOptions });
    expect(error.code).toBe('INVALID_OPTIONS');
    expect(error.message).toContain(where);
    expect(error.message).toContain(what);
  });

  it.each(['', 'not a locale!', 42])('refuses locale %j', (locale) => {
    const error = openError(fetcher(), { widgetUrl: WIDGET_URL, locale });
    expect(error.code).toBe('INVALID_OPTIONS');
    expect(error.message).toContain('BCP 47');
  });
});

describe('labels', () => {
  it("are the SDK's words: the dialog's and the frame's name, the loading text, the close button", () => {
    openLink(fetcher(), { labels: { title: 'Conecta tu nómina', loading: 'Cargando…', close: 'Cerrar' } });
    const root = document.querySelector('wink-link')!.shadowRoot!;
    expect(root.querySelector('[role=dialog]')!.getAttribute('aria-label')).toBe('Conecta tu nómina');
    expect(root.querySelector('iframe')!.getAttribute('title')).toBe('Conecta tu nómina');
    expect(root.querySelector('[role=status]')!.textContent).toBe('Cargando…');
    expect(root.querySelector('button')!.getAttribute('aria-label')).toBe('Cerrar');
  });

  it('default to English, one by one', () => {
    openLink(fetcher(), { labels: { close: 'Fermer' } });
    const root = document.querySelector('wink-link')!.shadowRoot!;
    expect(root.querySelector('[role=dialog]')!.getAttribute('aria-label')).toBe('Connect your payroll account');
    expect(root.querySelector('[role=status]')!.textContent).toBe('Loading…');
    expect(root.querySelector('button')!.getAttribute('aria-label')).toBe('Fermer');
  });

  it.each([[{ title: '' }], [{ titel: 'x' }], ['Close']])('refuses %j', (labels) => {
    expect(openError(fetcher(), { widgetUrl: WIDGET_URL, labels }).code).toBe('INVALID_OPTIONS');
  });
});

describe('on… callbacks', () => {
  it('on… callbacks are wired to their events', async () => {
    const onLoad = vi.fn();
    const onAccountCreated = vi.fn();
    const onEvent = vi.fn();
    const { link } = await openReady(fetcher(), { onLoad, onAccountCreated, onEvent });
    await expect(link.ready).resolves.toBeUndefined();
    widget.say('accountCreated', { accountId: 'a', userId: 'u', providerId: 'p' });
    widget.say('event', { name: 'screen', metadata: { step: 2 } });
    expect(onLoad).toHaveBeenCalledTimes(1);
    expect(onAccountCreated).toHaveBeenCalledWith({ accountId: 'a', userId: 'u', providerId: 'p' });
    expect(onEvent).toHaveBeenCalledWith({ name: 'screen', metadata: { step: 2 } });
  });

  it('refresh(next) with something that is not a token source rejects INVALID_OPTIONS', async () => {
    const { link } = await openReady(fetcher());
    await expect(link.refresh(42 as never)).rejects.toMatchObject(code('INVALID_OPTIONS'));
  });
});

describe('where WinkLink.open can run', () => {
  it('before the page has a <body> (a script in <head>): NOT_IN_BROWSER saying when to call it', () => {
    const body = document.body;
    body.remove();
    try {
      const error = openError(fetcher(), { widgetUrl: WIDGET_URL });
      expect(error.code).toBe('NOT_IN_BROWSER');
      expect(error.message).toContain('DOMContentLoaded');
    } finally {
      document.documentElement.append(body);
    }
  });
});

describe('a link destroyed in the same tick as it opened', () => {
  it('never calls fetchToken: a single-use token is not spent for a widget nobody sees', async () => {
    const fetchToken = vi.fn(async () => makeToken());
    WinkLink.prepare(fetchToken, { widgetUrl: WIDGET_URL }).destroy();
    WinkLink.open(fetchToken, { widgetUrl: WIDGET_URL }).close();
    await flush();
    expect(fetchToken).not.toHaveBeenCalled();
  });
});

// Issue 13 item 4: a prototype-pollution bug elsewhere on the host page must not be able to
// set an option or a token field: the SDK reads own properties only.
describe('a polluted Object.prototype sets no option and no token field', () => {
  /** Pollutes Object.prototype (non-enumerable, so the test runner's own loops are spared). */
  function pollute(values: Record<string, unknown>): () => void {
    for (const [key, value] of Object.entries(values)) {
      Object.defineProperty(Object.prototype, key, { value, configurable: true, writable: true });
    }
    return () => {
      for (const key of Object.keys(values)) delete (Object.prototype as Record<string, unknown>)[key];
    };
  }

  it('container, labels, chrome, debug, templateId, widgetOptions and locale keep their defaults', async () => {
    const trap = document.createElement('div');
    trap.id = 'pwned';
    document.body.append(trap);
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    const clean = pollute({
      container: '#pwned',
      labels: { title: 'pwned' },
      chrome: 'none',
      debug: true,
      templateId: 'pwned',
      widgetOptions: { companyName: 'pwned' },
      locale: 'fr',
    });
    try {
      await openReady(fetcher());
      const host = document.querySelector('wink-link')!;
      expect(trap.contains(host)).toBe(false);
      expect(host.getAttribute('data-chrome')).toBe('card');
      expect(host.shadowRoot!.querySelector('[role=dialog]')!.getAttribute('aria-label')).toBe(
        'Connect your payroll account',
      );
      expect(Object.keys(widget.last('init')!.payload).sort()).toEqual([
        'accessToken',
        'expiresAt',
        'mode',
        'sdkVersion',
      ]);
      expect(debug).not.toHaveBeenCalled();
    } finally {
      clean();
      debug.mockRestore();
      trap.remove();
    }
  });

  it('a widgetUrl on the prototype is no widgetUrl: INVALID_OPTIONS, nothing loaded', () => {
    const clean = pollute({ widgetUrl: 'https://evil.example/' });
    try {
      const error = openError(fetcher(), {});
      expect(error.code).toBe('INVALID_OPTIONS');
      expect(error.message).toContain('widgetUrl');
      expect(findIframe()).toBeNull();
    } finally {
      clean();
    }
  });

  it('a token whose fields are inherited is no token: INVALID_TOKEN, nothing sent', async () => {
    const inherited = Object.create(makeToken());
    const { errors } = openLink(async () => inherited);
    await flush();
    widget.say('ready');
    await flush();
    expect(errors.map((error) => error.code)).toContain('INVALID_TOKEN');
    expect(widget.last('init')).toBeUndefined();
  });
});
