// Hostile input to validateMessage (issue #17, items 1a, 3, 4 and 6): the reproductions, each as a test that failed
// before. Linear time is shown by facts that do not depend on the machine (one issue, a small result whatever the
// input's size); the timings are in bench/validate.bench.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, seen } from '@qcloudmail/test-helpers';
import { isQcloudMailError } from '../../src/errors/qcloud-mail-error.js';
import { LIMITS } from '../../src/limits/limits.js';
import { buildMime } from '../../src/mime/build-mime-input.js';
import { effectiveExtension } from '../../src/model/attachment-rules.js';
import { MAX_ISSUE_MESSAGE_LENGTH, MAX_REPORTED_ISSUES } from '../../src/model/issue.js';
import type { MailIssue } from '../../src/model/issues.js';
import {
  assertValidMessage,
  summarizeIssues,
  type ValidateMessageOptions,
  type ValidationResult,
  validateMessage,
} from '../../src/model/validate-message.js';
import { type Harness, harness } from '../helpers.js';

const SENDER = 'noreply@mail.example.com';
const base = { from: SENDER, to: 'user@example.org', subject: 'Hello', text: 'Hello' };

function refused(input: unknown, options?: ValidateMessageOptions): ValidationResult & { ok: false } {
  const result = validateMessage(input, options);
  if (result.ok) throw new Error('expected the message to be refused');
  return result;
}

/** Every issue is small, whatever the input: messages cut, path keys cut. */
function expectBounded(issues: readonly MailIssue[]): void {
  for (const issue of issues) {
    expect(issue.message.length).toBeLessThanOrEqual(MAX_ISSUE_MESSAGE_LENGTH + 40);
    expect(JSON.stringify(issue.path).length).toBeLessThan(300);
  }
}

describe('item 1a: hostile strings (the answer does not grow with the input)', () => {
  const sizes = [20_000, 80_000, 98_000];

  it.each(sizes)("to: 'x' + %i spaces + 'y' is one small invalid_address issue", (n) => {
    const result = refused({ ...base, to: `x${' '.repeat(n)}y` });
    expect(result.issues.map((issue) => [issue.code, issue.path])).toEqual([['invalid_address', ['to']]]);
    expect(result.omittedIssues).toBe(0);
    expect(JSON.stringify(result).length).toBeLessThan(1000);
  });

  it.each(sizes)('a display name of %i spaces between two words is refused before parsing (R23)', (n) => {
    const result = refused({ ...base, to: `a${' '.repeat(n)}b <user@example.org>` });
    expect(result.issues).toMatchObject([{ code: 'display_name_too_long', path: ['to'], rule: 'R23' }]);
    expect(JSON.stringify(result).length).toBeLessThan(1000);
  });

  it('white space around a display name is trimmed, not counted', () => {
    const spaces = ' '.repeat(80_000);
    const result = validateMessage({ ...base, to: { name: `${spaces}Ann${spaces}`, address: 'ann@example.org' } });
    expect(result).toMatchObject({ ok: true, message: { to: [{ name: 'Ann', address: 'ann@example.org' }] } });
  });

  it.each(sizes)('an attachment name of %i characters of ". " runs is one issue; its extension is found', (n) => {
    const filename = `${'. '.repeat(n / 2)}x`;
    const result = refused({ ...base, attachments: [{ filename, content: 'x' }] });
    expect(result.issues.map((issue) => issue.code)).toEqual(['attachment_name_invalid']);
    expect(JSON.stringify(result).length).toBeLessThan(1000);
    expect(effectiveExtension(filename)).toBe(' x');
    expect(effectiveExtension(`a.EXE${'. '.repeat(n / 2)}`)).toBe('exe');
  });

  it.each([
    ['an address of "@"', { to: '@'.repeat(80_000) }],
    ['an address of one long local part', { to: `${'a'.repeat(80_000)}@example.org` }],
    ['a domain of 40,000 labels', { to: `a@${'b.'.repeat(40_000)}com` }],
    ['unclosed comments', { to: `a@example.org ${'('.repeat(80_000)}` }],
    ['escapes in an unclosed quote', { to: `"${'\\'.repeat(80_000)}` }],
    ['words before an address', { to: `${'a '.repeat(40_000)}<a@example.org>` }],
    ['comments before an address', { to: `${'(a)'.repeat(26_000)}a@example.org` }],
    ['a non-ASCII domain', { to: `a@${'é'.repeat(80_000)}.com` }],
  ])('%s of 80,000 characters gives one bounded issue', (_name, fields) => {
    const result = refused({ ...base, ...fields });
    expect(result.issues).toHaveLength(1);
    expectBounded(result.issues);
    expect(JSON.stringify(result).length).toBeLessThan(1000);
  });
});

