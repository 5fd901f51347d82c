/**
 * What goes wrong, and how it is told: every failure is a WinkLinkError with a stable code and a
 * message that says what to fix (never the access token); a launch that cannot finish rejects
 * `ready`, reports the error and closes (reason `failed`).
 */
import { describe, expect, it, vi } from 'vitest';
import { WinkLinkError } from '../../src/host/index';
import { code, controlledFetcher, flush, makeToken, openLink, openReady, useHarness, widget } from './harness';
import { trackUnhandledRejections } from './unhandled';

useHarness();

const unhandled = trackUnhandledRejections();

const SECRET = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQtdGhhdC1tdXN0LW5ldmVyLWxlYWs.s1gn-4tur3';

/** Opens with a fetchToken resolving to `value`; returns the error the launch failed with. */
async function launchError(value: unknown) {
  const onError = vi.fn();
  const { link } = openLink(
    vi.fn(async () => value),
    { onError },
  );
  await flush();
  await expect(link.ready).rejects.toBeInstanceOf(WinkLinkError);
  expect(onError).toHaveBeenCalledTimes(1);
  return onError.mock.calls[0]![0] as WinkLinkError;
}

describe('INVALID_TOKEN', () => {
  it.each<[string, Record<string, unknown>]>([
    ['expiresAt', { expiresAt: 'tomorrow' }],
    ['expiresAt', { expiresAt: '2030-01-01T00:00:00' }], // no offset
    ['mode', { mode: 'STAGING' }],
    ['accessToken', { accessToken: '' }],
    ['accessToken', { accessToken: 12345 }],
    ['serverTime', { serverTime: 'noon' }],
  ])('names the bad field (%s) and never echoes the accessToken', async (field, patch) => {
    const error = await launchError({ ...makeToken(60_000, { accessToken: SECRET }), ...patch });
    expect(error.code).toBe('INVALID_TOKEN');
    expect(error.message).toContain(field);
    expect(error.message).not.toContain(SECRET.slice(0, 12));
  });

  it('a missing field is named', async () => {
    const { mode: _, ...noMode } = makeToken(60_000, { accessToken: SECRET });
    const error = await launchError(noMode);
    expect(error).toMatchObject({ code: 'INVALID_TOKEN', message: expect.stringContaining('mode') });
  });

  it('an over-long accessToken is refused without echoing it', async () => {
    const long = SECRET.repeat(200);
    const error = await launchError(makeToken(60_000, { accessToken: long }));
    expect(error.code).toBe('INVALID_TOKEN');
    expect(error.message).not.toContain(SECRET.slice(0, 12));
  });

  it.each([null, undefined, 42, []])('a non-object result (%s) is INVALID_TOKEN', async (value) => {
    expect((await launchError(value)).code).toBe('INVALID_TOKEN');
  });

  // Was a bug: a fetchToken that resolved to the accessToken string itself (a common mistake) had
  // its first 40 characters copied into the error message, and from there into logs and error
  // trackers.
  it('a bare accessToken string is refused without echoing it', async () => {
    const error = await launchError(SECRET);
    expect(error.code).toBe('INVALID_TOKEN');
    expect(error.message).not.toContain(SECRET.slice(0, 12));
  });

  // Issue 13 item 3: `response.json()` rejects with V8's SyntaxError, whose message quotes the
  // start of the body, and it was kept as `cause`, which error reporters serialise.
  it.each<[string, string]>([
    ['the bare accessToken as text', SECRET],
    ['HTML', `<!doctype html><p>${SECRET}</p>`],
    ['an empty body', ''],
    ['other text', `{${SECRET}`],
  ])(
    'a token endpoint answering %s: INVALID_TOKEN saying what to check, no cause, nothing of the body',
    async (_, body) => {
      const error = await launchError(new Response(body, { status: 200, headers: { 'content-type': 'text/html' } }));
      expect(error.code).toBe('INVALID_TOKEN');
      expect(error.message).toBe(
        'Your token endpoint did not answer with JSON: is it the bare accessToken, or an HTML page?',
      );
      expect(error.cause).toBeUndefined();
      const everything = `${error.message} ${error.stack} ${JSON.stringify(error)} ${String(error.cause)}`;
      expect(everything).not.toContain(SECRET.slice(0, 6));
    },
  );

  it('a body that fails to arrive (the network) is FETCH_FAILED with the browser error as cause', async () => {
    const cause = new TypeError('network error');
    const response = { ok: true, status: 200, headers: new Headers(), json: () => Promise.reject(cause) };
    const error = await launchError(response);
    expect(error).toMatchObject({ code: 'FETCH_FAILED', cause });
  });
});

