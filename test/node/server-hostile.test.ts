/**
 * createSmileClient against a hostile "Smile API" on loopback: a decompression bomb, an endpoint
 * that echoes the credentials back in every encoding, redirects that try to take them elsewhere.
 */
import { createGzip } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmileClient, type SmileApiError } from '../../src/server/index';
import { json, startLoopback, type Handler, type Loopback } from './loopback';
import { failure } from './failure';

// Printable ASCII with every character the encodings treat specially: quote, backslash, slash,
// plus, ampersand, equals, percent, space, and letters whose case a server might change.
const API_KEY_ID = 'KeyId_9Fq2Zx/+7';
const API_KEY_SECRET = 'Sec"ret\\Val/ue+&=% with Space_Q8';
const servers: Loopback[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function hostile(handle: Handler) {
  const server = await startLoopback(handle);
  servers.push(server);
  return createSmileClient({ baseUrl: `${server.url}/v1`, apiKeyId: API_KEY_ID, apiKeySecret: API_KEY_SECRET });
}

/** ~600 KB of gzip that inflates to ~620 MB of zeros, made in slices so the test itself stays small. */
async function gzipBomb(): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < 620; i++) if (!gzip.write(zeros)) await new Promise((r) => gzip.once('drain', r));
  gzip.end();
  await done;
  return Buffer.concat(chunks);
}

describe('answer size', () => {
  it('stops reading a gzip bomb past the cap: RESPONSE_TOO_LARGE, and the process does not balloon', async () => {
    const bomb = await gzipBomb();
    expect(bomb.length).toBeGreaterThan(500_000);
    expect(bomb.length).toBeLessThan(700_000);
    const client = await hostile((_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(bomb);
    });
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
    const error = await failure(client.createToken('u'));
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(error.code).toBe('RESPONSE_TOO_LARGE');
    expect(error.message).toMatch(/larger than 2097152 bytes/);
    // Reading all of it would add ~620 MB; the cap keeps the growth to a few MB.
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a declared Content-Length over the cap without reading it', async () => {
    const client = await hostile((_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) });
      res.write('{"code":"OK"');
      // Never finishes: only the header may be trusted to stop early.
    });
    const started = Date.now();
    expect((await failure(client.createToken('u'))).code).toBe('RESPONSE_TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("cuts Smile's own texts short in the error: a 600 KB message does not become a 600 KB log line", async () => {
    const huge = 'm'.repeat(600_000); // three of them stay under the 2 MiB cap
    const client = await hostile((_req, res) => json(res, 503, { code: huge, message: huge, requestId: huge }));
    const error = await failure(client.createToken('u'));
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 503 });
    expect(error.message.length).toBeLessThan(1200);
    expect(error.smileCode!.length).toBeLessThanOrEqual(301);
    expect(error.requestId!.length).toBeLessThanOrEqual(301);
  });

  it('caps an unannounced (chunked) stream too', async () => {
    const client = await hostile((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      const chunk = 'x'.repeat(64 * 1024);
      const pump = () => {
        while (res.write(chunk)) {}
        res.once('drain', pump);
      };
      pump();
    });
    expect((await failure(client.createToken('u'))).code).toBe('RESPONSE_TOO_LARGE');
  });
});

/** Every way the credentials could come back, in upper and lower case. */
function echoes(): string[] {
  const credential = `${API_KEY_ID}:${API_KEY_SECRET}`;
  const forms = [API_KEY_ID, API_KEY_SECRET, credential].flatMap((v) => [
    v,
    JSON.stringify(v).slice(1, -1),
    encodeURIComponent(v),
    encodeURIComponent(v).replace(/%20/g, '+'),
    Buffer.from(v).toString('base64'),
    Buffer.from(v).toString('base64url'),
  ]);
  return [...forms, ...forms.map((f) => f.toUpperCase()), ...forms.map((f) => f.toLowerCase())];
}

/** The error as it would reach a log: its message, fields and cause chain. */
function logged(error: SmileApiError): string {
  const cause = error.cause instanceof Error ? `${error.cause.message} ${String(error.cause.cause)}` : '';
  return `${error.message} ${JSON.stringify(error)} ${error.bodyExcerpt} ${cause}`;
}

function expectNoCredential(text: string) {
  const lower = text.toLowerCase();
  for (const form of new Set(echoes())) expect(lower).not.toContain(form.toLowerCase());
}

describe('credentials never reach an error', () => {
  const echo: Handler = (req, res) => {
    const auth = req.headers.authorization ?? '';
    const all = [...echoes(), auth, auth.toLowerCase()].join(' | ');
    json(res, 401, { code: `INVALID_TOKEN ${API_KEY_ID}`, message: `bad ${all}`, requestId: API_KEY_SECRET });
  };

  it('masks them in an error envelope echoing them in every encoding and case', async () => {
    const client = await hostile(echo);
    const error = await failure(client.createToken('u'));
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 401 });
    expect(error.message).toContain('[redacted]');
    expectNoCredential(logged(error));
  });

  it('masks them in the excerpt of a 2xx answer that is not the envelope', async () => {
    const client = await hostile((req, res) =>
      json(res, 200, `<pre>${req.headers.authorization} ${echoes().join(' ')}</pre>`),
    );
    const error = await failure(client.createToken('u'));
    expect(error.code).toBe('INVALID_RESPONSE');
    expectNoCredential(logged(error));
  });
});

describe('redirects are never followed', () => {
  it.each([301, 302, 303, 307, 308])(
    'HTTP %i: UNEXPECTED_REDIRECT naming only the origin; nothing reaches the target',
    async (status) => {
      const target = await startLoopback((_req, res) => json(res, 201, {}));
      servers.push(target);
      const client = await hostile((_req, res) => {
        res.writeHead(status, {
          location: `${target.url}/steal/${encodeURIComponent(API_KEY_SECRET)}?id=${API_KEY_ID}`,
        });
        res.end();
      });
      const error = await failure(client.createUser({ externalMetadata: { employee: 'E-1' } }));
      expect(error).toMatchObject({ code: 'UNEXPECTED_REDIRECT', status });
      expect(error.message).toContain(`to ${target.url};`);
      expect(error.message).not.toContain('/steal');
      expectNoCredential(logged(error));
      expect(target.requests).toEqual([]);
    },
  );

  it('a relative Location is named by its origin too', async () => {
    const client = await hostile((_req, res) => {
      res.writeHead(302, { location: '/login?next=%2Fv1' });
      res.end();
    });
    const error = await failure(client.createToken('u'));
    expect(error.message).toMatch(/to http:\/\/127\.0\.0\.1:\d+;/);
    expect(error.message).not.toContain('login');
  });
});
