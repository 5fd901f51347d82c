import { afterEach, describe, expect, it, vi } from 'vitest';
import { bridgeSmile, type BridgeOptions, type SmileLinkModalOptions } from '../../src/smile/index';
import { ACCOUNT, ACCOUNT_ERROR, UI_EVENT, UPLOAD, UPLOADS } from '../support/smile/fixtures';
import { makeToken } from './harness';

const HOST = 'https://host.example';

/** A fake of Smile's SDK: records each widget, and renders into <body> as smile.v2.js would. */
class FakeSmileLinkModal {
  static instances: FakeSmileLinkModal[] = [];
  readonly node = document.createElement('div');
  opened = 0;
  constructor(readonly options: SmileLinkModalOptions) {
    FakeSmileLinkModal.instances.push(this);
  }
  open() {
    this.opened++;
    this.node.dataset.fake = String(FakeSmileLinkModal.instances.indexOf(this));
    document.body.append(this.node);
    document.body.style.overflow = 'hidden'; // a modal's scroll lock
  }
}

const bridges: Array<{ destroy(): void }> = [];
afterEach(() => {
  for (const bridge of bridges.splice(0)) bridge.destroy();
  FakeSmileLinkModal.instances = [];
  document.body.replaceChildren();
  document.body.removeAttribute('style');
  vi.restoreAllMocks();
});

/** The bridge in a frame whose parent records what it is sent. */
function bridge(options: Partial<BridgeOptions> = {}) {
  const parent = { postMessage: vi.fn() };
  const win = Object.assign(new EventTarget(), { parent, document }) as unknown as Window;
  const running = bridgeSmile({
    allowedOrigins: [HOST],
    SmileLinkModal: FakeSmileLinkModal as never,
    window: win,
    ...options,
  });
  bridges.push(running);
  const receive = (type: string, payload: unknown) =>
    win.dispatchEvent(
      new MessageEvent('message', { data: { wink: 1, type, payload }, origin: HOST, source: parent as never }),
    );
  const sent = () =>
    parent.postMessage.mock.calls
      .filter(([message]) => message.type !== 'ready')
      .map(([message, target]) => {
        expect(target).toBe(HOST);
        return [message.type, message.payload];
      });
  const init = (extra: Record<string, unknown> = {}) => {
    const { accessToken, mode, expiresAt } = makeToken();
    receive('init', { accessToken, mode, expiresAt, sdkVersion: 'dev', ...extra });
    return accessToken;
  };
  const token = () => {
    const { accessToken, mode, expiresAt } = makeToken();
    receive('token', { accessToken, mode, expiresAt });
    return accessToken;
  };
  return { win, running, receive, sent, init, token, widget: () => FakeSmileLinkModal.instances.at(-1)! };
}

