/**
 * Your listeners: on() returns an unsubscribe function; a listener that throws or rejects is
 * reported as LISTENER_FAILED and the others still run; nothing is called after destroy
 * (destroy-silence.test.ts: not even when destroy() is called from a listener).
 */
import { describe, expect, it, vi } from 'vitest';
import type { WinkLinkError } from '../../src/host/index';
import { code, consoleErrors, flush, makeToken, openReady, useHarness, widget } from './harness';

useHarness();

describe('listeners', () => {
  it('the unsubscribe function returned by on() stops the listener, and only it', async () => {
    const { link } = await openReady(vi.fn(async () => makeToken()));
    const a = vi.fn();
    const b = vi.fn();
    const offA = link.on('accountRemoved', a);
    link.on('accountRemoved', b);
    offA();
    offA();
    widget.say('accountRemoved', { accountId: 'a', userId: 'u', providerId: 'p' });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('a listener removed by an earlier one during the same event is not called', async () => {
    const { link } = await openReady(vi.fn(async () => makeToken()));
    const second = vi.fn();
    link.on('accountRemoved', () => offSecond());
    const offSecond = link.on('accountRemoved', second);
    widget.say('accountRemoved', { accountId: 'a', userId: 'u', providerId: 'p' });
    expect(second).not.toHaveBeenCalled();
  });

  it('no listener is called after destroy', async () => {
    const onEvent = vi.fn();
    const { link } = await openReady(
      vi.fn(async () => makeToken()),
      { onEvent },
    );
    link.destroy();
    widget.say('event', { name: 'x', metadata: {} });
    expect(onEvent).not.toHaveBeenCalled();
  });
});

describe('a listener that fails', () => {
  it('LISTENER_FAILED when a listener throws; the others still run', async () => {
    const boom = new Error('listener bug');
    const { link, errors } = await openReady(vi.fn(async () => makeToken()));
    const second = vi.fn();
    link.on('accountConnected', () => {
      throw boom;
    });
    link.on('accountConnected', second);
    widget.say('accountConnected', { accountId: 'a', userId: 'u', providerId: 'p' });
    expect(second).toHaveBeenCalledTimes(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'LISTENER_FAILED', cause: boom });
  });

  // Was a bug: a listener returning a rejected promise (an async onTokenExpired whose refresh
  // failed, as in the README's manual-refresh example) caused an unhandled rejection on the page
  // and never reached onError. (The rejected promise is pre-handled so the test run stays clean.)
  it('a listener whose promise rejects is reported as LISTENER_FAILED', async () => {
    const boom = Promise.reject(new Error('my token endpoint is down'));
    boom.catch(() => {});
    const { errors } = await openReady(
      vi.fn(async () => makeToken()),
      {
        refresh: 'manual',
        onTokenExpired: () => boom as unknown as undefined,
      },
    );
    widget.say('tokenExpired');
    await flush();
    expect(errors.map((e) => e.code)).toContain('LISTENER_FAILED');
  });

  it('a throwing error listener is logged, not re-reported in a loop', async () => {
    const { link } = await openReady(vi.fn(async () => makeToken()));
    link.on('error', () => {
      throw new Error('error listener bug');
    });
    widget.say('error', { code: 'X', message: 'y' });
    expect(consoleErrors.some((args) => String(args[0]).includes('error listener threw'))).toBe(true);
  });

  it('errors go to console.error when nobody listens for them', async () => {
    const link = (await import('../../src/host/index')).WinkLink.open(
      vi.fn(async () => {
        throw new Error('x');
      }),
      {
        widgetUrl: 'https://widget.example/',
      },
    );
    await expect(link.ready).rejects.toMatchObject(code('FETCH_FAILED'));
    expect(consoleErrors.some((args) => (args[1] as WinkLinkError)?.code === 'FETCH_FAILED')).toBe(true);
    link.destroy();
  });
});
