// Properties over the whole input path: nothing a caller passes makes validateMessage throw, buildMime throws
// only a VALIDATION QcloudMailError, and whatever buildMime accepts is 7-bit, lint-clean and parses back.
// (src/mime/mime-property.test.ts covers buildMimeFromMessage on well-formed messages, src/reply/parse-fuzz.test.ts
// parseSesReply; these start from arbitrary caller input instead.)
import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { isQcloudMailError } from '../../src/errors/qcloud-mail-error.js';
import { buildMime } from '../../src/mime/build-mime-input.js';
import { lintMime } from '../../src/mime/lint-mime.js';
import { validateMessage } from '../../src/model/validate-message.js';
import { parseSesReply } from '../../src/reply/parse-ses-reply.js';

// Strings weighted towards what breaks headers: line breaks, NUL, separators, quotes, encoded-word markers.
const nasty = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('\r\n', '\n', '\r', '\0', '\u2028', '=?UTF-8?B?', '"', '<>', '@', 'a@b.co', 'Name <a@b.co>', ''),
);
const text = fc.array(nasty, { maxLength: 5 }).map((parts) => parts.join(''));
const address = fc.oneof(
  text,
  fc.constantFrom('noreply@mail.example.com', '张三 <zs@例子.中国>', '"a, b" <a@b.co>'),
  fc.record({ name: text, address: fc.oneof(text, fc.constant('a@b.co')) }),
);
const attachment = fc.record(
  {
    filename: fc.oneof(text, fc.constantFrom('a.pdf', '报告.pdf', 'run.exe')),
    content: fc.oneof(
      text,
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
    ),
    contentType: fc.oneof(text, fc.constantFrom('application/pdf', 'text/csv; charset=UTF-8')),
    encoding: fc.constantFrom('base64', 'hex', 'utf-8', 'latin1'),
    cid: text,
    contentDisposition: fc.constantFrom('attachment', 'inline'),
  },
  { requiredKeys: ['content'] },
);
// Near-valid messages: each field usually valid and sometimes hostile, so that many get through validation.
const mostly = <T, U>(valid: fc.Arbitrary<T>, wild: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: wild, weight: 1 });
const unicode = fc.string({ unit: 'grapheme', maxLength: 20 }).map((value) => value.trim());
const messageLike = fc.record(
  {
    from: mostly(fc.constantFrom('noreply@mail.example.com', 'Ops <ops@example.com>'), address),
    to: mostly(fc.constantFrom('a@example.org', ['b@example.org', '张三 <zs@例子.中国>']), address),
    replyTo: mostly(fc.constant('"a, b" <a@b.co>'), address),
    subject: mostly(
      unicode.map((value) => value || 'Hello'),
      text,
    ),
    text: mostly(fc.constantFrom('Body\r\n.\r\nmore', 'x\n.\ny', 'a\rb'), text),
    html: mostly(fc.constant('<p>hi</p>'), text),
    attachments: mostly(
      fc.array(
        fc.record({
          filename: fc.constantFrom('a.pdf', '报告 2025.pdf', 'notes.txt'),
          content: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
        }),
        { maxLength: 2 },
      ),
      fc.array(attachment, { maxLength: 2 }),
    ),
    headers: mostly(
      fc.dictionary(fc.constantFrom('X-Tag', 'X-Campaign'), unicode, { maxKeys: 2 }),
      fc.oneof(
        fc.dictionary(fc.oneof(text, fc.constant('X-Tag')), text, { maxKeys: 2 }),
        fc.array(fc.record({ key: text, value: text }), { maxLength: 2 }),
      ),
    ),
    messageId: mostly(fc.constant('<id@example.com>'), text),
    date: mostly(fc.date({ noInvalidDate: true }), text),
  },
  { requiredKeys: ['from', 'to', 'subject'] },
);
const anything = fc.oneof(messageLike, fc.anything({ maxDepth: 3, withBoxedValues: true, withMap: true }));

describe('arbitrary caller input', () => {
  it('validateMessage never throws and always answers ok or issues', () => {
    fc.assert(
      fc.property(anything, (input) => {
        const result = validateMessage(input);
        if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 1500 },
    );
  });

  it('buildMime throws only a VALIDATION QcloudMailError, and exactly when validation refuses', () => {
    fc.assert(
      fc.property(anything, (input) => {
        const valid = validateMessage(input).ok;
        try {
          buildMime(input);
          expect(valid).toBe(true);
        } catch (error) {
          expect(isQcloudMailError(error) && error.code === 'VALIDATION').toBe(true);
          expect(valid).toBe(false);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('what buildMime accepts is 7-bit, lint-clean, and parses back to the same fields', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(messageLike, async (input) => {
        const result = validateMessage(input);
        if (!result.ok) return;
        accepted += 1;
        const built = buildMime(input);
        expect(/^[\t\r\n\x20-\x7e]*$/.test(built.raw.toString('latin1'))).toBe(true);
        expect(lintMime(built.raw).issues).toEqual([]);
        const parsed = await simpleParser(built.raw);
        expect(parsed.subject).toBe(result.message.subject);
        expect(parsed.messageId).toBe(built.messageId);
        expect(parsed.attachments.map((a) => a.content.toString('hex'))).toEqual(
          result.message.attachments.map((a) => a.content.toString('hex')),
        );
      }),
      { numRuns: 800 },
    );
    // The property means something only when a fair share of the messages gets through validation.
    expect(accepted).toBeGreaterThan(20);
  });

  it('parseSesReply never throws on replies with hostile JSON payloads', () => {
    const payload = fc.oneof(fc.json({ maxDepth: 4 }), fc.string({ unit: 'binary', maxLength: 200 }));
    fc.assert(
      fc.property(payload, fc.nat({ max: 300 }), (json, cut) => {
        const reply = `554 5.0.0 Error: transaction failed: ##SES-response-json: ${json}`.slice(0, 40 + cut);
        const parsed = parseSesReply(reply);
        expect(typeof parsed).toBe('object');
      }),
      { numRuns: 1000 },
    );
  });
});