describe('bridgeSmile: launching Smile’s widget', () => {
  it('on init, opens SmileLinkModal with the token, the template and the widget options', () => {
    const b = bridge();
    expect(FakeSmileLinkModal.instances).toEqual([]); // nothing before the host's token
    const accessToken = b.init({
      templateId: 'wtpl-blue',
      widgetOptions: { topProviders: ['upwork'], enableUpload: true },
    });
    const { options, opened } = b.widget();
    expect(opened).toBe(1);
    expect(options).toMatchObject({
      userToken: accessToken,
      templateId: 'wtpl-blue',
      topProviders: ['upwork'],
      enableUpload: true,
    });
    const callbacks = Object.keys(options).filter((key) => typeof options[key as never] === 'function');
    expect(callbacks.sort()).toEqual(
      [
        'onAccountConnected',
        'onAccountCreated',
        'onAccountError',
        'onAccountRemoved',
        'onClose',
        'onTokenExpired',
        'onUIEvent',
        'onUploadsCreated',
        'onUploadsRemoved',
      ].sort(),
    );
    expect(b.running.connection.hostOrigin).toBe(HOST);
  });

  it('leaves out templateId when the host sent none (Smile gets no undefined option)', () => {
    const b = bridge();
    b.init();
    expect(Object.hasOwn(b.widget().options, 'templateId')).toBe(false);
  });

  it('without allowedOrigins it refuses to start (INVALID_OPTIONS), as wink-link/widget does', () => {
    expect(() => bridge({ allowedOrigins: undefined })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });
});

describe('bridgeSmile: Smile’s callbacks become protocol messages (documented payloads)', () => {
  const cases: Array<[string, unknown, string, unknown]> = [
    ['onAccountCreated', ACCOUNT, 'accountCreated', ACCOUNT],
    ['onAccountConnected', ACCOUNT, 'accountConnected', ACCOUNT],
    ['onAccountRemoved', ACCOUNT, 'accountRemoved', ACCOUNT],
    ['onAccountError', ACCOUNT_ERROR, 'accountError', ACCOUNT_ERROR],
    ['onUploadsCreated', UPLOADS, 'uploadsCreated', { userId: UPLOADS.userId, uploads: [UPLOAD] }],
    ['onUploadsRemoved', UPLOADS, 'uploadsRemoved', { userId: UPLOADS.userId, uploads: [UPLOAD] }],
    ['onUIEvent', UI_EVENT, 'event', { name: 'LoginPageOpened', metadata: { ...UI_EVENT, eventName: undefined } }],
    ['onTokenExpired', undefined, 'tokenExpired', {}],
    ['onClose', { reason: 'close' }, 'close', { reason: 'close' }],
    ['onClose', { reason: 'exit' }, 'close', { reason: 'exit' }],
    ['onClose', 'error', 'close', { reason: 'error' }], // the `onClose(reason)` signature
    ['onClose', undefined, 'close', {}],
    ['onClose', { reason: 'other' }, 'close', {}],
  ];
  it.each(cases)('%s(%j) → %s', (callback, arg, type, payload) => {
    const b = bridge();
    b.init();
    b.widget().options[callback as 'onClose']!(arg as never);
    expect(b.sent()).toEqual([[type, JSON.parse(JSON.stringify(payload))]]);
  });

  it('fields the protocol does not name are left out, ids given as numbers are spelled out', () => {
    const b = bridge();
    b.init();
    const { options } = b.widget();
    options.onAccountConnected!({ ...ACCOUNT, accountId: 42, status: 'CONNECTED', extra: { a: 1 } } as never);
    options.onAccountError!({ ...ACCOUNT_ERROR, errorMessage: 'Wrong password', retry: true } as never);
    options.onUIEvent!({ ...UI_EVENT, when: new Date(0), callback: () => {} } as never);
    expect(b.sent()).toEqual([
      ['accountConnected', { ...ACCOUNT, accountId: '42' }],
      ['accountError', { ...ACCOUNT_ERROR, errorMessage: 'Wrong password' }],
      [
        'event',
        {
          name: 'LoginPageOpened',
          metadata: {
            ...JSON.parse(JSON.stringify({ ...UI_EVENT, eventName: undefined })),
            when: '1970-01-01T00:00:00.000Z',
          },
        },
      ],
    ]);
  });

  it('uploads: one upload object, or a map of them, arrive as a list; one without an id is left out', () => {
    const b = bridge();
    b.init();
    const { options } = b.widget();
    options.onUploadsCreated!({ userId: 'user', uploads: UPLOAD });
    options.onUploadsRemoved!({ userId: 'user', uploads: { [UPLOAD.id]: UPLOAD, other: { type: 'W2' } } });
    expect(b.sent()).toEqual([
      ['uploadsCreated', { userId: 'user', uploads: [UPLOAD] }],
      ['uploadsRemoved', { userId: 'user', uploads: [UPLOAD] }],
    ]);
  });

  it('data too large or too deep for the host is summarised, not dropped', () => {
    const b = bridge();
    b.init();
    const { options } = b.widget();
    const big = {
      ...UPLOAD,
      rawFiles: Array.from({ length: 3000 }, (_, i) => ({ ...UPLOAD.rawFiles[0], id: `f-${i}` })),
    };
    options.onUploadsCreated!({ userId: 'user', uploads: [big] });
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 12; i++) deep = { deep };
    options.onUIEvent!({ eventName: 'FileTypePageOpened', mode: 'SANDBOX', archive: deep });
    const [[type, payload], [eventType, event]] = b.sent() as [[string, any], [string, any]];
    expect(type).toBe('uploadsCreated');
    expect(payload.uploads).toEqual([
      {
        id: UPLOAD.id,
        createdAt: UPLOAD.createdAt,
        providerId: 'user-provided',
        userId: UPLOAD.userId,
        type: 'PAYSLIP',
        state: UPLOAD.state,
      },
    ]);
    expect([eventType, event]).toEqual([
      'event',
      { name: 'FileTypePageOpened', metadata: { mode: 'SANDBOX', archive: {} } },
    ]);
  });

  it('a callback without the ids the protocol needs is not forwarded, and says so', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const b = bridge();
    b.init();
    b.widget().options.onAccountConnected!({ userId: 'u' } as never);
    b.widget().options.onUIEvent!({} as never);
    expect(b.sent()).toEqual([]);
    expect(warn.mock.calls.map(([line]) => line)).toEqual([
      "[wink-link/smile] Smile's onAccountConnected gave no usable ids; not forwarded.",
      "[wink-link/smile] Smile's onUIEvent gave no usable ids; not forwarded.",
    ]);
  });

  it('Escape in the bridge page closes, as the widget helper forwards it', () => {
    const b = bridge();
    b.init();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(b.sent()).toEqual([['close', { reason: 'escape' }]]);
  });
});

