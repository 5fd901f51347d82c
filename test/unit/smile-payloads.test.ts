import { describe, expect, it, vi } from 'vitest';
import { ACCOUNT, ACCOUNT_ERROR, UI_EVENT, UPLOAD, UPLOADS } from '../support/smile/fixtures';
import { bridge, useBridgeHarness } from './smile-harness';

useBridgeHarness();

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
