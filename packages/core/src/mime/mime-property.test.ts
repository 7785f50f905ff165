import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { MailAddress, MailMessage } from '../model/message.js';
import { buildMimeFromMessage } from './build-mime.js';
import { lintMime } from './lint-mime.js';

// Unicode text weighted towards what breaks encoders: CJK, emoji (astral), accents, spaces and quotes.
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('中文', '你好，世界', '😀', '👨‍👩‍👧', '𠜎', 'é', ' ', '  ', '"', '\\', '=?', '?=', '_', 'ü'),
  fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '9', '-', '.'), minLength: 1, maxLength: 40 }),
);
const text = (maxLength: number) => fc.array(piece, { maxLength }).map((pieces) => pieces.join(''));
// Header text: no control characters (validation refuses them) and no edge white space (parsers trim it).
const headerText = (maxLength: number) =>
  text(maxLength).map((value) => value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '').trim());
const localPart = fc
  .string({ unit: fc.constantFrom('a', 'b', 'c', '1', '.', '_', '+'), minLength: 1, maxLength: 12 })
  .map((local) => `x${local.replace(/\.+/g, '.')}x`);
const mailbox: fc.Arbitrary<MailAddress> = fc.record({
  name: headerText(6),
  address: localPart.map((local) => `${local}@example.com`),
});
const bodyText = fc.oneof(
  text(30),
  fc
    .tuple(text(5), fc.nat({ max: 3000 }), fc.constantFrom('\r', '\n', '\r\n', '\n\r', ''))
    .map(([start, long, ending]) => `${start}${'y'.repeat(long)}${ending}${start}`),
);
const filename = headerText(6).map((name) => `${name.replace(/[?\\*|"<>:/]/g, '') || 'file'}.pdf`);
const attachment = fc.record({
  filename,
  content: fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes)),
});

const messages: fc.Arbitrary<MailMessage> = fc
  .record({
    from: mailbox,
    to: fc.array(mailbox, { minLength: 1, maxLength: 3 }),
    subject: headerText(12).map((subject) => subject || 'subject'),
    text: fc.option(bodyText, { nil: undefined }),
    html: fc.option(bodyText, { nil: undefined }),
    attachments: fc.array(attachment, { maxLength: 3 }),
  })
  .map((parts) => ({
    ...parts,
    text: parts.text || (parts.html ? undefined : 'fallback'),
    html: parts.html || undefined,
    cc: [],
    bcc: [],
    replyTo: [],
    headers: [],
  }));

const lf = (value: string | undefined) => (value ?? '').replace(/\r\n|\r|\n/g, '\n');
const names = (list: ReadonlyArray<{ name?: string; address?: string }>) =>
  list.map((entry) => ({ name: entry.name ?? '', address: entry.address ?? '' }));

describe('MIME builder properties', () => {
  it('round-trips random messages through mailparser and passes its own linter', async () => {
    await fc.assert(
      fc.asyncProperty(messages, async (message) => {
        const built = buildMimeFromMessage(message);
        expect(lintMime(built.raw).issues).toEqual([]);
        const parsed = await simpleParser(built.raw);
        expect(parsed.subject).toBe(message.subject);
        expect(names(parsed.from?.value ?? [])).toEqual([message.from]);
        const to = parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : [];
        expect(names(to)).toEqual(message.to);
        if (message.text) expect(lf(parsed.text)).toBe(lf(message.text));
        if (message.html) expect(lf(parsed.html || undefined)).toBe(lf(message.html));
        expect(parsed.attachments.map((a) => [a.filename, a.content.toString('hex')])).toEqual(
          message.attachments.map((a) => [a.filename, a.content.toString('hex')]),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('lintMime never throws on arbitrary bytes or strings', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        expect(typeof lintMime(Buffer.from(bytes)).ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
    const mimeish = fc
      .array(
        fc.oneof(
          fc.string(),
          fc.constantFrom(
            '\r\n',
            '\n',
            '\r',
            ': ',
            '--',
            '=?UTF-8?B?',
            '?=',
            'Content-Type: multipart/mixed; boundary=b\r\n',
            '--b\r\n',
            '--b--',
            'filename*0*=',
            "UTF-8''%E4",
          ),
        ),
        { maxLength: 40 },
      )
      .map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(mimeish, (raw) => {
        expect(Array.isArray(lintMime(raw).issues)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
