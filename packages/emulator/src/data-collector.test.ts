import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { collectData } from './data-collector.js';

function feed(chunks: string[], maxBytes = 1000, stop = false) {
  const stream = new PassThrough();
  let oversized = 0;
  const result = collectData(stream, maxBytes, () => {
    oversized += 1;
    return stop;
  });
  for (const chunk of chunks) stream.write(Buffer.from(chunk, 'latin1'));
  stream.end();
  return result.then((data) => ({ ...data, oversized }));
}

describe('collectData', () => {
  it('keeps the bytes and measures the longest line across chunk boundaries, CRLF excluded', async () => {
    const data = await feed(['abc', 'de\r', '\nxy\r\n', '1234567\r\nlast']);
    expect(data.raw.toString()).toBe('abcde\r\nxy\r\n1234567\r\nlast');
    expect(data.longestLine).toBe(7);
    expect(data.oversize).toBe(false);
  });

  it('counts a final line without CRLF and a bare LF line', async () => {
    expect((await feed(['ab\n', 'abcdefghij'])).longestLine).toBe(10);
  });

  it('stops keeping bytes past maxBytes, reports the size, and calls onOversize once', async () => {
    const data = await feed(['a'.repeat(600), 'b'.repeat(600), 'c'.repeat(600)]);
    expect(data.raw.length).toBe(1000);
    expect(data.size).toBe(1800);
    expect(data.oversize).toBe(true);
    expect(data.oversized).toBe(1);
  });

  it('settles at once when onOversize broke the connection', async () => {
    const stream = new PassThrough();
    const result = collectData(stream, 10, () => true);
    stream.write(Buffer.alloc(20));
    // No end(): a broken connection never ends the stream.
    await expect(result).resolves.toMatchObject({ oversize: true, size: 20 });
  });
});