describe('fetch errors', () => {
  it('FETCH_FAILED carries the cause when fetchToken rejects', async () => {
    const cause = new TypeError('network down');
    const onError = vi.fn();
    const { link } = openLink(
      vi.fn(async () => {
        throw cause;
      }),
      { onError },
    );
    await expect(link.ready).rejects.toMatchObject(code('FETCH_FAILED'));
    expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'FETCH_FAILED', cause });
  });

  // The README's own fetchToken returns `response.json()`: from an endpoint that answers the bare
  // token, V8's SyntaxError quotes its start. The error is the host's own (kept as cause), but
  // its message is not copied into ours.
  it("FETCH_FAILED for fetchToken's own JSON SyntaxError does not copy its message", async () => {
    const onError = vi.fn();
    const { link } = openLink(
      vi.fn(async () => new Response(SECRET).json()),
      { onError },
    );
    await expect(link.ready).rejects.toMatchObject(code('FETCH_FAILED'));
    const error = onError.mock.calls[0]![0] as WinkLinkError;
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect(String((error.cause as Error).message)).toContain(SECRET.slice(0, 6)); // what V8 does
    expect(error.message).toContain('SyntaxError');
    expect(error.message).not.toContain(SECRET.slice(0, 6));
  });

  it('FETCH_FAILED when fetchToken throws synchronously', async () => {
    const { link } = openLink(() => {
      throw new Error('sync');
    });
    await expect(link.ready).rejects.toMatchObject(code('FETCH_FAILED'));
  });

  it('FETCH_FAILED for a non-2xx Response', async () => {
    const { link } = openLink(vi.fn(async () => new Response('{}', { status: 503 })));
    await expect(link.ready).rejects.toMatchObject({ code: 'FETCH_FAILED', message: expect.stringContaining('503') });
  });

  it('FETCH_TIMEOUT also covers a Response whose body never arrives', async () => {
    vi.useFakeTimers();
    const response = { ok: true, status: 200, headers: new Headers(), json: () => new Promise(() => {}) };
    const { link } = openLink(
      vi.fn(async () => response),
      { fetchTimeoutMs: 3000 },
    );
    await vi.advanceTimersByTimeAsync(3000);
    await expect(link.ready).rejects.toMatchObject(code('FETCH_TIMEOUT'));
  });

  it('FETCH_TIMEOUT after fetchTimeoutMs', async () => {
    vi.useFakeTimers();
    const fetchToken = controlledFetcher();
    const { link, errors } = openLink(fetchToken.fn, { fetchTimeoutMs: 5000 });
    await vi.advanceTimersByTimeAsync(4999);
    expect(errors).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await expect(link.ready).rejects.toMatchObject(code('FETCH_TIMEOUT'));
    expect(errors.map((e) => e.code)).toEqual(['FETCH_TIMEOUT']);
  });

  it('TOKEN_EXPIRED when the only token is already expired', async () => {
    const { link } = openLink(makeToken(-1000), { refresh: 'manual' });
    await expect(link.ready).rejects.toMatchObject(code('TOKEN_EXPIRED'));
    expect(link.state).toBe('closed');
  });
});

