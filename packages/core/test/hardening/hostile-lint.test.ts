// Issue #17, item 1b: lintMime on hostile messages. The emulator lints every message it receives, so each of
// these once froze it for seconds to minutes; here each must come back with the right verdict. No timings are
// asserted (they live in apps/demo/bench/adversarial.bench.ts), but a quadratic linter would not finish these
// inputs within the test timeout: the reproduction below took 313 s before the fix.
import { describe, expect, it } from 'vitest';
import { lintMime } from '../../src/mime/lint-mime.js';

const HEAD = ['From: <noreply@mail.example.com>', 'To: user@example.com', 'Subject: Hi', 'MIME-Version: 1.0'];
const TEXT = 'Content-Type: text/plain; charset=UTF-8';
const eml = (head: string[], body = 'Hello') => [...head, '', body, ''].join('\r\n');
const withHeader = (name: string, value: string) =>
  eml([...HEAD.filter((line) => !line.startsWith(`${name}:`)), `${name}: ${value}`, TEXT]);
// The multipart/mixed message (boundary b) the part-level cases share: a text part, then `parts`, then the end.
const mixed = (parts: string[]) =>
  [...HEAD, 'Content-Type: multipart/mixed; boundary=b', '', '--b', TEXT, '', 'Hello', ...parts, '--b--', ''].join(
    '\r\n',
  );
// Hostile values are written on one line: a line over 998 octets is reported too, beside what a case looks at.
const beyondLines = (result: ReturnType<typeof lintMime>) =>
  result.issues.filter((issue) => issue.code !== 'line_too_long').map((issue) => issue.code);

