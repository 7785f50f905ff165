import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isQcloudMailError, type QcloudMailError } from '../errors/qcloud-mail-error.js';
import { readContent, readDataUri } from './read-content.js';
import { readStream } from './read-stream.js';

const slot = { path: ['attachments', 0], maxBytes: 16, tooLarge: 'attachment_too_large', rule: 'R13' } as const;

async function failure(run: () => unknown): Promise<QcloudMailError> {
  let error: unknown;
  try {
    await run();
  } catch (caught) {
    error = caught;
  }
  if (!isQcloudMailError(error)) throw new Error(`expected a QcloudMailError, got ${String(error)}`);
  return error;
}

/** A stream that would produce `total` bytes, counting what it was asked for. */
function endless(total: number) {
  let produced = 0;
  const stream = new Readable({
    read() {
      if (produced >= total) return this.push(null);
      produced += 8;
      this.push(Buffer.alloc(8, 0x61));
    },
  });
  return { stream, produced: () => produced };
}

describe('readContent', () => {
  it('passes strings through and turns bytes into a Buffer, within the cap', async () => {
    expect(await readContent('hello', slot)).toBe('hello');
    expect(await readContent(new Uint8Array([1, 2, 3]), slot)).toEqual(Buffer.from([1, 2, 3]));
    expect((await failure(() => readContent('é'.repeat(9), slot))).issues[0]?.code).toBe('attachment_too_large');
    expect((await failure(() => readContent(Buffer.alloc(17), slot))).issues[0]?.code).toBe('attachment_too_large');
  });

  it('collects a stream within the cap', async () => {
    expect(await readContent(Readable.from([Buffer.from('ab'), 'cd']), slot)).toEqual(Buffer.from('abcd'));
  });

  it('stops reading a huge stream just past the cap and reports it too large, naming field and rule', async () => {
    const source = endless(1024 * 1024);
    const error = await failure(() => readContent(source.stream, slot));
    expect(error.code).toBe('VALIDATION');
    expect(error.issues[0]).toMatchObject({ code: 'attachment_too_large', rule: 'SIZES', path: ['attachments', 0] });
    expect(source.produced()).toBeLessThan(1024);
    expect(source.stream.destroyed).toBe(true);
  });

  it('reports a failing stream with ESTREAM and the rule of the slot', async () => {
    const broken = new Readable({
      read() {
        this.destroy(Object.assign(new Error('disk on fire'), { code: 'EIO' }));
      },
    });
    const error = await failure(() => readContent(broken, slot));
    expect(error.nodemailerCode).toBe('ESTREAM');
    expect(error.issues[0]).toMatchObject({ rule: 'R13', path: ['attachments', 0] });
    expect(error.message).toContain('EIO');
  });

  it('refuses what is no content', async () => {
    const error = await failure(() => readContent(42 as unknown as string, slot));
    expect(error.issues[0]?.code).toBe('invalid_type');
  });

  it('stops when the signal aborts, before or while reading', async () => {
    const controller = new AbortController();
    const stream = new Readable({ read() {} });
    const result = readStream(stream, 100, controller.signal);
    stream.push('partial');
    controller.abort();
    await expect(result).resolves.toEqual({ ok: false, reason: 'aborted' });
    expect(stream.destroyed).toBe(true);
    const error = await failure(() => readContent('x', { ...slot, signal: controller.signal }));
    expect(error.code).toBe('ABORTED');
  });
});

describe('readDataUri', () => {
  it('decodes base64 and percent-encoded data: URIs', () => {
    expect(readDataUri('data:text/plain;base64,aGVsbG8=', slot)).toEqual(Buffer.from('hello'));
    expect(readDataUri('DATA:,hi%20there', slot, 'href')).toEqual(Buffer.from('hi there'));
  });

  it('refuses a malformed URI at its key, and one too large before decoding it', async () => {
    expect((await failure(() => readDataUri('data:no-comma', slot))).issues[0]?.path).toEqual([
      'attachments',
      0,
      'path',
    ]);
    expect((await failure(() => readDataUri('data:,%E0%A4%A', slot))).issues[0]?.code).toBe('invalid_type');
    expect((await failure(() => readDataUri(`data:;base64,${'A'.repeat(40)}`, slot))).issues[0]?.code).toBe(
      'attachment_too_large',
    );
  });

  it('refuses a URI whose only comma is missing, however long its media type', async () => {
    const error = await failure(() => readDataUri(`data:${';'.repeat(200_000)}`, { ...slot, maxBytes: 1_000_000 }));
    expect(error.issues[0]?.code).toBe('invalid_type');
  });
});
