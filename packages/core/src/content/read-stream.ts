import type { Readable } from 'node:stream';

/** Why reading a stream stopped early. */
export type StreamFailure = { reason: 'too_large' } | { reason: 'error'; error: unknown } | { reason: 'aborted' };

/** The bytes of a stream, or why there are none. */
export type StreamResult = { ok: true; bytes: Buffer } | ({ ok: false } & StreamFailure);

/** True for a Node.js readable stream (or anything that pipes like one, as nodemailer accepts). */
export function isReadableStream(value: unknown): value is Readable {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { pipe?: unknown }).pipe === 'function' &&
    typeof (value as { on?: unknown }).on === 'function'
  );
}

/**
 * Reads a stream into one Buffer, but stops (and destroys the stream) as soon as it passes `maxBytes`, so that a
 * huge or endless stream cannot exhaust memory; also stops when `signal` aborts.
 */
export function readStream(stream: Readable, maxBytes: number, signal?: AbortSignal): Promise<StreamResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: StreamResult): void => {
      if (settled) return;
      settled = true;
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
      // A stream we stop reading would otherwise keep its file or socket open.
      if (!result.ok) stream.destroy?.();
      resolve(result);
    };
    const onData = (chunk: unknown): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
      size += bytes.length;
      if (size > maxBytes) {
        finish({ ok: false, reason: 'too_large' });
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = (): void => finish({ ok: true, bytes: Buffer.concat(chunks, size) });
    const onError = (error: unknown): void => finish({ ok: false, reason: 'error', error });
    const onAbort = (): void => finish({ ok: false, reason: 'aborted' });
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
    stream.resume?.();
  });
}
