import { describe, expect, it } from 'vitest';
import { buildMimeFromMessage } from '../mime/build-mime.js';
import type { MailMessage } from './message.js';
import { base64EncodedLength, encodedSizeUpperBound, estimateEncodedSize } from './size-estimate.js';

const message = (over: Partial<MailMessage>): MailMessage => ({
  from: { name: '发件人', address: 'sender@mail.example.com' },
  to: [{ name: '', address: 'user@example.org' }],
  cc: [],
  bcc: [],
  replyTo: [],
  subject: '月度账单',
  attachments: [],
  headers: [{ key: 'X-Tag', value: 'one' }],
  ...over,
});

describe('estimateEncodedSize', () => {
  it('counts base64 with 76-column CRLF lines', () => {
    expect(base64EncodedLength(0)).toBe(0);
    expect(base64EncodedLength(57)).toBe(78);
    expect(base64EncodedLength(58)).toBe(84);
  });

  it.each([
    ['text only', message({ text: 'hello\n'.repeat(200) })],
    ['Chinese html and text', message({ text: '你好'.repeat(500), html: `<p>${'你好，世界'.repeat(400)}</p>` })],
    [
      'with attachments',
      message({
        html: '<b>x</b>',
        attachments: [
          { filename: '报告.pdf', content: Buffer.alloc(100_000, 7) },
          { filename: 'data.csv', content: Buffer.alloc(3000, 65) },
        ],
      }),
    ],
  ])('stays at or above the built size, and close to it: %s', (_name, msg) => {
    const built = buildMimeFromMessage(msg).size;
    const estimate = estimateEncodedSize(msg);
    expect(estimate).toBeGreaterThanOrEqual(built);
    expect(estimate).toBeLessThan(built * 1.1 + 1500);
    expect(encodedSizeUpperBound(msg)).toBeGreaterThanOrEqual(estimate);
  });
});
