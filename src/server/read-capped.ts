import { concat, fromUtf8 } from './bytes.js';

/**
 * Reads a body (a fetch answer, or a request in a handler) up to `maxBytes` (after
 * decompression: fetch inflates gzip/br/deflate as it streams). A larger body is not read on:
 * `text()` would hold all of it, and a 600 KB gzip bomb inflates to gigabytes.
 */
export class BodyTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`body larger than ${maxBytes} bytes`);
    this.name = 'BodyTooLarge';
  }
}

type BodySource = Pick<Response, 'headers' | 'body'>;

export async function readCappedBytes(source: BodySource, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(source.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await source.body?.cancel().catch(() => {});
    throw new BodyTooLarge(maxBytes);
  }
  if (!source.body) return new Uint8Array(0);
  const reader = source.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Cancelling stops the download and the decompression: nothing more is read or inflated.
      await reader.cancel().catch(() => {});
      throw new BodyTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return concat(chunks, size);
}

export async function readCapped(source: BodySource, maxBytes: number): Promise<string> {
  return fromUtf8(await readCappedBytes(source, maxBytes));
}
