import { describe, expect, it, vi } from 'vitest';
import { safeCopy } from '../../src/shared/protocol';
import { connect } from '../../src/widget/index';
import { WIDGET_ORIGIN, deliveredMessage, flush, makeToken, openLink, openReady, useHarness, widget } from './harness';

useHarness();

const account = { accountId: 'acc_1', userId: 'usr_1', providerId: 'prv_1' };

/** An open link with a spy on every widget-reported event. */
async function openWithSpies() {
  const spies = {
    onAccountCreated: vi.fn(),
    onAccountConnected: vi.fn(),
    onAccountRemoved: vi.fn(),
    onAccountError: vi.fn(),
    onUploadsCreated: vi.fn(),
    onUploadsRemoved: vi.fn(),
    onEvent: vi.fn(),
    onClose: vi.fn(),
    onTokenExpired: vi.fn(),
    onError: vi.fn(),
  };
  const opened = await openReady(
    vi.fn(async () => makeToken()),
    { ...spies, refresh: 'manual' },
  );
  const called = () =>
    Object.entries(spies)
      .filter(([, spy]) => spy.mock.calls.length > 0)
      .map(([name]) => name);
  return { ...opened, spies, called };
}

describe('widget → host events', () => {
  it('each event reaches its callback with the payload', async () => {
    const { spies } = await openWithSpies();
    widget.say('accountCreated', account);
    widget.say('accountConnected', account);
    widget.say('accountRemoved', account);
    widget.say('accountError', { ...account, errorCode: 'BAD_CREDENTIALS', errorMessage: 'Wrong password' });
    widget.say('uploadsCreated', { userId: 'usr_1', uploads: [{ id: 'up_1', fileName: 'paystub.pdf' }] });
    widget.say('event', { name: 'screen_viewed', metadata: { screen: 'search' } });
    expect(spies.onAccountCreated).toHaveBeenCalledWith(account);
    expect(spies.onAccountConnected).toHaveBeenCalledWith(account);
    expect(spies.onAccountRemoved).toHaveBeenCalledWith(account);
    expect(spies.onAccountError).toHaveBeenCalledWith({
      ...account,
      errorCode: 'BAD_CREDENTIALS',
      errorMessage: 'Wrong password',
    });
    expect(spies.onUploadsCreated).toHaveBeenCalledWith({
      userId: 'usr_1',
      uploads: [{ id: 'up_1', fileName: 'paystub.pdf' }],
    });
    expect(spies.onEvent).toHaveBeenCalledWith({ name: 'screen_viewed', metadata: { screen: 'search' } });
  });

  // Payloads as Smile's own widget SDK documents its callbacks (SmileAPI/smile-openapi,
  // docs/english/api-reference/Chapter-3.md; docs/english/Chapter-4.md).
  it('onAccountError as Smile sends it: errorCode, no errorMessage', async () => {
    const { spies } = await openWithSpies();
    widget.say('accountError', { ...account, errorCode: 'MFA_TIMEOUT' });
    expect(spies.onAccountError).toHaveBeenCalledWith({ ...account, errorCode: 'MFA_TIMEOUT' });
  });

  it('uploadsRemoved reaches onUploadsRemoved; uploads are objects with id, the rest passed through', async () => {
    const { spies } = await openWithSpies();
    const uploads = [{ id: 'u-1', type: 'PAYSLIP', state: 'REVOKED', rawFiles: [{ name: 'a.pdf' }] }];
    widget.say('uploadsRemoved', { userId: 'usr_1', uploads });
    expect(spies.onUploadsRemoved).toHaveBeenCalledWith({ userId: 'usr_1', uploads });
    expect(spies.onUploadsCreated).not.toHaveBeenCalled();
  });

  it("an upload without Smile's id is not a message of ours (dropped)", async () => {
    const { spies } = await openWithSpies();
    widget.say('uploadsCreated', { userId: 'usr_1', uploads: [{ uploadId: 'up_1' }] });
    expect(spies.onUploadsCreated).not.toHaveBeenCalled();
  });

  it.each([['close'], ['exit'], ['error'], ['escape']] as const)(
    "the widget's close reason %s is the close event's reason",
    async (reason) => {
      const { spies, link } = await openWithSpies();
      widget.say('close', { reason });
      expect(link.state).toBe('closed');
      expect(spies.onClose).toHaveBeenCalledWith({ reason });
    },
  );

  it("a widget close without a reason is 'widget'; an unknown reason is not a message of ours", async () => {
    const { spies, link } = await openWithSpies();
    widget.say('close', { reason: 'bored' });
    expect(link.state).toBe('open');
    widget.say('close', {});
    expect(spies.onClose).toHaveBeenCalledWith({ reason: 'widget' });
  });
});