describe('lintMime on hostile messages (issue #17, 1b)', () => {
  it('reads To: followed by "(\\" 300,000 times: an unclosed comment, one invalid address', () => {
    const result = lintMime(withHeader('To', '(\\'.repeat(300_000)));
    expect(result.summary.to).toEqual(['(\\'.repeat(300_000)]);
    // The whole value is one unreadable "address", reported with its length, not echoed whole.
    const invalid = result.issues.filter((issue) => issue.code === 'invalid_address');
    expect(invalid).toHaveLength(1);
    expect(invalid[0]?.message).toMatch(/has 600000 octets; an address has at most 254 \(RFC 5321\)/);
    expect(invalid[0]?.message.length).toBeLessThan(300);
  });

  it('still strips a closed comment after a long run of escaped parentheses', () => {
    const result = lintMime(withHeader('To', `user@example.com (${'\\('.repeat(50_000)})`));
    expect(result.summary.to).toEqual(['user@example.com']);
    expect(beyondLines(result)).toEqual([]);
  });

  it('reads deeply nested comments around an address', () => {
    const result = lintMime(withHeader('To', `${'('.repeat(50_000)}x${')'.repeat(50_000)} user@example.com`));
    expect(result.summary.to.length).toBe(1);
    expect(result.issues.some((issue) => issue.code === 'invalid_address')).toBe(true);
  });

  it('reads white space before a group colon that never comes', () => {
    const result = lintMime(withHeader('To', `user@example.com,${' \t'.repeat(50_000)}other@example.com`));
    expect(result.summary.to).toEqual(['user@example.com', 'other@example.com']);
    expect(beyondLines(result)).toEqual([]);
  });

  it('reads a group whose display name is long', () => {
    const result = lintMime(withHeader('To', `${'a '.repeat(50_000)}: user@example.com;`));
    expect(result.summary.to).toEqual(['user@example.com']);
  });

  it('refuses an address of spaces by its length, before parsing it', () => {
    const result = lintMime(withHeader('To', `x${' '.repeat(100_000)}y`));
    expect(beyondLines(result)).toEqual(['invalid_address']);
    expect(result.issues.find((issue) => issue.code === 'invalid_address')?.message).toMatch(/100002 octets/);
  });

  it('checks a From header of 10,000 addresses once each, and reports a bounded number of issues', () => {
    const result = lintMime(withHeader('From', 'not-an-address,'.repeat(10_000)));
    const invalid = result.issues.filter((issue) => issue.code === 'invalid_address');
    expect(invalid).toHaveLength(21);
    expect(invalid[20]?.message).toBe('9980 more invalid_address issues are not listed (10000 in all)');
  });

  it('decodes long and many encoded words in the subject', () => {
    const long = lintMime(withHeader('Subject', `=?UTF-8?B?${Buffer.from('a'.repeat(75_000)).toString('base64')}?=`));
    expect(long.summary.subject).toBe('a'.repeat(75_000));
    expect(beyondLines(long)).toEqual(['subject_too_long']);
    const many = lintMime(withHeader('Subject', '=?UTF-8?Q?a?=\r\n '.repeat(20_000)));
    expect(many.summary.subject).toBe('a'.repeat(20_000));
    const broken = lintMime(withHeader('Subject', '=?a?B?'.repeat(20_000)));
    expect(broken.summary.subject).toBe('=?a?B?'.repeat(20_000));
  });

  it('reads 20,000 header fields and 20,000 continuation lines', () => {
    expect(lintMime(eml([...HEAD, TEXT, ...Array.from({ length: 20_000 }, () => 'X-A: b')])).ok).toBe(true);
    const folded = lintMime(withHeader('Subject', 'a\r\n '.repeat(20_000)));
    expect(folded.summary.subject).toBe('a '.repeat(20_000).trim());
  });

  it('reports 20,000 header lines without a colon as a bounded list', () => {
    const result = lintMime(eml([...HEAD, TEXT, ...Array.from({ length: 20_000 }, () => 'no colon here')]));
    const syntax = result.issues.filter((issue) => issue.code === 'header_syntax');
    expect(syntax).toHaveLength(21);
    expect(syntax[20]?.message).toMatch(/^19980 more header_syntax issues/);
  });

  it('reads many parameters and many RFC 2231 continuations', () => {
    const params = lintMime(eml([...HEAD, `${TEXT}${'; a=b'.repeat(20_000)}`]));
    expect(beyondLines(params)).toEqual(['content_type_unsupported']);
    const result = lintMime(
      mixed([
        '--b',
        `Content-Type: application/pdf${Array.from({ length: 10_000 }, (_, i) => `; name*${i}=a`).join('')}`,
        'Content-Transfer-Encoding: base64',
        'Content-Disposition: attachment',
        '',
        'aGk=',
      ]),
    );
    expect(result.summary.attachments).toEqual([
      { filename: 'a'.repeat(10_000), contentType: 'application/pdf', size: 2 },
    ]);
    expect(result.issues.map((issue) => issue.code)).toContain('attachment_name_invalid');
  });

  it('splits 10,000 parts and reports each kind of problem a bounded number of times', () => {
    const attachment = ['--b', 'Content-Type: application/pdf', 'Content-Disposition: inline', '', 'aGk=', ''];
    const result = lintMime(mixed(Array.from({ length: 10_000 }, () => attachment).flat()));
    expect(result.summary.attachments).toHaveLength(10_000);
    const count = (code: string) => result.issues.filter((issue) => issue.code === code).length;
    expect(count('attachment_encoding_unsupported')).toBe(21);
    expect(count('attachment_disposition_unsupported')).toBe(21);
    expect(count('too_many_attachments')).toBe(1);
    expect(result.issues.length).toBeLessThan(120);
  });

  it('reads a boundary of 80,000 characters and a base64 line of 80,000', () => {
    const boundary = 'b'.repeat(80_000);
    const raw = [...HEAD, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', `--${boundary}`, TEXT, '', 'Hi'];
    const result = lintMime([...raw, `--${boundary}--`, ''].join('\r\n'));
    expect(result.issues.filter((issue) => issue.code !== 'line_too_long')).toEqual([]);
    const base64 = lintMime(eml([...HEAD, TEXT, 'Content-Transfer-Encoding: base64'], 'A'.repeat(80_000)));
    expect(base64.issues.map((issue) => issue.code)).toEqual(['line_too_long']);
  });

  it('finds a long boundary after thousands of lines that almost match it', () => {
    const boundary = `b${'a'.repeat(5_000)}`;
    const nearMiss = `--b${'a'.repeat(4_999)}`;
    const raw = [
      ...HEAD,
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      TEXT,
      '',
      ...Array.from({ length: 40 }, () => nearMiss),
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const result = lintMime(raw);
    expect(beyondLines(result)).toEqual([]);
    expect(result.summary.attachments).toEqual([]);
  });

  it('reads multiparts nested past its depth limit as opaque leaves', () => {
    const nested = '--b\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n'.repeat(2_000);
    const result = lintMime([...HEAD, 'Content-Type: multipart/mixed; boundary=b', '', nested].join('\r\n'));
    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => issue.code)).toContain('body_required');
  });

  it('quotes a hostile file name and content type cut short in its messages', () => {
    const name = `a${'. '.repeat(40_000)}pdf`;
    const result = lintMime(
      mixed([
        '--b',
        'Content-Type: application/pdf',
        `Content-Disposition: attachment; filename="${name}"`,
        '',
        'aGk=',
      ]),
    );
    expect(result.summary.attachments[0]?.filename).toBe(name);
    for (const issue of result.issues) expect(issue.message.length).toBeLessThan(700);
    const type = lintMime(eml([...HEAD, `Content-Type: text/${'x'.repeat(80_000)}`]));
    expect(type.issues.map((issue) => issue.code)).toContain('content_type_unsupported');
    for (const issue of type.issues) expect(issue.message.length).toBeLessThan(700);
  });
});