describe('item 3: bounded errors', () => {
  const bad = Array.from({ length: 250_000 }, () => 'bad');

  it('250,000 bad recipients are one too_many_recipients issue, counted before any is parsed (R8)', () => {
    const result = refused({ ...base, to: bad });
    expect(result.issues).toMatchObject([{ code: 'too_many_recipients', path: ['to'], rule: 'R8' }]);
    expect(result.issues[0]?.message).toContain('250000 recipients');
    expect(result.omittedIssues).toBe(0);
    expect(JSON.stringify(result).length).toBeLessThan(500);
  });

  it('the same as one comma-separated string', () => {
    const result = refused({ ...base, to: 'bad,'.repeat(250_000) });
    expect(result.issues).toMatchObject([{ code: 'too_many_recipients', rule: 'R8' }]);
    expect(result.issues[0]?.message).toContain('250000 recipients');
  });

  it('counts addresses inside array entries too (51 in two strings)', () => {
    const many = Array.from({ length: 30 }, (_, i) => `u${i}@example.org`).join(', ');
    const result = refused({ ...base, to: [many, many.replace(/u/g, 'v'), 'w@example.org'] });
    expect(result.issues).toMatchObject([{ code: 'too_many_recipients' }]);
    expect(result.issues[0]?.message).toContain('61 recipients');
  });

  it('under the split policy, 250,000 bad recipients give 20 issues and the count of the others', () => {
    const result = refused({ ...base, to: bad }, { recipients: 'split' });
    expect(result.issues).toHaveLength(MAX_REPORTED_ISSUES);
    expect(result.omittedIssues).toBe(250_000 - MAX_REPORTED_ISSUES);
    expect(result.issues.every((issue) => issue.code === 'invalid_address')).toBe(true);
    expect(JSON.stringify(result).length).toBeLessThan(MAX_REPORTED_ISSUES * 400);
  });

  it('assertValidMessage throws a bounded VALIDATION error that says how many more there were', () => {
    let thrown: unknown;
    try {
      assertValidMessage({ ...base, to: bad }, { recipients: 'split' });
    } catch (error) {
      thrown = error;
    }
    expect(isQcloudMailError(thrown)).toBe(true);
    if (!isQcloudMailError(thrown)) return;
    expect(thrown.code).toBe('VALIDATION');
    expect(thrown.issues).toHaveLength(MAX_REPORTED_ISSUES);
    expect(thrown.message).toContain('(250000 problems)');
    expect(thrown.message).toContain(`and ${250_000 - MAX_REPORTED_ISSUES} more problems`);
    expect(thrown.message.length).toBeLessThan(MAX_REPORTED_ISSUES * (MAX_ISSUE_MESSAGE_LENGTH + 60));
  });

  it('summarizeIssues lists at most 20 issues, whoever built the list', () => {
    const issue: MailIssue = { code: 'invalid_address', path: ['to'], rule: 'RFC5322', message: 'x' };
    const text = summarizeIssues(
      Array.from({ length: 1000 }, () => issue),
      5,
    );
    expect(text.split('\n')).toHaveLength(1 + MAX_REPORTED_ISSUES + 1);
    expect(text).toContain('(1005 problems)');
    expect(text).toContain('and 985 more problems');
  });

  it('250,000 attachments are one too_many_attachments issue (SIZES)', () => {
    const attachments = Array.from({ length: 250_000 }, () => ({}));
    const result = refused({ ...base, attachments });
    expect(result.issues).toMatchObject([{ code: 'too_many_attachments', rule: 'SIZES' }]);
    expect(JSON.stringify(result).length).toBeLessThan(500);
  });

  it('an issue never echoes its input whole: values and header-name path keys are cut', () => {
    const long = 'x'.repeat(100_000);
    const result = refused({
      ...base,
      from: `${long}@example.org`,
      to: [`${long} <a@b>`, `"${long}`],
      replyTo: { name: 'A', address: long },
      headers: { [`X-${long}`]: 'v', 'X-Value': long },
      messageId: long,
      attachments: [{ filename: `${long}.pdf`, content: 'x', contentType: `text/${long}` }],
    });
    expect(result.issues.length).toBeGreaterThanOrEqual(8);
    expectBounded(result.issues);
    expect(JSON.stringify(result).length).toBeLessThan(MAX_REPORTED_ISSUES * 700);
  });
});

