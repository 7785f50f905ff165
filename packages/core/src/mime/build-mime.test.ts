import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { isQcloudMailError } from '../errors/qcloud-mail-error.js';
import type { MailMessage } from '../model/message.js';
import { buildMimeFromMessage, createMimeStream } from './build-mime.js';
import { decodeEncodedWords } from './lint/decode-words.js';
import { lintMime } from './lint-mime.js';

function message(overrides: Partial<MailMessage> = {}): MailMessage {
  return {
    from: { name: '腾讯云 邮件', address: 'noreply@mail.example.com' },
    to: [{ name: 'Bob "the builder"', address: 'bob@example.com' }],
    cc: [],
    bcc: [],
    replyTo: [],
    subject: '订单确认 Order confirmation',
    text: 'Hello\nsecond line',
    attachments: [],
    headers: [],
    ...overrides,
  };
}

const fixed = {
  messageId: '<fixed@mail.example.com>',
  date: new Date(Date.UTC(2025, 0, 7, 8, 9, 10)),
  boundarySeed: 'seed',
};

function headerBlock(raw: Buffer): string {
  const text = raw.toString('utf8');
  return text.slice(0, text.indexOf('\r\n\r\n'));
}

function expectWellFormed(raw: Buffer): void {
  const text = raw.toString('latin1');
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  for (const line of text.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
  expect(lintMime(raw).issues).toEqual([]);
}

describe('buildMimeFromMessage', () => {
  it('writes a text-only message as exactly text/plain; charset=UTF-8 and round-trips it', async () => {
    const built = buildMimeFromMessage(message(), fixed);
    expect(headerBlock(built.raw)).toContain('\r\nContent-Type: text/plain; charset=UTF-8\r\n');
    expect(headerBlock(built.raw)).toContain('\r\nMIME-Version: 1.0\r\n');
    expect(headerBlock(built.raw)).toContain('\r\nDate: Tue, 07 Jan 2025 08:09:10 +0000\r\n');
    expect(built.messageId).toBe('<fixed@mail.example.com>');
    expect(built.envelope).toEqual({ from: 'noreply@mail.example.com', to: ['bob@example.com'] });
    expect(built.size).toBe(built.raw.length);
    const parsed = await simpleParser(built.raw);
    expect(parsed.subject).toBe('订单确认 Order confirmation');
    expect(parsed.from?.value).toEqual([{ name: '腾讯云 邮件', address: 'noreply@mail.example.com' }]);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : []).toEqual([
      { name: 'Bob "the builder"', address: 'bob@example.com' },
    ]);
    expect(parsed.text).toBe('Hello\nsecond line');
    expect(parsed.messageId).toBe('<fixed@mail.example.com>');
    expectWellFormed(built.raw);
  });

  it('writes an html-only message as exactly text/html; charset=UTF-8 with base64 for Chinese', async () => {
    const html = `<p>${'你好，世界。'.repeat(200)}</p>`;
    const built = buildMimeFromMessage(message({ text: undefined, html }), fixed);
    const head = headerBlock(built.raw);
    expect(head).toContain('\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64');
    expect((await simpleParser(built.raw)).html).toBe(html);
    expectWellFormed(built.raw);
  });

  it('nests alternative inside mixed with attachments and round-trips names and bytes', async () => {
    const pdf = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) % 256));
    const built = buildMimeFromMessage(
      message({
        html: '<b>hi</b>',
        replyTo: [{ name: '', address: 'reply@example.com' }],
        headers: [{ key: 'X-Campaign', value: 'spring-2025' }],
        attachments: [
          { filename: '季度报告 2025.pdf', content: pdf },
          { filename: 'data.csv', content: Buffer.from('a,b\n1,2\n') },
          { filename: 'blob.bin', content: Buffer.alloc(0), contentType: 'application/octet-stream' },
        ],
      }),
      fixed,
    );
    const head = headerBlock(built.raw);
    expect(head).toMatch(/\r\nContent-Type: multipart\/mixed; boundary="=_qcm_[0-9a-f]{22}"$/);
    expect(head).toContain('\r\nReply-To: reply@example.com\r\n');
    expect(head).toContain('\r\nX-Campaign: spring-2025\r\n');
    const text = built.raw.toString('utf8');
    expect(text).toContain('Content-Type: multipart/alternative; boundary="=_qcm_');
    expect(text).toContain('Content-Type: application/pdf;\r\n name="=?UTF-8?B?');
    expect(text).toContain("filename*=UTF-8''%E5%AD%A3%E5%BA%A6%E6%8A%A5%E5%91%8A%202025.pdf");
    expect(text).toContain('Content-Type: text/csv; name="data.csv"\r\nContent-Transfer-Encoding: base64');
    expect(text).not.toMatch(/Content-(ID|Location|Base)/i);
    const parsed = await simpleParser(built.raw);
    expect(parsed.text).toBe('Hello\nsecond line');
    expect(parsed.html).toBe('<b>hi</b>');
    expect(parsed.replyTo?.value).toEqual([{ name: '', address: 'reply@example.com' }]);
    expect(parsed.headers.get('x-campaign')).toBe('spring-2025');
    expect(
      parsed.attachments.map((a) => [a.filename, a.contentType, a.contentDisposition, a.content.toString('hex')]),
    ).toEqual([
      ['季度报告 2025.pdf', 'application/pdf', 'attachment', pdf.toString('hex')],
      ['data.csv', 'text/csv', 'attachment', Buffer.from('a,b\n1,2\n').toString('hex')],
      ['blob.bin', 'application/octet-stream', 'attachment', ''],
    ]);
    expectWellFormed(built.raw);
  });

  it('encodes a 2,101-character ASCII subject without spaces so it folds under 76 columns', async () => {
    const subject = 'x'.repeat(2101);
    const built = buildMimeFromMessage(message({ subject }), fixed);
    expect(headerBlock(built.raw)).toContain('Subject: =?UTF-8?Q?');
    expect((await simpleParser(built.raw)).subject).toBe(subject);
    for (const line of built.raw.toString('latin1').split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    // Building does not judge; the subject is over R23's 998 characters, which lint reports.
    expect(lintMime(built.raw).issues.map((issue) => issue.code)).toEqual(['subject_too_long']);
  });

  it('keeps a plain ASCII subject readable and folds it at its spaces', async () => {
    const subject = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const built = buildMimeFromMessage(message({ subject }), fixed);
    expect(headerBlock(built.raw)).toMatch(/^Subject: word0 word1 .*\r\n word\d+/m);
    expect((await simpleParser(built.raw)).subject).toBe(subject);
    expectWellFormed(built.raw);
  });

  it('normalizes bare CR and LF and keeps long lines under 76 columns with quoted-printable', async () => {
    const text = `${'a'.repeat(3000)}\rtwo\nthree\r\nfour  \n= end`;
    const built = buildMimeFromMessage(message({ text }), fixed);
    expect(built.raw.toString()).toContain('Content-Transfer-Encoding: quoted-printable');
    expect((await simpleParser(built.raw)).text).toBe(`${'a'.repeat(3000)}\ntwo\nthree\nfour  \n= end`);
    expectWellFormed(built.raw);
  });

  it('is deterministic with a seed, messageId and date, and random otherwise', () => {
    const input = message({ html: '<p>x</p>', attachments: [{ filename: 'a.txt', content: Buffer.from('a') }] });
    expect(buildMimeFromMessage(input, fixed).raw.equals(buildMimeFromMessage(input, fixed).raw)).toBe(true);
    const first = buildMimeFromMessage(input);
    const second = buildMimeFromMessage(input);
    expect(first.raw.equals(second.raw)).toBe(false);
    expect(first.messageId).toMatch(/^<[0-9a-f]{32}@mail\.example\.com>$/);
  });

  it('streams the same bytes as the buffer form, in several chunks for a large attachment', async () => {
    const big = Buffer.alloc(300_000, 7);
    const input = message({ attachments: [{ filename: 'big.zip', content: big }] });
    const stream = createMimeStream(input, fixed);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(chunks.length).toBeGreaterThan(4);
    const streamed = Buffer.concat(chunks);
    expect(streamed.equals(buildMimeFromMessage(input, fixed).raw)).toBe(true);
    expect(stream.size).toBe(streamed.length);
    expect(stream.messageId).toBe('<fixed@mail.example.com>');
  });

  it('refuses a message without any body (R10)', () => {
    try {
      buildMimeFromMessage(message({ text: '', html: undefined }));
      expect.unreachable();
    } catch (error) {
      expect(isQcloudMailError(error) && error.issues[0]?.code).toBe('body_required');
    }
  });

  it('refuses custom headers that it writes itself or that carry line breaks', () => {
    expect(() => buildMimeFromMessage(message({ headers: [{ key: 'Content-Type', value: 'text/x' }] }))).toThrow(
      /written by the MIME builder/,
    );
    expect(() => buildMimeFromMessage(message({ headers: [{ key: 'X-A', value: 'v\r\nBcc: x@y.z' }] }))).toThrow(
      /line break/,
    );
  });

  it('encodes a non-ASCII custom header value as encoded words', async () => {
    const built = buildMimeFromMessage(message({ headers: [{ key: 'X-Note', value: '备注 note' }] }), fixed);
    expect(headerBlock(built.raw)).toContain('X-Note: =?UTF-8?');
    expect(decodeEncodedWords(String((await simpleParser(built.raw)).headers.get('x-note')))).toBe('备注 note');
  });
});
