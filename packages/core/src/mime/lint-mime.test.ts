import { describe, expect, it } from 'vitest';
import type { MailIssueCode } from '../model/issues.js';
import { lintMime } from './lint-mime.js';

const crlf = (lines: string[]) => lines.join('\r\n');
const HEAD = ['From: "Sender" <s@example.com>', 'To: r@example.com', 'Subject: Hello', 'MIME-Version: 1.0'];

interface Attachment {
  headers?: string[];
  body?: string;
}

/** A small multipart/mixed .eml: the top headers, a text part and the given attachments. */
function eml(head: string[] = HEAD, attachments: Attachment[] = [{}], text = 'Hello'): string {
  const parts = attachments.map((attachment) =>
    crlf([
      '--b',
      ...(attachment.headers ?? [
        'Content-Type: application/pdf; name="a.pdf"',
        'Content-Transfer-Encoding: base64',
        'Content-Disposition: attachment; filename="a.pdf"',
      ]),
      '',
      attachment.body ?? 'aGVsbG8=',
    ]),
  );
  return crlf([
    ...head,
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    text,
    ...parts,
    '--b--',
    '',
  ]);
}

const single = (type: string, head = HEAD, body = 'Hello') => crlf([...head, `Content-Type: ${type}`, '', body, '']);
const codes = (raw: string | Buffer) => [...new Set(lintMime(raw).issues.map((issue) => issue.code))];
const withHeader = (name: string, value: string) => [
  ...HEAD.filter((h) => !h.startsWith(`${name}:`)),
  `${name}: ${value}`,
];
const without = (name: string) => HEAD.filter((h) => !h.startsWith(`${name}:`));
const att = (headers: string[], body?: string): Attachment[] => [body === undefined ? { headers } : { headers, body }];
const pdf = ['Content-Type: application/pdf; name="a.pdf"', 'Content-Transfer-Encoding: base64'];
const many = (n: number) => Array.from({ length: n }, (_, i) => `u${i}@example.com`).join(', ');
const words = (text: string) =>
  (text.match(/.{1,15}/gu) ?? []).map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join('\r\n ');
const big = (bytes: number) => Buffer.alloc(bytes, 1).toString('base64').replace(/.{76}/g, '$&\r\n');