describe('item 4: what the service would refuse for length is refused before the upload (R19)', () => {
  it('a 3,000-character messageId is line_too_long; the longest that fits one line passes and is written', () => {
    expect(refused({ ...base, messageId: `${'a'.repeat(3000)}@example.com` }).issues).toMatchObject([
      { code: 'line_too_long', path: ['messageId'], rule: 'RFC5322' },
    ]);
    const fits = `<${'a'.repeat(LIMITS.maxMessageIdLength - '<@example.com>'.length)}@example.com>`;
    expect(fits).toHaveLength(LIMITS.maxMessageIdLength);
    const built = buildMime({ ...base, messageId: fits }).raw.toString('latin1');
    const line = built.split('\r\n').find((l) => l.startsWith('Message-ID:')) ?? '';
    expect(line).toBe(`Message-ID: ${fits}`);
    expect(line.length).toBe(LIMITS.maxLineOctets);
    const over = `<a${fits.slice(1)}`;
    expect(refused({ ...base, messageId: over }).issues).toMatchObject([{ code: 'line_too_long' }]);
  });

  it.each([
    ['an RFC 5322 comment', '<id@example.com> (shop)'],
    ['white space', '<a b@example.com>'],
    ['a quoted id-left', '<"a"@example.com>'],
    ['two dots', '<a..b@example.com>'],
    ['a comment inside', '<a(x)@example.com>'],
    ['no id-right', '<a@>'],
    ['one bracket', '<a@example.com'],
    ['two "@"', '<a@b@example.com>'],
  ])('a messageId with %s is refused', (_name, messageId) => {
    expect(refused({ ...base, messageId }).issues).toMatchObject([{ code: 'invalid_type', path: ['messageId'] }]);
  });

  it.each([
    ['id@example.com', '<id@example.com>'],
    ['<a.b+c@mail.example.com>', '<a.b+c@mail.example.com>'],
    ['<x@[127.0.0.1]>', '<x@[127.0.0.1]>'],
  ])('the messageId %s is accepted as %s', (messageId, expected) => {
    expect(validateMessage({ ...base, messageId })).toMatchObject({ ok: true, message: { messageId: expected } });
  });

  it('a 2,500-character header name is line_too_long; a name of the fold width (76) passes and is written', () => {
    expect(refused({ ...base, headers: [{ key: `X-${'a'.repeat(2500)}`, value: 'v' }] }).issues).toMatchObject([
      { code: 'line_too_long', path: ['headers', 0, 'key'], rule: 'RFC5322' },
    ]);
    const key = `X-${'a'.repeat(LIMITS.maxHeaderNameLength - 2)}`;
    expect(buildMime({ ...base, headers: { [key]: '值' } }).raw.toString('latin1')).toContain(`${key}: =?UTF-8?`);
    expect(refused({ ...base, headers: { [`${key}a`]: 'v' } }).issues).toMatchObject([{ code: 'line_too_long' }]);
  });

  it('a header value with a word that no fold can fit is refused; the longest that fits is written', () => {
    const key = 'X-Token';
    const longest = LIMITS.maxLineOctets - key.length - 2;
    const lines = buildMime({ ...base, headers: { [key]: 'b'.repeat(longest) } })
      .raw.toString('latin1')
      .split('\r\n');
    expect(Math.max(...lines.map((line) => line.length))).toBe(LIMITS.maxLineOctets);
    for (const value of [
      'b'.repeat(longest + 1),
      `a ${'b'.repeat(longest)}`,
      `${' '.repeat(longest)}b`,
      'c'.repeat(5000),
    ]) {
      const result = refused({ ...base, headers: { [key]: value } });
      expect(result.issues).toMatchObject([{ code: 'line_too_long', path: ['headers', key] }]);
      expect(() => buildMime({ ...base, headers: { [key]: value } })).toThrow(
        expect.objectContaining({ code: 'VALIDATION' }),
      );
    }
    // Encoded words always fold, and trailing white space belongs to no word.
    expect(validateMessage({ ...base, headers: { [key]: '值'.repeat(5000) } }).ok).toBe(true);
    expect(validateMessage({ ...base, headers: { [key]: `v${' '.repeat(5000)}` } }).ok).toBe(true);
  });

  it('an attachment contentType too long for its Content-Type line is refused', () => {
    const contentType = `application/pdf; x=${'a'.repeat(1000)}`;
    const result = refused({ ...base, attachments: [{ filename: 'a.pdf', content: 'x', contentType }] });
    expect(result.issues).toMatchObject([{ code: 'invalid_type', path: ['attachments', 0, 'contentType'] }]);
  });

  describe('through the client, nothing reaches the emulator', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await harness({ retry: false });
    });
    afterAll(async () => {
      await h.close();
    });

    it.each([
      ['a 3,000-character messageId', { messageId: `${'a'.repeat(3000)}@example.com` }],
      ['a 2,500-character header name', { headers: { [`X-${'a'.repeat(2500)}`]: 'v' } }],
      ['an unfoldable header value', { headers: { 'X-Token': 't'.repeat(2500) } }],
      ['a 70,000-character display name', { to: { name: 'N'.repeat(70_000), address: 'user@example.org' } }],
    ])('%s is refused with VALIDATION and opens no connection', async (_name, fields) => {
      const error = await rejection(h.client.send({ ...base, ...fields }));
      expect(error).toMatchObject({ code: 'VALIDATION' });
      expect(error.message.length).toBeLessThan(2000);
      expect(seen(h)).toEqual({ connections: 0, stored: 0, rateLimited: 0 });
    });
  });
});

