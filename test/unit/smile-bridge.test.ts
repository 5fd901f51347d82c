import { describe, expect, it } from 'vitest';
import type { SmileLinkModalOptions } from '../../src/smile/index';
import { ACCOUNT } from '../support/smile/fixtures';
import { bridge, FakeSmileLinkModal, HOST, useBridgeHarness } from './smile-harness';

useBridgeHarness();

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