describe('the filter: source, shape, origin', () => {
  const dropped: Array<[string, () => void]> = [
    ['a wrong origin', () => widget.say('accountConnected', account, { origin: 'https://evil.example' })],
    [
      'an origin differing only by scheme',
      () => widget.say('accountConnected', account, { origin: 'http://widget.example' }),
    ],
    [
      'an origin differing only by port',
      () => widget.say('accountConnected', account, { origin: 'https://widget.example:8443' }),
    ],
    ['the null origin', () => widget.say('accountConnected', account, { origin: 'null' })],
    ['a wrong source (the page itself)', () => widget.say('accountConnected', account, { source: window })],
    ['a forged source object', () => widget.say('accountConnected', account, { source: { postMessage() {} } })],
    ['no source', () => widget.say('accountConnected', account, { source: null })],
    ['a string', () => widget.post('{"wink":1,"type":"accountConnected"}')],
    ['null data', () => widget.post(null)],
    ['an array', () => widget.post([1, 'accountConnected', account])],
    ['wink: 2', () => widget.post({ wink: 2, type: 'accountConnected', payload: account })],
    ['wink: "1"', () => widget.post({ wink: '1', type: 'accountConnected', payload: account })],
    ['no wink', () => widget.post({ type: 'accountConnected', payload: account })],
    ['an unknown type', () => widget.say('accountHacked', account)],
    ['an inherited type name', () => widget.say('toString', {})],
    ['an extra envelope field', () => widget.post({ wink: 1, type: 'accountConnected', payload: account, x: 1 })],
    ['an extra payload field', () => widget.say('accountConnected', { ...account, admin: true })],
    ['a missing payload field', () => widget.say('accountConnected', { accountId: 'a', userId: 'u' })],
    ['a wrong field type', () => widget.say('accountConnected', { ...account, accountId: 7 })],
    ['an empty id', () => widget.say('accountConnected', { ...account, accountId: '' })],
    ['a payload that is not an object', () => widget.say('close', 'now')],
    ['close with fields', () => widget.say('close', { force: true })],
    [
      'an own __proto__ key',
      () =>
        widget.post(
          JSON.parse('{"wink":1,"type":"event","payload":{"name":"x","metadata":{"__proto__":{"polluted":1}}}}'),
        ),
    ],
    ['a class instance as payload', () => widget.say('event', { name: 'x', metadata: new Date() })],
    // `every` skips holes: a sparse list of uploads must not reach onUploadsCreated.
    ['uploads with a hole', () => widget.say('uploadsCreated', { userId: 'u', uploads: [undefined, { id: 'up' }] })],
    [
      'uploads as a long sparse array',
      () => widget.say('uploadsCreated', { userId: 'u', uploads: new Array(2 ** 32 - 1) }),
    ],
  ];

  it('refuses a long sparse array before any parser loops over it', () => {
    const started = performance.now();
    const huge = safeCopy({ uploads: new Array(2 ** 32 - 1) });
    const elapsed = performance.now() - started;
    expect(huge).toBeUndefined();
    expect(elapsed).toBeLessThan(50);
    expect(safeCopy({ uploads: new Array(2000) })).toBeUndefined(); // holes read as undefined: not JSON
    expect(safeCopy({ uploads: new Array(2001).fill(0) })).toBeUndefined();
    // 2,000 values with the object and the list: within the cap.
    expect(safeCopy({ uploads: new Array(1998).fill(0) })).toEqual({ uploads: new Array(1998).fill(0) });
  });

  it.each(dropped)('drops %s silently: no callback, no state change', async (_, send) => {
    const { link, called } = await openWithSpies();
    const sentBefore = widget.sent.length;
    expect(() => send()).not.toThrow();
    await flush();
    expect(called()).toEqual([]);
    expect(link.state).toBe('open');
    expect(widget.sent.length).toBe(sentBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the same message from the right origin and source is accepted (control)', async () => {
    const { spies } = await openWithSpies();
    widget.say('accountConnected', account, { origin: WIDGET_ORIGIN });
    expect(spies.onAccountConnected).toHaveBeenCalledTimes(1);
  });

  it('a ready from a wrong origin or source does not get the token', async () => {
    openLink(vi.fn(async () => makeToken()));
    await flush();
    widget.say('ready', {}, { origin: 'https://evil.example' });
    widget.say('ready', {}, { source: window });
    widget.say('ready', { please: 'token' });
    await flush();
    expect(widget.sent).toEqual([]);
  });

  it('messages other than ready are dropped before init', async () => {
    const onAccountConnected = vi.fn();
    const onClose = vi.fn();
    const { link } = openLink(
      vi.fn(async () => makeToken()),
      { onAccountConnected, onClose },
    );
    await flush();
    for (const [type, payload] of [
      ['accountConnected', account],
      ['close', {}],
      ['tokenExpired', {}],
      ['resize', { height: 10 }],
      ['error', { code: 'X', message: 'y' }],
    ] as const) {
      widget.say(type, payload);
    }
    expect(onAccountConnected).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
    expect(link.state).toBe('loading');
  });

  it('the host never posts with targetOrigin "*", and never puts the token in a URL', async () => {
    const { link } = await openWithSpies();
    await link.refresh();
    link.close();
    expect(widget.sent.length).toBeGreaterThanOrEqual(3);
    for (const message of widget.sent) expect(message.targetOrigin).toBe(WIDGET_ORIGIN);
    const [token] = widget.tokens();
    expect(widget.sent[0]!.iframe.getAttribute('src')).not.toContain(token);
  });

  it('with debug, logs traffic and drops without ever logging an accessToken', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    const { link } = await openReady(
      vi.fn(async () => makeToken()),
      { debug: true, refresh: 'manual' },
    );
    widget.say('accountConnected', account, { origin: 'https://evil.example' });
    await link.refresh();
    const logged = JSON.stringify(debug.mock.calls);
    expect(logged).toContain('dropped');
    for (const token of widget.tokens()) expect(logged).not.toContain(token);
  });
});

