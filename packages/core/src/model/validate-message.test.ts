import { describe, expect, it } from 'vitest';
import { isQcloudMailError, QcloudMailError } from '../errors/qcloud-mail-error.js';
import { LIMITS } from '../limits/limits.js';
import type { MailIssueCode } from './issues.js';
import { assertValidMessage, type ValidateMessageOptions, validateMessage } from './validate-message.js';

const MiB = 1024 * 1024;
const base = {
  from: 'Sender <sender@mail.example.com>',
  to: 'user@example.org',
  subject: 'Hello',
  text: 'Hello there',
};

const codesOf = (input: unknown, options?: ValidateMessageOptions): MailIssueCode[] => {
  const result = validateMessage(input, options);
  return result.ok ? [] : result.issues.map((issue) => issue.code);
};

interface Case {
  code: MailIssueCode;
  bad: Record<string, unknown>;
  good: Record<string, unknown>;
  /** Options for the passing neighbour, when it differs by policy rather than by content. */
  goodOptions?: ValidateMessageOptions;
}

const recipients = (count: number) => Array.from({ length: count }, (_, i) => `user${i}@example.org`);
const files = (count: number) => Array.from({ length: count }, (_, i) => ({ filename: `f${i}.txt`, content: 'x' }));

// Every issue code with a message that triggers it and a close neighbour that passes.
const cases: Case[] = [
  { code: 'from_required', bad: { ...base, from: undefined }, good: base },
  { code: 'from_required', bad: { ...base, from: '' }, good: base },
  { code: 'to_required', bad: { ...base, to: [] }, good: { ...base, to: ['user@example.org'] } },
  { code: 'to_required', bad: { ...base, to: ' ' }, good: base },
  { code: 'subject_required', bad: { ...base, subject: '  ' }, good: { ...base, subject: 'x' } },
  { code: 'body_required', bad: { ...base, text: '' }, good: { ...base, text: '', html: '<p>x</p>' } },
  { code: 'invalid_address', bad: { ...base, to: 'user@' }, good: base },
  {
    code: 'invalid_address',
    bad: { ...base, replyTo: ['ok@example.org', 'no-at'] },
    good: { ...base, replyTo: ['ok@example.org'] },
  },
  {
    code: 'invalid_address',
    bad: { ...base, from: 'a@example.com, b@example.com' },
    good: { ...base, from: 'a@example.com' },
  },
  {
    code: 'cc_unsupported',
    bad: { ...base, cc: 'c@example.org' },
    good: { ...base, cc: 'c@example.org' },
    goodOptions: { recipients: 'split' },
  },
  { code: 'bcc_unsupported', bad: { ...base, bcc: ['b@example.org'] }, good: { ...base, bcc: [] } },
  {
    code: 'too_many_recipients',
    bad: { ...base, to: recipients(LIMITS.maxRecipients + 1) },
    good: { ...base, to: recipients(LIMITS.maxRecipients) },
  },
  {
    code: 'too_many_attachments',
    bad: { ...base, attachments: files(LIMITS.maxAttachments + 1) },
    good: { ...base, attachments: files(LIMITS.maxAttachments) },
  },
  {
    code: 'attachment_too_large',
    bad: { ...base, attachments: [{ filename: 'a.pdf', content: Buffer.alloc(LIMITS.maxAttachmentBytes + 1) }] },
    good: { ...base, attachments: [{ filename: 'a.pdf', content: Buffer.alloc(LIMITS.maxAttachmentBytes) }] },
  },
  {
    code: 'attachments_too_large',
    bad: { ...base, attachments: [3, 3, 3].map((n, i) => ({ filename: `${i}.pdf`, content: Buffer.alloc(n * MiB) })) },
    good: { ...base, attachments: [3, 3].map((n, i) => ({ filename: `${i}.pdf`, content: Buffer.alloc(n * MiB) })) },
  },
  {
    code: 'body_too_large',
    bad: { ...base, text: 'a'.repeat(MiB), html: 'b' },
    good: { ...base, text: 'a'.repeat(MiB) },
  },
  {
    // 7.9 MiB of attachments passes the 8 MiB total but is about 10.8 MiB in base64.
    code: 'message_too_large',
    bad: { ...base, attachments: [4, 3.9].map((n, i) => ({ filename: `${i}.pdf`, content: Buffer.alloc(n * MiB) })) },
    good: {
      ...base,
      attachments: [3.5, 3.5].map((n, i) => ({ filename: `${i}.pdf`, content: Buffer.alloc(n * MiB) })),
    },
  },
  {
    code: 'subject_too_long',
    bad: { ...base, subject: '字'.repeat(999) },
    good: { ...base, subject: '字'.repeat(998) },
  },
  {
    code: 'subject_too_long',
    bad: { ...base, subject: '😀'.repeat(999) },
    good: { ...base, subject: '😀'.repeat(998) },
  },
  {
    code: 'sender_name_invalid',
    bad: { ...base, from: '"Re: Boss" <a@example.com>' },
    good: { ...base, from: '"Re Boss" <a@example.com>' },
  },
  {
    code: 'sender_name_invalid',
    bad: { ...base, from: { name: 'A:B', address: 'a@example.com' } },
    good: { ...base, from: { name: 'A B', address: 'a@example.com' } },
  },
  {
    code: 'attachment_name_invalid',
    bad: { ...base, attachments: [{ filename: 'a/b.pdf', content: 'x' }] },
    good: { ...base, attachments: [{ filename: 'a_b.pdf', content: 'x' }] },
  },
  {
    code: 'attachment_name_invalid',
    bad: { ...base, attachments: [{ filename: `${'n'.repeat(252)}.pdf`, content: 'x' }] },
    good: { ...base, attachments: [{ filename: `${'n'.repeat(251)}.pdf`, content: 'x' }] },
  },
  {
    code: 'attachment_name_invalid',
    bad: { ...base, attachments: [{ content: 'x' }] },
    good: { ...base, attachments: [{ filename: '报告.pdf', content: 'x' }] },
  },
  {
    code: 'attachment_name_invalid',
    bad: { ...base, attachments: [{ filename: 'a\tb.pdf', content: 'x' }] },
    good: { ...base, attachments: [{ filename: 'a b.pdf', content: 'x' }] },
  },
  {
    code: 'attachment_type_blocked',
    bad: { ...base, attachments: [{ filename: 'setup.EXE', content: 'x' }] },
    good: { ...base, attachments: [{ filename: 'setup.zip', content: 'x' }] },
  },
  {
    code: 'attachment_type_blocked',
    bad: { ...base, attachments: [{ filename: 'song.wav', content: 'x' }] },
    good: { ...base, attachments: [{ filename: 'song.mp3', content: 'x' }] },
  },
  {
    code: 'attachment_type_blocked',
    bad: { ...base, attachments: [{ filename: 'clip.mp4', content: 'x' }] },
    good: { ...base, attachments: [{ filename: 'voice.m4a', content: 'x' }] },
  },
  {
    code: 'attachment_type_blocked',
    bad: { ...base, attachments: [{ filename: 'invoice.pdf.exe. ', content: 'x' }] },
    good: { ...base, attachments: [{ filename: 'invoice.exe.pdf', content: 'x' }] },
  },
  {
    code: 'header_injection',
    bad: { ...base, subject: 'Hi\r\nBcc: x@evil.com' },
    good: { ...base, subject: 'Hi Bcc: x@evil.com' },
  },
  { code: 'header_injection', bad: { ...base, to: 'user@example.org\nBcc: x@evil.com' }, good: base },
  {
    code: 'header_injection',
    bad: { ...base, from: { name: 'A\rB', address: 'a@example.com' } },
    good: { ...base, from: { name: 'A B', address: 'a@example.com' } },
  },
  {
    code: 'header_injection',
    bad: { ...base, headers: { 'X-A': 'a\0b' } },
    good: { ...base, headers: { 'X-A': 'a b' } },
  },
  { code: 'header_injection', bad: { ...base, messageId: '<a@b.c>\r\nX: y' }, good: { ...base, messageId: '<a@b.c>' } },
  {
    code: 'header_injection',
    bad: { ...base, attachments: [{ filename: 'a\n.pdf', content: 'x' }] },
    good: { ...base, attachments: [{ filename: 'a.pdf', content: 'x' }] },
  },
  {
    code: 'header_injection',
    bad: { ...base, attachments: [{ filename: 'a.pdf', content: 'x', contentType: 'text/plain\r\nX: y' }] },
    good: { ...base, attachments: [{ filename: 'a.pdf', content: 'x', contentType: 'text/plain' }] },
  },
  {
    code: 'header_unsupported',
    bad: { ...base, headers: { 'content-TYPE': 'text/plain' } },
    good: { ...base, headers: { 'X-Content-Type': 'text/plain' } },
  },
  {
    code: 'header_unsupported',
    bad: { ...base, headers: [{ key: 'Bcc', value: 'x@evil.com' }] },
    good: { ...base, headers: [{ key: 'X-Bcc', value: 'x' }] },
  },
  {
    code: 'header_unsupported',
    bad: { ...base, headers: { 'X Bad': 'v' } },
    good: { ...base, headers: { 'X-Good': 'v' } },
  },
  {
    code: 'content_id_unsupported',
    bad: { ...base, attachments: [{ filename: 'a.png', content: 'x', cid: 'logo' }] },
    good: { ...base, attachments: [{ filename: 'a.png', content: 'x' }] },
  },
  {
    code: 'content_id_unsupported',
    bad: { ...base, attachments: [{ filename: 'a.png', content: 'x', contentDisposition: 'inline' }] },
    good: { ...base, attachments: [{ filename: 'a.png', content: 'x', contentDisposition: 'attachment' }] },
  },
  { code: 'invalid_type', bad: { ...base, subject: 42 }, good: { ...base, subject: '42' } },
  { code: 'invalid_type', bad: { ...base, date: 'not a date' }, good: { ...base, date: '2025-01-07T08:09:10Z' } },
  { code: 'invalid_type', bad: { ...base, messageId: 'no-at-sign' }, good: { ...base, messageId: 'id@example.com' } },
  {
    code: 'invalid_type',
    bad: { ...base, attachments: [{ filename: 'a.pdf', path: '/etc/passwd' }] },
    good: { ...base, attachments: [{ filename: 'a.pdf', content: 'x' }] },
  },
  {
    code: 'display_name_too_long',
    bad: { ...base, to: { name: 'N'.repeat(LIMITS.maxDisplayNameLength + 1), address: 'user@example.org' } },
    good: { ...base, to: { name: 'N'.repeat(LIMITS.maxDisplayNameLength), address: 'user@example.org' } },
  },
  {
    code: 'line_too_long',
    bad: { ...base, messageId: `${'a'.repeat(LIMITS.maxMessageIdLength)}@example.com` },
    good: { ...base, messageId: `${'a'.repeat(LIMITS.maxMessageIdLength - 14)}@example.com` },
  },
  {
    code: 'line_too_long',
    bad: { ...base, headers: { [`X-${'a'.repeat(LIMITS.maxHeaderNameLength - 1)}`]: 'v' } },
    good: { ...base, headers: { [`X-${'a'.repeat(LIMITS.maxHeaderNameLength - 2)}`]: 'v' } },
  },
  {
    code: 'line_too_long',
    bad: { ...base, headers: { 'X-A': 'a'.repeat(LIMITS.maxLineOctets) } },
    good: { ...base, headers: { 'X-A': 'a '.repeat(LIMITS.maxLineOctets) } },
  },
  {
    code: 'invalid_address',
    bad: { ...base, to: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com` },
    good: { ...base, to: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(55)}.com` },
  },
  { code: 'invalid_address', bad: { ...base, to: 'a@xn--zz.com' }, good: { ...base, to: 'a@xn--mnchen-3ya.de' } },
  {
    code: 'invalid_address',
    bad: { ...base, to: '=?UTF-8?B?YUBldmlsLmNvbQ==?=@example.com' },
    good: { ...base, to: 'UTF-8?B?YUBldmlsLmNvbQ==@example.com' },
  },
  {
    code: 'invalid_type',
    bad: { ...base, messageId: '<id@example.com> (shop)' },
    good: { ...base, messageId: '<id@example.com>' },
  },
  {
    code: 'invalid_type',
    bad: { ...base, date: new Date(Date.UTC(-1, 0, 1)) },
    good: { ...base, date: new Date(Date.UTC(999, 0, 1)) },
  },
  {
    code: 'attachment_base64_invalid',
    bad: { ...base, attachments: [{ filename: 'a.pdf', content: 'aGVsbG8=!', encoding: 'base64' }] },
    good: { ...base, attachments: [{ filename: 'a.pdf', content: 'aGVs\r\nbG8=', encoding: 'base64' }] },
  },
];