// Each code: a message that has exactly that problem, and the same message fixed.
const CASES: Array<[MailIssueCode, string, string]> = [
  ['from_required', eml(without('From')), eml()],
  ['to_required', eml(without('To')), eml()],
  ['subject_required', eml(withHeader('Subject', ' ')), eml(withHeader('Subject', 'x'))],
  ['body_required', eml(HEAD, [{}], ''), eml(HEAD, [{}], 'x')],
  ['cc_unsupported', eml([...HEAD, 'Cc: c@example.com']), eml()],
  ['bcc_unsupported', eml([...HEAD, 'Bcc: c@example.com']), eml()],
  ['too_many_recipients', eml(withHeader('To', many(51))), eml(withHeader('To', many(50)))],
  [
    'too_many_attachments',
    eml(
      HEAD,
      Array.from({ length: 11 }, () => ({})),
    ),
    eml(
      HEAD,
      Array.from({ length: 10 }, () => ({})),
    ),
  ],
  [
    'attachment_too_large',
    eml(HEAD, [{ body: big(4 * 1024 * 1024 + 3) }]),
    eml(HEAD, [{ body: big(4 * 1024 * 1024) }]),
  ],
  [
    'body_too_large',
    eml(HEAD, [{}], 'x'.repeat(900).concat('\r\n').repeat(1200)),
    eml(HEAD, [{}], 'x'.repeat(900).concat('\r\n').repeat(1000)),
  ],
  // The epilogue after the closing delimiter counts on the wire and nowhere else.
  [
    'message_too_large',
    `${eml(HEAD, [{ body: big(3_500_000) }, { body: big(3_500_000) }])}${'epilogue\r\n'.repeat(120_000)}`,
    eml(HEAD, [{ body: big(3_500_000) }, { body: big(3_500_000) }]),
  ],
  [
    'subject_too_long',
    eml(withHeader('Subject', words('长'.repeat(999)))),
    eml(withHeader('Subject', words('长'.repeat(998)))),
  ],
  [
    'sender_name_invalid',
    eml(withHeader('From', '"Acme: Sales" <s@example.com>')),
    eml(withHeader('From', '"Acme Sales" <s@example.com>')),
  ],
  ['invalid_address', eml(withHeader('To', 'not-an-address')), eml(withHeader('To', 'r@example.com'))],
  [
    'attachment_name_invalid',
    eml(
      HEAD,
      att([
        'Content-Type: application/pdf; name="a:b.pdf"',
        'Content-Transfer-Encoding: base64',
        'Content-Disposition: attachment',
      ]),
    ),
    eml(
      HEAD,
      att([
        'Content-Type: application/pdf; name="ab.pdf"',
        'Content-Transfer-Encoding: base64',
        'Content-Disposition: attachment',
      ]),
    ),
  ],
  [
    'attachment_type_blocked',
    eml(
      HEAD,
      att([
        'Content-Type: application/octet-stream',
        'Content-Transfer-Encoding: base64',
        'Content-Disposition: attachment; filename="setup.exe"',
      ]),
    ),
    eml(
      HEAD,
      att([
        'Content-Type: application/octet-stream',
        'Content-Transfer-Encoding: base64',
        'Content-Disposition: attachment; filename="setup.zip"',
      ]),
    ),
  ],
  ['content_type_unsupported', single('text/plain; charset=utf-8'), single('text/plain; charset=UTF-8')],
  [
    'mime_version_unsupported',
    single('text/html; charset=UTF-8', withHeader('MIME-Version', '1.1')),
    single('text/html; charset=UTF-8', without('MIME-Version')),
  ],
  [
    'attachment_encoding_unsupported',
    eml(
      HEAD,
      att(
        [...pdf.slice(0, 1), 'Content-Transfer-Encoding: quoted-printable', 'Content-Disposition: attachment'],
        'hello',
      ),
    ),
    eml(HEAD, att([...pdf, 'Content-Disposition: attachment'])),
  ],
  [
    'attachment_disposition_unsupported',
    eml(HEAD, att([...pdf, 'Content-Disposition: inline'])),
    eml(HEAD, att([...pdf, 'Content-Disposition: attachment'])),
  ],
  [
    'attachment_base64_invalid',
    eml(HEAD, att([...pdf, 'Content-Disposition: attachment'], 'aGVsbG8')),
    eml(HEAD, att([...pdf, 'Content-Disposition: attachment'], 'aGVsbG8=')),
  ],
  [
    'content_id_unsupported',
    eml(HEAD, att([...pdf, 'Content-Disposition: attachment', 'Content-ID: <img1>'])),
    eml(HEAD, att([...pdf, 'Content-Disposition: attachment'])),
  ],
  [
    'line_too_long',
    single('text/plain; charset=UTF-8', HEAD, 'x'.repeat(999)),
    single('text/plain; charset=UTF-8', HEAD, 'x'.repeat(998)),
  ],
  [
    'header_syntax',
    crlf([
      ...HEAD.slice(0, 2),
      'this line has no colon',
      HEAD[2] as string,
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'Hi',
      '',
    ]),
    single('text/plain; charset=UTF-8'),
  ],
  [
    'bare_line_ending',
    single('text/plain; charset=UTF-8', HEAD, 'one\ntwo'),
    single('text/plain; charset=UTF-8', HEAD, 'one\r\ntwo'),
  ],
];