describe('item 2 trigger: display names are capped (R23)', () => {
  it.each([
    ['from as an object', { from: { name: 'N'.repeat(70_000), address: SENDER } }, ['from', 'name']],
    ['from as a string', { from: `${'N'.repeat(70_000)} <${SENDER}>` }, ['from']],
    ['to as a quoted string', { to: `"${'N'.repeat(70_000)}" <user@example.org>` }, ['to']],
    ['replyTo in an array', { replyTo: ['a@example.org', { name: '名'.repeat(300), address: 'b@example.org' }] }, []],
  ])('a display name over the cap in %s is display_name_too_long', (_name, fields, path) => {
    const result = refused({ ...base, ...fields });
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: 'display_name_too_long', rule: 'R23' });
    expect(result.issues[0]?.path.slice(0, path.length)).toEqual(path);
  });

  it('counts code points: 256 Chinese characters pass, 257 do not', () => {
    const at = (n: number) => ({ ...base, to: `${'名'.repeat(n)} <user@example.org>` });
    expect(validateMessage(at(LIMITS.maxDisplayNameLength)).ok).toBe(true);
    expect(refused(at(LIMITS.maxDisplayNameLength + 1)).issues).toMatchObject([{ code: 'display_name_too_long' }]);
    const emoji = '😀'.repeat(LIMITS.maxDisplayNameLength);
    expect(validateMessage({ ...base, to: { name: emoji, address: 'user@example.org' } }).ok).toBe(true);
  });
});

