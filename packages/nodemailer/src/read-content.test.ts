import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { isQcloudMailError, type QcloudMailError } from '@qcloudmail/core';
import { describe, expect, it } from 'vitest';
import { collectStream } from './collect-stream.js';
import { type ContentPolicy, readContent } from './read-content.js';

const slot = { path: ['attachments', 0], maxBytes: 16, tooLarge: 'attachment_too_large', rule: 'R12' } as const;
const closed: ContentPolicy = { allowFileAccess: false, disableFileAccess: false, signal: undefined };
const open: ContentPolicy = { ...closed, allowFileAccess: true };

async function failure(promise: Promise<unknown>): Promise<QcloudMailError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
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
  it('passes strings through and turns bytes into a Buffer', async () => {
    expect(await readContent('hello', slot, closed)).toBe('hello');
    expect(await readContent(new Uint8Array([1, 2, 3]), slot, closed)).toEqual(Buffer.from([1, 2, 3]));
    expect(await readContent(undefined, slot, closed)).toBeUndefined();
  });

  it('decodes { content, encoding } and refuses an unknown encoding', async () => {
    expect(await readContent({ content: 'aGVsbG8=', encoding: 'base64' }, slot, closed)).toEqual(Buffer.from('hello'));
    expect(await readContent({ content: '6869', encoding: 'hex' }, slot, closed)).toEqual(Buffer.from('hi'));
    const error = await failure(readContent({ content: 'x', encoding: 'rot13' }, slot, closed));
    expect(error.code).toBe('VALIDATION');
    expect(error.issues[0]).toMatchObject({ path: ['attachments', 0, 'encoding'], code: 'invalid_type' });
  });

  it('collects a stream within the cap', async () => {
    expect(await readContent(Readable.from([Buffer.from('ab'), 'cd']), slot, closed)).toEqual(Buffer.from('abcd'));
  });

  it('stops reading a huge stream just past the cap and reports it too large', async () => {
    const source = endless(1024 * 1024);
    const error = await failure(readContent(source.stream, slot, closed));
    expect(error.issues[0]).toMatchObject({ code: 'attachment_too_large', rule: 'SIZES', path: ['attachments', 0] });
    // The stream was destroyed: nowhere near the megabyte it could have produced was read.
    expect(source.produced()).toBeLessThan(1024);
    expect(source.stream.destroyed).toBe(true);
  });

  it('reports a failing stream with ESTREAM', async () => {
    const broken = new Readable({
      read() {
        this.destroy(Object.assign(new Error('disk on fire'), { code: 'EIO' }));
      },
    });
    const error = await failure(readContent(broken, slot, closed));
    expect(error.nodemailerCode).toBe('ESTREAM');
    expect(error.message).toContain('EIO');
  });

  it('decodes data: URIs without touching files or the network', async () => {
    expect(await readContent({ path: 'data:text/plain;base64,aGVsbG8=' }, slot, closed)).toEqual(Buffer.from('hello'));
    expect(await readContent({ href: 'data:,hi%20there' }, slot, closed)).toEqual(Buffer.from('hi there'));
    const error = await failure(readContent({ path: `data:;base64,${'A'.repeat(40)}` }, slot, closed));
    expect(error.issues[0]?.code).toBe('attachment_too_large');
  });

  it('never fetches an href or a URL given as path', async () => {
    for (const source of [{ href: 'https://example.com/a.pdf' }, { path: 'http://169.254.169.254/latest' }]) {
      const error = await failure(readContent(source, slot, open));
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toContain('never fetches URLs');
    }
  });

  it('reads a file only with allowFileAccess, and never when disableFileAccess is set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qcloudmail-nm-'));
    const file = join(dir, 'note.txt');
    writeFileSync(file, 'from disk');
    expect(await readContent({ path: file }, slot, open)).toEqual(Buffer.from('from disk'));
    const off = await failure(readContent({ path: file }, slot, closed));
    expect(off.code).toBe('CONFIGURATION');
    expect(off.issues[0]?.path).toEqual(['attachments', 0, 'path']);
    expect(off.message).toContain('allowFileAccess');
    const disabled = await failure(readContent({ path: file }, slot, { ...open, disableFileAccess: true }));
    expect(disabled.message).toContain('disableFileAccess');
    const missing = await failure(readContent({ path: join(dir, 'absent.txt') }, slot, open));
    expect(missing.message).toContain('ENOENT');
  });

  it('refuses values that are no content', async () => {
    const error = await failure(readContent(42, slot, closed));
    expect(error.issues[0]?.code).toBe('invalid_type');
    await expect(failure(readContent({ nothing: true }, slot, closed))).resolves.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('collectStream', () => {
  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    const stream = new Readable({ read() {} });
    const result = collectStream(stream, 100, controller.signal);
    stream.push('partial');
    controller.abort();
    await expect(result).resolves.toEqual({ ok: false, reason: 'aborted' });
    expect(stream.destroyed).toBe(true);
  });
});
