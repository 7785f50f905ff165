import type { Readable } from 'node:stream';

/** What arrived between DATA and the final dot. */
export interface CollectedData {
  /** The message, or its first `maxBytes` when it was larger. */
  raw: Buffer;
  /** Bytes received in all, dot-stuffing removed. */
  size: number;
  oversize: boolean;
  /** The longest line in octets, CRLF excluded. */
  longestLine: number;
}

/** Measures line lengths across chunk boundaries, as a line-oriented SMTP reader would see them. */
class LineMeter {
  longest = 0;
  #current = 0;
  #lastWasCr = false;

  feed(chunk: Buffer): void {
    let start = 0;
    for (let lf = chunk.indexOf(10); lf >= 0; lf = chunk.indexOf(10, start)) {
      const length = this.#current + (lf - start);
      const endsWithCr = lf > start ? chunk[lf - 1] === 13 : this.#lastWasCr;
      this.longest = Math.max(this.longest, length - (endsWithCr ? 1 : 0));
      this.#current = 0;
      start = lf + 1;
    }
    this.#current += chunk.length - start;
    if (chunk.length > 0) this.#lastWasCr = chunk[chunk.length - 1] === 13;
  }

  finish(): void {
    this.longest = Math.max(this.longest, this.#current);
  }
}

/**
 * Reads a DATA stream to its end, keeping at most `maxBytes`. `onOversize` runs once, as soon as the limit is
 * passed; when it returns true (it broke the connection, as the service does, R18) the result is settled at once,
 * because a stream whose connection is gone never ends.
 */
export function collectData(stream: Readable, maxBytes: number, onOversize: () => boolean): Promise<CollectedData> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const meter = new LineMeter();
    let size = 0;
    let kept = 0;
    let oversize = false;
    const finish = (): void => {
      meter.finish();
      resolve({ raw: Buffer.concat(chunks, kept), size, oversize, longestLine: meter.longest });
    };
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      meter.feed(chunk);
      if (!oversize && kept + chunk.length <= maxBytes) {
        chunks.push(chunk);
        kept += chunk.length;
        return;
      }
      if (!oversize) {
        oversize = true;
        const room = maxBytes - kept;
        if (room > 0) chunks.push(chunk.subarray(0, room));
        kept += Math.max(0, room);
        if (onOversize()) finish();
      }
    });
    stream.once('end', finish);
    // A stream closed without 'end' (the connection broke) still settles, with what arrived.
    stream.once('close', finish);
    stream.once('error', reject);
  });
}