describe('a launch that fails', () => {
  it('first launch failure: onError, ready rejects, the modal is closed', async () => {
    const onError = vi.fn();
    const onClose = vi.fn();
    const { link } = openLink(
      vi.fn(async () => {
        throw new Error('down');
      }),
      { onError, onClose },
    );
    await expect(link.ready).rejects.toMatchObject(code('FETCH_FAILED'));
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onClose).toHaveBeenCalledWith({ reason: 'failed' });
    expect(link.state).toBe('closed');
    expect(document.querySelector('wink-link')).toBeNull();
  });

  // Was a bug: an onError listener that closed the link (a common "on error, dismiss" handler) made
  // `ready` reject with CLOSED instead of the launch's real failure, so `await link.ready` lost
  // the cause (FETCH_FAILED) the host's retry banner depends on.
  it('ready rejects with the launch failure even when onError closes the link', async () => {
    const { link } = openLink(
      vi.fn(async () => {
        throw new Error('503');
      }),
      {
        onError: () => link.close(),
      },
    );
    await expect(link.ready).rejects.toMatchObject({ code: 'FETCH_FAILED' });
  });

  it('LOAD_TIMEOUT when the widget never says ready', async () => {
    vi.useFakeTimers();
    const onClose = vi.fn();
    const { link, errors } = openLink(
      vi.fn(async () => makeToken()),
      { loadTimeoutMs: 8000, onClose },
    );
    await vi.advanceTimersByTimeAsync(7999);
    expect(link.state).toBe('loading');
    await vi.advanceTimersByTimeAsync(1);
    await expect(link.ready).rejects.toMatchObject(code('LOAD_TIMEOUT'));
    expect(errors.map((e) => e.code)).toEqual(['LOAD_TIMEOUT']);
    expect(onClose).toHaveBeenCalledWith({ reason: 'failed' });
    expect(link.state).toBe('closed');
  });

  it('no LOAD_TIMEOUT once the widget said ready, even while the token is still coming', async () => {
    vi.useFakeTimers();
    const fetchToken = controlledFetcher();
    const { link, errors } = openLink(fetchToken.fn, { loadTimeoutMs: 1000, fetchTimeoutMs: 60_000 });
    widget.say('ready');
    await vi.advanceTimersByTimeAsync(5000);
    await fetchToken.resolve(makeToken());
    expect(errors).toHaveLength(0);
    expect(link.state).toBe('open');
  });

  it('CLOSED rejects ready when closed before the widget was ready', async () => {
    const { link } = openLink(controlledFetcher().fn);
    link.close();
    await expect(link.ready).rejects.toMatchObject(code('CLOSED'));
  });

  it('DESTROYED rejects ready, and refresh() after destroy', async () => {
    const { link } = openLink(controlledFetcher().fn);
    link.destroy();
    await expect(link.ready).rejects.toMatchObject(code('DESTROYED'));
    await expect(link.refresh()).rejects.toMatchObject(code('DESTROYED'));
  });

  it('an ignored ready / refresh() rejection is never unhandled', async () => {
    const fail = vi.fn(async () => {
      throw new Error('down');
    });
    const a = openLink(fail).link; // ready rejects with FETCH_FAILED
    const b = openLink(controlledFetcher().fn).link;
    b.close(); // ready rejects with CLOSED
    const c = openLink(controlledFetcher().fn).link;
    c.destroy(); // ready rejects with DESTROYED
    void c.refresh(); // rejects with DESTROYED
    await flush();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(unhandled).toEqual([]);
    await expect(a.ready).rejects.toMatchObject(code('FETCH_FAILED'));
  });
});

describe('the widget reports an error', () => {
  it('WIDGET_ERROR when the widget reports an error; the link stays open', async () => {
    const { link, errors } = await openReady(vi.fn(async () => makeToken()));
    widget.say('error', { code: 'PROVIDER_DOWN', message: 'Try later' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'WIDGET_ERROR', message: expect.stringContaining('PROVIDER_DOWN') });
    expect(link.state).toBe('open');
  });
});