describe('validateMessage: each issue code and a valid neighbour', () => {
  it.each(cases.map((c, i) => [`${c.code} #${i}`, c] as const))('%s', (_name, c) => {
    expect(codesOf(c.bad)).toContain(c.code);
    expect(validateMessage(c.good, c.goodOptions)).toMatchObject({ ok: true });
  });

  it('covers every issue code that validation owns', () => {
    const owned: MailIssueCode[] = [
      'from_required',
      'to_required',
      'subject_required',
      'body_required',
      'invalid_address',
      'cc_unsupported',
      'bcc_unsupported',
      'too_many_recipients',
      'too_many_attachments',
      'attachment_too_large',
      'attachments_too_large',
      'body_too_large',
      'message_too_large',
      'subject_too_long',
      'sender_name_invalid',
      'attachment_name_invalid',
      'attachment_type_blocked',
      'header_injection',
      'header_unsupported',
      'content_id_unsupported',
      'invalid_type',
      'attachment_base64_invalid',
      'display_name_too_long',
      'line_too_long',
    ];
    expect(new Set(cases.map((c) => c.code))).toEqual(new Set(owned));
  });
});

describe('validateMessage: policies, limits and reporting', () => {
  it('allows more than 50 recipients with the chunk and split policies', () => {
    const message = { ...base, to: recipients(120) };
    expect(validateMessage(message, { recipients: 'chunk' }).ok).toBe(true);
    expect(validateMessage(message, { recipients: 'split' }).ok).toBe(true);
  });

  it('normalizes cc and bcc under the split policy and drops nothing', () => {
    const result = validateMessage(
      { ...base, cc: 'C <c@Example.org>, d@example.org', bcc: [{ name: 'B', address: 'b@example.org' }] },
      { recipients: 'split' },
    );
    expect(result).toMatchObject({
      ok: true,
      message: {
        cc: [
          { name: 'C', address: 'c@example.org' },
          { name: '', address: 'd@example.org' },
        ],
        bcc: [{ name: 'B', address: 'b@example.org' }],
      },
    });
  });

  it('refuses Cc and Bcc with the chunk policy too (R9)', () => {
    expect(codesOf({ ...base, cc: 'c@example.org', bcc: 'b@example.org' }, { recipients: 'chunk' })).toEqual([
      'cc_unsupported',
      'bcc_unsupported',
    ]);
  });

  it('applies a raised attachment limit and refuses one beyond the ceiling', () => {
    const message = {
      ...base,
      attachments: [{ filename: 'a.pdf', content: Buffer.alloc(LIMITS.maxAttachmentBytes + 1) }],
    };
    expect(validateMessage(message, { limits: { maxAttachmentBytes: LIMITS.maxAttachmentBytesCeiling } }).ok).toBe(
      true,
    );
    expect(() =>
      validateMessage(message, { limits: { maxAttachmentBytes: LIMITS.maxAttachmentBytesCeiling + 1 } }),
    ).toThrow(QcloudMailError);
  });

  it('reports every problem at once, each with path, rule and advice', () => {
    const result = validateMessage({
      from: 'Boss: <a@example.com>',
      to: ['ok@example.org', 'bad@'],
      subject: '',
      html: '',
      attachments: [
        { filename: 'x.exe', content: 1 },
        { filename: 'y.js', content: 'x' },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['invalid_type', ['attachments', 0, 'content']],
      ['invalid_address', ['from']],
      ['invalid_address', ['to', 1]],
      ['subject_required', ['subject']],
      ['body_required', ['text']],
      ['attachment_type_blocked', ['attachments', 1, 'filename']],
    ]);
    for (const issue of result.issues) {
      expect(issue.rule).toMatch(/^(R\d+|HEADERS|SIZES|RFC5322)$/);
      expect(issue.message.length).toBeGreaterThan(10);
    }
  });

  it('keeps the first 20 issues in the order found and counts the others', () => {
    const to = Array.from({ length: 25 }, (_, i) => `bad${i}`);
    const result = validateMessage({ ...base, to, subject: '' }, { recipients: 'split' });
    expect(result).toMatchObject({ ok: false, omittedIssues: 6 });
    if (result.ok) return;
    expect(result.issues).toHaveLength(20);
    expect(result.issues.map((issue) => issue.path)).toEqual(to.slice(0, 20).map((_, i) => ['to', i]));
  });

  it('cuts quoted input short in messages, never inside a surrogate pair', () => {
    const result = validateMessage({ ...base, to: `a${'😀'.repeat(100)}@example.org` });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [issue] = result.issues;
    expect(issue?.message).toContain('(213 characters)');
    expect(issue?.message.length).toBeLessThan(300);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(issue?.message ?? '')).toBe(false);
  });

  it('does not report a mistyped field a second time as missing', () => {
    expect(codesOf({ ...base, from: 42, subject: ['x'], text: 1 })).toEqual([
      'invalid_type',
      'invalid_type',
      'invalid_type',
    ]);
  });

  it('returns the normalized message', () => {
    const date = new Date('2025-01-07T08:09:10Z');
    const result = validateMessage({
      from: { name: '张三', address: 'zs@例子.中国' },
      to: '"Doe, John" <John@Example.ORG>',
      replyTo: 'r@example.com',
      subject: '主题',
      html: '<b>hi</b>',
      attachments: [
        { filename: 'a.txt', content: '你好' },
        { filename: 'b.bin.pdf', content: 'aGk=', encoding: 'base64', contentType: ' application/pdf ' },
        { filename: 'c.pdf', content: new Uint8Array([1, 2, 3]) },
        { filename: 'd.pdf', content: 'ff00', encoding: 'hex' },
      ],
      headers: [{ key: 'X-Tag', value: 'one' }],
      messageId: 'id-1@example.com',
      date: date.toISOString(),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { message } = result;
    expect(message.from).toEqual({ name: '张三', address: 'zs@xn--fsqu00a.xn--fiqs8s' });
    expect(message.to).toEqual([{ name: 'Doe, John', address: 'John@example.org' }]);
    expect(message.replyTo).toEqual([{ name: '', address: 'r@example.com' }]);
    expect(message.cc).toEqual([]);
    expect(message.text).toBeUndefined();
    expect(message.html).toBe('<b>hi</b>');
    expect(message.attachments.map((a) => [a.filename, a.content.toString('hex'), a.contentType])).toEqual([
      ['a.txt', Buffer.from('你好').toString('hex'), undefined],
      ['b.bin.pdf', Buffer.from('hi').toString('hex'), 'application/pdf'],
      ['c.pdf', '010203', undefined],
      ['d.pdf', 'ff00', undefined],
    ]);
    expect(Buffer.isBuffer(message.attachments[2]?.content)).toBe(true);
    expect(message.headers).toEqual([{ key: 'X-Tag', value: 'one' }]);
    expect(message.messageId).toBe('<id-1@example.com>');
    expect(message.date?.getTime()).toBe(date.getTime());
  });

  it('refuses a non-object message without piling up missing-field issues', () => {
    for (const input of [null, undefined, 42, 'a@b.c', [base], 10n, Symbol('x'), () => base]) {
      expect(codesOf(input)).toEqual(['invalid_type']);
    }
  });

  it('turns throwing getters, revoked proxies and cycles into issues', () => {
    const getter = { ...base };
    Object.defineProperty(getter, 'subject', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    expect(validateMessage(getter)).toMatchObject({ ok: false, issues: [{ code: 'invalid_type', path: ['subject'] }] });
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    expect(codesOf(revocable.proxy)).toEqual(['invalid_type']);
    const cyclic: Record<string, unknown> = { ...base };
    cyclic.attachments = [cyclic];
    cyclic.headers = cyclic;
    expect(codesOf(cyclic)).toContain('invalid_type');
  });
});

describe('assertValidMessage', () => {
  it('returns the normalized message when valid', () => {
    expect(assertValidMessage(base).to).toEqual([{ name: '', address: 'user@example.org' }]);
  });

  it('throws a VALIDATION error listing every issue with its rule', () => {
    let caught: unknown;
    try {
      assertValidMessage({ ...base, subject: '', text: '' });
    } catch (error) {
      caught = error;
    }
    expect(isQcloudMailError(caught)).toBe(true);
    const error = caught as QcloudMailError;
    expect(error).toMatchObject({ code: 'VALIDATION', category: 'validation', nodemailerCode: 'EMESSAGE' });
    expect(error.issues.map((issue) => issue.code)).toEqual(['subject_required', 'body_required']);
    expect(error.message).toContain('[HEADERS] subject_required');
    expect(error.message).toContain('[R10] body_required');
  });

  it("uses nodemailer's EENVELOPE when only addresses are wrong", () => {
    expect(() => assertValidMessage({ ...base, to: 'nobody' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION', nodemailerCode: 'EENVELOPE' }),
    );
  });
});