describe('item 6: addresses (RFC 5321 lengths, IDNA, no encoded words)', () => {
  const label = (c: string, n = 63) => c.repeat(n);
  const domainOf = (octets: number) => {
    const labels: string[] = [];
    let left = octets - 4;
    for (const c of 'bcdefgh') {
      if (left <= 0) break;
      const n = Math.min(63, left);
      labels.push(label(c, n));
      left -= n + 1;
    }
    return `${labels.join('.')}.com`;
  };

  it('a 317-octet address is refused; one of 254 octets is accepted', () => {
    const long = `${'a'.repeat(64)}@${domainOf(252)}`;
    expect(long).toHaveLength(317);
    const result = refused({ ...base, to: long });
    expect(result.issues).toMatchObject([{ code: 'invalid_address', path: ['to'] }]);
    expect(result.issues[0]?.message).toContain('RFC 5321 allows at most 254');
    expect(refused({ ...base, to: { name: 'A', address: long } }).issues[0]?.path).toEqual(['to', 'address']);
    const longest = `${'a'.repeat(64)}@${domainOf(189)}`;
    expect(longest).toHaveLength(254);
    expect(validateMessage({ ...base, to: longest }).ok).toBe(true);
    expect(refused({ ...base, to: `a${longest}` }).issues).toMatchObject([{ code: 'invalid_address' }]);
  });

  it('a local part over 64 octets and a label over 63 are refused', () => {
    expect(refused({ ...base, to: `${'a'.repeat(65)}@example.org` }).issues[0]?.message).toContain('64');
    expect(refused({ ...base, to: `a@${label('b', 64)}.org` }).issues[0]?.message).toContain('63 octets');
    expect(validateMessage({ ...base, to: `a@${label('b')}.org` }).ok).toBe(true);
  });

  it('an internationalized domain longer than 254 octets once in punycode is refused', () => {
    // 213 characters as written; its domain is 212 octets in punycode, the address 273.
    const wide = `${'l'.repeat(60)}@${Array.from({ length: 6 }, () => 'a例b😀c'.repeat(4)).join('.')}.cn`;
    expect(wide.length).toBeLessThan(LIMITS.maxAddressOctets);
    expect(refused({ ...base, to: wide }).issues[0]?.message).toContain('punycode');
  });

  it.each(['a@xn--zz.com', 'a@xn--a.com', 'a@xn--.com', 'a@xn--abc-.com', 'a@mail.xn--0.com', 'a@XN--ZZ.COM'])(
    '%s (not valid punycode) is refused',
    (to) => {
      const result = refused({ ...base, to });
      expect(result.issues).toMatchObject([{ code: 'invalid_address', path: ['to'] }]);
    },
  );

  it.each([
    ['a@xn--mnchen-3ya.de', 'a@xn--mnchen-3ya.de'],
    ['a@XN--MNCHEN-3YA.DE', 'a@xn--mnchen-3ya.de'],
    ['a@münchen.de', 'a@xn--mnchen-3ya.de'],
    ['a@xn--fsqu00a.xn--fiqs8s', 'a@xn--fsqu00a.xn--fiqs8s'],
  ])('%s (valid IDNA) is accepted as %s', (to, address) => {
    expect(validateMessage({ ...base, to })).toMatchObject({ ok: true, message: { to: [{ address }] } });
  });

  it.each([
    '=?UTF-8?B?YUBldmlsLmNvbQ==?=@example.com',
    'Name <=?UTF-8?B?YUBldmlsLmNvbQ==?=@example.com>',
    'x.=?utf-8?q?a=40evil.com?=.y@example.com',
  ])('an encoded word as (part of) the local part is refused: %s', (to) => {
    const result = refused({ ...base, to });
    expect(result.issues).toMatchObject([{ code: 'invalid_address' }]);
    expect(result.issues[0]?.message).toContain('encoded word');
    expect(refused({ ...base, from: to }).issues[0]?.code).toBe('invalid_address');
  });

  it('= and ? that do not form an encoded word stay allowed (RFC 5322 atext)', () => {
    expect(validateMessage({ ...base, to: 'a=b?c@example.com' }).ok).toBe(true);
    expect(validateMessage({ ...base, to: 'a?=b=?c@example.com' }).ok).toBe(true);
  });
});
