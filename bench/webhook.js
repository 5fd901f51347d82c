// Webhook throughput: MB/s of signed bodies verified, for a typical event (~200 B) up to the
// handler's 1 MiB cap. Rows, interleaved in one process:
//   node:crypto   the 0.1 path (createHmac + timingSafeEqual), reproduced here for comparison only
//   WebCrypto     crypto.subtle.verify, as wink-link/server verifies now (no node: import)
//   parseWebhook  dist/server.js end to end: verify, JSON.parse, the event's schema
//   before        (with `--before <server.js>`) the same, from an older build, e.g. 0.1's node:crypto one
// `node bench/webhook.js [--before /path/to/old/dist/server.js]` (builds dist/ when missing).
// Figures are sequential (one event at a time): the latency-bound worst case.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { ROOT, ensureDist, figure, isMain, printFigures, table } from './support.js';

const SECRET = 'a little secret'; // tag-webhooks.md:76
const SIZES = [200, 16 * 1024, 1024 * 1024];
const BUDGET_MS = 400; // per row and size
const encoder = new TextEncoder();

function body(bytes) {
  const event = { id: 'et-bench', version: 1, type: 'BENCH_PADDING', createdAt: new Date().toISOString(), data: {} };
  const pad = Math.max(0, bytes - JSON.stringify(event).length - 10);
  return encoder.encode(JSON.stringify({ ...event, data: { pad: 'x'.repeat(pad) } }));
}

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text) => Uint8Array.from(text.match(/../g), (pair) => Number.parseInt(pair, 16));

function nodeCryptoVerify(raw, signature) {
  const expected = createHmac('sha512', Buffer.from(SECRET, 'utf8')).update(raw).digest();
  return /^[0-9a-f]{128}$/i.test(signature) && timingSafeEqual(Buffer.from(signature, 'hex'), expected);
}

/** Imported once, as wink-link/server caches it per secret (importKey costs more than a small verify). */
let key;
async function webCryptoVerify(raw, signature) {
  key ??= await crypto.subtle.importKey('raw', encoder.encode(SECRET), { name: 'HMAC', hash: 'SHA-512' }, false, [
    'verify',
  ]);
  return crypto.subtle.verify('HMAC', key, fromHex(signature), raw);
}

/** Runs `verify` for BUDGET_MS and returns MB/s (10^6 bytes) of bodies verified. */
async function throughput(verify, raw, signature) {
  let bytes = 0;
  const started = performance.now();
  while (performance.now() - started < BUDGET_MS) {
    if (!(await verify(raw, signature))) throw new Error('a bench body failed to verify');
    bytes += raw.byteLength;
  }
  return bytes / 1e6 / ((performance.now() - started) / 1000);
}

/** The --before build's parseWebhook, or undefined. */
async function beforeBuild() {
  const at = process.argv.indexOf('--before');
  if (at === -1) return undefined;
  return (await import(pathToFileURL(process.argv[at + 1]).href)).parseWebhook;
}

export async function run() {
  ensureDist();
  const server = await import(pathToFileURL(join(ROOT, 'dist/server.js')).href);
  const before = await beforeBuild();
  const rows = [
    ['body', 'node:crypto MB/s', 'WebCrypto MB/s', 'parseWebhook MB/s', ...(before ? ['before MB/s'] : [])],
  ];
  const figures = [];
  for (const size of SIZES) {
    const raw = body(size);
    const signature = hex(createHmac('sha512', SECRET).update(raw).digest());
    const headers = { 'smile-signature': signature };
    const parser = (parseWebhook) => async (bytes) => Boolean(await parseWebhook(bytes, headers, { secret: SECRET }));
    const verifiers = [
      nodeCryptoVerify,
      webCryptoVerify,
      parser(server.parseWebhook),
      ...(before ? [parser(before)] : []),
    ];
    // Interleaved twice, best of two: the machine is shared.
    const best = verifiers.map(() => 0);
    for (let round = 0; round < 2; round++) {
      for (const [i, verify] of verifiers.entries())
        best[i] = Math.max(best[i], await throughput(verify, raw, signature));
    }
    const label = size >= 1024 * 1024 ? `${size / 1024 / 1024} MiB` : size >= 1024 ? `${size / 1024} KiB` : `${size} B`;
    rows.push([label, ...best.map((v) => v.toFixed(1))]);
    figures.push(figure(`webhook parseWebhook MB/s (${label})`, best[2].toFixed(1)));
    if (before) figures.push(figure(`webhook parseWebhook before MB/s (${label})`, best[3].toFixed(1)));
  }
  table(rows);
  return figures;
}

if (isMain(import.meta.url)) printFigures('webhook', await run());