describe('several links on one page', () => {
  it('each link hears only its own iframe', async () => {
    const a = { onAccountConnected: vi.fn() };
    const b = { onAccountConnected: vi.fn() };
    const container = document.body.appendChild(document.createElement('div'));
    await openReady(
      vi.fn(async () => makeToken()),
      a,
    ); // modal
    openLink(
      vi.fn(async () => makeToken()),
      { ...b, container },
    ); // inline
    await flush();
    const frameOf = (mode: string) =>
      document.querySelector(`wink-link[data-mode=${mode}]`)!.shadowRoot!.querySelector('iframe')!;
    const frames = [frameOf('modal'), frameOf('inline')];
    const [first, second] = frames.map((iframe) => iframe.contentWindow);
    widget.say('ready', {}, { source: second });
    await flush();
    widget.say('accountConnected', account, { source: second });
    expect(b.onAccountConnected).toHaveBeenCalledTimes(1);
    expect(a.onAccountConnected).not.toHaveBeenCalled();
    widget.say('accountConnected', account, { source: first });
    expect(a.onAccountConnected).toHaveBeenCalledTimes(1);
    expect(b.onAccountConnected).toHaveBeenCalledTimes(1);
    expect(widget.sent.filter((m) => m.type === 'init').map((m) => m.iframe)).toEqual(frames);
  });
});

describe('host ↔ widget round trip', () => {
  /** Opens a link, then hands its `init` (structured-cloned, as postMessage does) to connect(). */
  async function initThroughConnect(options: Parameters<typeof openReady>[1] = {}) {
    await openReady(
      vi.fn(async () => makeToken()),
      options,
    );
    const init = widget.last('init')!;
    const parent = { postMessage: vi.fn() };
    const frame = Object.assign(new EventTarget(), { parent, document }) as unknown as Window;
    const connection = connect({ window: frame, autoResize: false, allowedOrigins: ['https://host.example'] });
    const onInit = vi.fn();
    connection.on('init', onInit);
    frame.dispatchEvent(
      deliveredMessage({
        data: structuredClone(init.message),
        origin: 'https://host.example',
        source: parent as never,
      }),
    );
    connection.destroy();
    return { init, onInit };
  }

  // Regression test for b834a38 ("omit absent templateId from init"): the host used to
  // post `templateId: undefined`; structured clone keeps the key, and the widget side's
  // safeCopy refuses undefined values, so a widget using connect() never receives init.
  it('an init posted by the host (without templateId) is accepted by connect() after structured clone', async () => {
    const { init, onInit } = await initThroughConnect();
    expect(onInit).toHaveBeenCalledWith(expect.objectContaining({ accessToken: init.payload.accessToken }));
  });

  it('an init with a templateId survives the same round trip (control)', async () => {
    const { onInit } = await initThroughConnect({ templateId: 'tpl_1' });
    expect(onInit).toHaveBeenCalledWith(expect.objectContaining({ templateId: 'tpl_1' }));
  });
});
