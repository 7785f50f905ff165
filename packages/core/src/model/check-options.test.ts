import { describe, expect, it } from 'vitest';
import { validateMessage } from './validate-message.js';

const base = { from: 'noreply@mail.example.com', to: 'user@example.org', subject: 'Hi', text: 'Hello' };

function issuesOf(extra: Record<string, unknown>) {
  const result = validateMessage({ ...base, ...extra });
  return result.ok ? [] : result.issues.map(({ code, rule, path }) => ({ code, rule, path }));
}

describe('nodemailer options validateMessage refuses', () => {
  it.each([
    ['amp', '<html ⚡4email></html>', 'content_type_unsupported', 'HEADERS'],
    ['watchHtml', '<b>w</b>', 'content_type_unsupported', 'HEADERS'],
    ['alternatives', [{ content: 'x' }], 'content_type_unsupported', 'HEADERS'],
    ['icalEvent', 'BEGIN:VCALENDAR', 'content_type_unsupported', 'HEADERS'],
    ['list', { unsubscribe: 'https://e.com/u' }, 'header_unsupported', 'HEADERS'],
    ['dkim', { domainName: 'e.com' }, 'option_unsupported', 'HEADERS'],
    ['raw', 'From: a@b.c\r\n\r\nhi', 'option_unsupported', 'R19'],
    ['attachDataUrls', true, 'content_id_unsupported', 'R12'],
    ['normalizeHeaderKey', (key: string) => key, 'option_unsupported', 'HEADERS'],
    ['encoding', 'base64', 'option_unsupported', 'R10'],
    ['signal', new AbortController().signal, 'option_unsupported', 'HEADERS'],
    ['dsn', { notify: 'success' }, 'option_unsupported', 'R15'],
    ['otp', '123456', 'option_unsupported', 'HEADERS'],
    ['sender', 'other@example.com', 'invalid_address', 'R4'],
    ['cdd', 'typo@example.org', 'option_unknown', 'HEADERS'],
  ])('%s', (key, value, code, rule) => {
    expect(issuesOf({ [key]: value })).toEqual([{ code, rule, path: [key] }]);
  });

  it.each([
    ['path', '/etc/passwd', 'invalid_type', 'R13'],
    ['href', 'https://example.com/a.pdf', 'invalid_type', 'R13'],
    ['httpHeaders', { a: 'b' }, 'invalid_type', 'R13'],
    ['raw', 'Content-Type: text/plain\r\n\r\nx', 'header_unsupported', 'R12'],
    ['headers', { 'X-Part': '1' }, 'header_unsupported', 'R12'],
    ['contentTransferEncoding', '7bit', 'attachment_encoding_unsupported', 'R12'],
    ['cid', 'logo@x', 'content_id_unsupported', 'R12'],
    ['contentDisposition', 'inline', 'content_id_unsupported', 'R12'],
    ['size', 3, 'option_unknown', 'R12'],
  ])('attachment %s', (key, value, code, rule) => {
    const attachment = key === 'path' || key === 'href' ? { filename: 'a.pdf' } : { filename: 'a.pdf', content: 'x' };
    expect(issuesOf({ attachments: [{ ...attachment, [key]: value }] })).toEqual([
      { code, rule, path: ['attachments', 0, key] },
    ]);
  });

  it('refuses an envelope that differs from the headers, and accepts one that repeats them', () => {
    expect(
      issuesOf({ envelope: { from: 'noreply@mail.example.com', to: ['user@example.org', 'x@example.org'] } }),
    ).toEqual([{ code: 'bcc_unsupported', rule: 'R9', path: ['envelope', 'to'] }]);
    expect(issuesOf({ envelope: { from: 'bounce@example.com', to: 'user@example.org' } })).toEqual([
      { code: 'invalid_address', rule: 'R4', path: ['envelope', 'from'] },
    ]);
    expect(issuesOf({ envelope: { from: 'NOREPLY@mail.example.com', to: 'USER@example.org' } })).toEqual([]);
  });

  it('accepts the no-op options and values of refused ones that change nothing', () => {
    const noOps = {
      disableFileAccess: true,
      disableUrlAccess: true,
      textEncoding: 'quoted-printable',
      newline: 'unix',
      baseBoundary: 'b',
      boundaryPrefix: 'p',
      encoding: 'utf-8',
      attachDataUrls: false,
      amp: '',
      sender: 'noreply@mail.example.com',
      attachments: [{ filename: 'a.txt', content: 'x', contentTransferEncoding: 'base64', headers: {} }],
    };
    expect(issuesOf(noOps)).toEqual([]);
  });

  it('honours maxRecipients (R8) and writes priority, inReplyTo, references and xMailer as headers', () => {
    expect(issuesOf({ to: ['a@example.org', 'b@example.org'], maxRecipients: 1 })).toEqual([
      { code: 'too_many_recipients', rule: 'R8', path: ['to'] },
    ]);
    const result = validateMessage({
      ...base,
      priority: 'low',
      inReplyTo: 'p@x',
      references: 'r@x p@x',
      xMailer: 'App',
    });
    expect(result.ok && result.message.headers.map((header) => header.key)).toEqual([
      'X-Priority',
      'X-MSMail-Priority',
      'Importance',
      'In-Reply-To',
      'References',
      'X-Mailer',
    ]);
    expect(issuesOf({ inReplyTo: 'a@b\r\nBcc: x@y' })).toEqual([
      { code: 'header_injection', rule: 'RFC5322', path: ['inReplyTo'] },
    ]);
  });

  it('keeps the issue count bounded for a message of 100,000 unknown keys', () => {
    const input: Record<string, unknown> = { ...base };
    for (let index = 0; index < 100_000; index++) input[`k${index}`] = 1;
    const result = validateMessage(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.length + result.omittedIssues).toBe(100_000);
    if (!result.ok) expect(result.issues.length).toBe(20);
  });
});