describe('lintMime fixtures', () => {
  it.each(CASES)('%s: reported on the failing fixture only', (code, failing, passing) => {
    expect(codes(failing)).toEqual([code]);
    expect(lintMime(passing).issues).toEqual([]);
  });

  it('reports attachments over 8 MiB together, which also makes the message too large on the wire', () => {
    const three = eml(HEAD, [{ body: big(3_000_000) }, { body: big(3_000_000) }, { body: big(3_000_000) }]);
    expect(codes(three)).toEqual(['attachments_too_large', 'message_too_large']);
    const smaller = eml(HEAD, [{ body: big(2_400_000) }, { body: big(2_400_000) }, { body: big(2_400_000) }]);
    expect(lintMime(smaller).issues).toEqual([]);
  });

  it('accepts the baseline fixture and summarizes it', () => {
    const result = lintMime(eml());
    expect(result.ok).toBe(true);
    expect(result.summary).toEqual({
      from: 's@example.com',
      to: ['r@example.com'],
      subject: 'Hello',
      contentType: 'multipart/mixed; boundary="b"',
      size: Buffer.byteLength(eml()),
      attachments: [{ filename: 'a.pdf', contentType: 'application/pdf', size: 5 }],
    });
  });

  it('tells a line the service refuses from one that only breaks RFC 5322, with its line number', () => {
    const issues = lintMime(single('text/plain; charset=UTF-8', HEAD, `short\r\n${'y'.repeat(2001)}`)).issues;
    expect(issues).toEqual([expect.objectContaining({ code: 'line_too_long', rule: 'SIZES', path: ['line', 8] })]);
    const rfc = lintMime(single('text/plain; charset=UTF-8', HEAD, 'y'.repeat(1500))).issues;
    expect(rfc).toEqual([expect.objectContaining({ code: 'line_too_long', rule: 'RFC5322', path: ['line', 7] })]);
  });

  it('names the part of a nested attachment in the issue path', () => {
    const issue = lintMime(eml(HEAD, att([...pdf, 'Content-Disposition: inline']))).issues[0];
    expect(issue?.path).toEqual(['parts', 1, 'headers', 'Content-Disposition']);
  });

  it('decodes RFC 2047 and RFC 2231 names for the summary and the name rules', () => {
    const name = '报告:2025.pdf';
    const headers = [
      `Content-Type: application/pdf; name="=?UTF-8?B?${Buffer.from(name).toString('base64')}?="`,
      'Content-Transfer-Encoding: base64',
      `Content-Disposition: attachment; filename*0*=UTF-8''${encodeURIComponent('报告:')}; filename*1*=2025.pdf`,
    ];
    const result = lintMime(eml(HEAD, att(headers)));
    expect(result.summary.attachments[0]?.filename).toBe(name);
    expect(result.issues.map((issue) => issue.code)).toEqual(['attachment_name_invalid']);
  });

  it('reports an empty line inside the header block (R11)', () => {
    const raw = crlf(['From: s@example.com', '', 'To: r@example.com', 'Subject: Hi', '', 'Body', '']);
    expect(codes(raw)).toEqual(expect.arrayContaining(['header_syntax', 'to_required', 'subject_required']));
  });

  it('reads a 10 MiB message in linear time without throwing', () => {
    const raw = Buffer.from(eml(HEAD, [{ body: big(7_000_000) }, { body: 'A'.repeat(3_000_000) }]));
    const result = lintMime(raw);
    expect(result.summary.attachments).toHaveLength(2);
    expect(result.issues.map((issue) => issue.code)).toContain('line_too_long');
  });

  it('refuses a limit override beyond what the service allows', () => {
    expect(() => lintMime(eml(), { limits: { maxAttachmentBytes: 6 * 1024 * 1024 } })).toThrow(/maxAttachmentBytes/);
    expect(
      lintMime(eml(HEAD, [{ body: big(4_500_000) }]), { limits: { maxAttachmentBytes: 5 * 1024 * 1024 } }).ok,
    ).toBe(true);
  });
});