describe('bridgeSmile: a fresh token relaunches Smile’s widget', () => {
  it('removes the old widget’s DOM and page styles, opens a new one with the new token', () => {
    const b = bridge();
    const own = document.createElement('p');
    document.body.append(own); // the page's own content, there before Smile's widget ran
    const first = b.init({ templateId: 'wtpl-blue' });
    const old = b.widget();
    expect(document.body.contains(old.node)).toBe(true);
    const second = b.token();
    expect(FakeSmileLinkModal.instances.map((w) => w.options.userToken)).toEqual([first, second]);
    expect(b.widget().options.templateId).toBe('wtpl-blue'); // the init's settings carry over
    expect(document.body.contains(old.node)).toBe(false);
    expect(document.querySelectorAll('[data-fake]')).toHaveLength(1);
    expect(document.body.contains(own)).toBe(false); // added after the bridge started: not the page's
    // The old widget may still call back: it no longer counts.
    old.options.onAccountConnected!(ACCOUNT);
    old.options.onClose!({ reason: 'close' });
    expect(b.sent()).toEqual([]);
    b.widget().options.onAccountConnected!(ACCOUNT);
    expect(b.sent()).toEqual([['accountConnected', ACCOUNT]]);
  });

  it('keeps what the page held before the bridge started, and its body style', () => {
    const own = document.createElement('main');
    document.body.append(own);
    document.body.style.margin = '0';
    const b = bridge();
    b.init();
    expect(document.body.style.overflow).toBe('hidden');
    b.token();
    b.receive('close', {});
    expect(document.body.contains(own)).toBe(true);
    expect(document.body.getAttribute('style')).toBe('margin: 0px;');
    expect(document.querySelectorAll('[data-fake]')).toHaveLength(0);
  });

  it('the host’s close removes Smile’s widget; its later callbacks are ignored', () => {
    const b = bridge();
    b.init();
    const widget = b.widget();
    b.receive('close', {});
    expect(document.body.contains(widget.node)).toBe(false);
    widget.options.onAccountConnected!(ACCOUNT);
    expect(b.sent()).toEqual([]);
  });

  it('Smile’s own close removes its widget after telling the host', () => {
    const b = bridge();
    b.init();
    const widget = b.widget();
    widget.options.onClose!({ reason: 'exit' });
    expect(b.sent()).toEqual([['close', { reason: 'exit' }]]);
    expect(document.body.contains(widget.node)).toBe(false);
  });
});

describe('bridgeSmile: Smile’s script missing or failing', () => {
  it('no SmileLinkModal: SMILE_SDK_MISSING to the host and a visible notice, never a blank frame', () => {
    const b = bridge({ SmileLinkModal: undefined });
    b.init();
    expect(b.sent()).toEqual([
      ['error', { code: 'SMILE_SDK_MISSING', message: expect.stringContaining('smile.v2.js') }],
    ]);
    const notice = document.querySelector('[role=alertdialog]')!;
    expect(notice.textContent).toBe(
      'Account linking is unavailableIt could not be loaded. Close this window and try again later.Close',
    );
    (notice.querySelector('button') as HTMLButtonElement).click();
    expect(b.sent().at(-1)).toEqual(['close', { reason: 'error' }]);
  });

  it('reads the window’s SmileLinkModal at each launch (smile.v2.js defines it); a later token clears the notice', () => {
    const b = bridge({ SmileLinkModal: undefined });
    b.init();
    expect(b.sent()).toEqual([['error', expect.objectContaining({ code: 'SMILE_SDK_MISSING' })]]);
    (b.win as unknown as Record<string, unknown>).SmileLinkModal = FakeSmileLinkModal;
    const accessToken = b.token();
    expect(b.widget().options.userToken).toBe(accessToken);
    expect(document.querySelector('[role=alertdialog]')).toBeNull();
  });

  it('a throwing SmileLinkModal: SMILE_SDK_FAILED, and the message never carries the token', () => {
    const Throwing = class {
      constructor(options: SmileLinkModalOptions) {
        throw new Error(`bad token ${options.userToken}`);
      }
    };
    const b = bridge({ SmileLinkModal: Throwing as never });
    const accessToken = b.init();
    const [[type, payload]] = b.sent() as [[string, { code: string; message: string }]];
    expect(type).toBe('error');
    expect(payload.code).toBe('SMILE_SDK_FAILED');
    expect(payload.message).toBe("Smile's SmileLinkModal failed to open: Error: bad token [token]");
    expect(payload.message).not.toContain(accessToken);
    expect(document.body.textContent).not.toContain(accessToken);
  });

  it('an open() that returns a rejected promise is SMILE_SDK_FAILED too', async () => {
    const Rejecting = class {
      open() {
        return Promise.reject(new TypeError('template not found'));
      }
    };
    const b = bridge({ SmileLinkModal: Rejecting as never });
    b.init();
    await Promise.resolve();
    await Promise.resolve();
    expect(b.sent()).toEqual([
      [
        'error',
        { code: 'SMILE_SDK_FAILED', message: "Smile's SmileLinkModal failed to open: TypeError: template not found" },
      ],
    ]);
  });
});
