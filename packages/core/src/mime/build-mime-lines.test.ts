// The builder's own guarantees, whatever MailMessage it is given (validated or not): every line it emits is at
// most 998 octets, or it refuses with a VALIDATION error naming the rule and the field (issue #17); dates keep
// four-digit years (issue #17, item 7).
import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { isQcloudMailError, type QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { MailMessage } from '../model/message.js';
import { buildMimeFromMessage } from './build-mime.js';
import { formatMailDate } from './identifiers.js';

function message(overrides: Partial<MailMessage> = {}): MailMessage {
  return {
    from: { name: 'Shop', address: 'noreply@mail.example.com' },
    to: [{ name: '', address: 'bob@example.com' }],
    cc: [],
    bcc: [],
    replyTo: [],
    subject: 'Hello',
    text: 'Hello',
    attachments: [],
    headers: [],
    ...overrides,
  };
}

function refusal(run: () => unknown): QcloudMailError {
  try {
    run();
  } catch (error) {
    if (isQcloudMailError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const longestLine = (raw: Buffer) =>
  Math.max(
    ...raw
      .toString('latin1')
      .split('\r\n')
      .map((line) => line.length),
  );

describe('every line the builder emits is at most 998 octets', () => {
  it.each<[string, Partial<MailMessage>, ReadonlyArray<string | number>]>([
    ['a header name of 2,500 characters', { headers: [{ key: 'X'.repeat(2_500), value: 'v' }] }, ['headers', 0]],
    ['an unbreakable header value', { headers: [{ key: 'X-A', value: 'v'.repeat(2_000) }] }, ['headers', 0]],
    ['a Message-ID of 3,000 characters', { messageId: `<${'a'.repeat(3_000)}@example.com>` }, ['messageId']],
    ['an address of 2,000 characters', { to: [{ name: '', address: `${'a'.repeat(2_000)}@b.co` }] }, ['to']],
    ['a sender address of 2,000 characters', { from: { name: 'S', address: `${'a'.repeat(2_000)}@b.co` } }, ['from']],
    [
      'a reply-to address of 2,000 characters',
      { replyTo: [{ name: '', address: `${'a'.repeat(2_000)}@b.co` }] },
      ['replyTo'],
    ],
  ])('refuses %s, naming the rule and the field', (_name, overrides, path) => {
    const error = refusal(() => buildMimeFromMessage(message(overrides)));
    expect(error.code).toBe('VALIDATION');
    expect(error.rule).toBe('RFC5322');
    expect(error.issues).toEqual([expect.objectContaining({ code: 'line_too_long', path, rule: 'RFC5322' })]);
    // The error quotes what it refuses cut short, never whole.
    expect(error.message.length).toBeLessThan(600);
  });

  it('refuses a Message-ID given in the options by its own path', () => {
    const error = refusal(() => buildMimeFromMessage(message(), { messageId: `<${'a'.repeat(3_000)}@example.com>` }));
    expect(error.issues[0]?.path).toEqual(['options', 'messageId']);
  });

  it('accepts a Message-ID and a header name that just fit', () => {
    const id = `<${'a'.repeat(998 - 'Message-ID: <@b.co>'.length)}@b.co>`;
    const built = buildMimeFromMessage(message({ messageId: id, headers: [{ key: 'X'.repeat(990), value: 'v' }] }));
    expect(longestLine(built.raw)).toBe(998);
  });

  it('folds long values with spaces, however long, onto short lines', () => {
    const words = 'word '.repeat(20_000).trim();
    const built = buildMimeFromMessage(
      message({ subject: words.slice(0, 990), headers: [{ key: 'X-A', value: words }] }),
    );
    expect(longestLine(built.raw)).toBeLessThanOrEqual(78);
  });

  it('folds a value ending in a long run of spaces, dropping the trailing run', async () => {
    const built = buildMimeFromMessage(message({ headers: [{ key: 'X-A', value: `a b${' '.repeat(50_000)}` }] }));
    expect(longestLine(built.raw)).toBeLessThanOrEqual(78);
    expect((await simpleParser(built.raw)).headers.get('x-a')).toBe('a b');
  });

  it('holds for any message: built lines fit, or the builder refuses with VALIDATION', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('a'.repeat(1_200), `${'ab '.repeat(600)}`, '长'.repeat(500), ' '.repeat(1_500), '=?x?='),
    );
    const address = fc.oneof(fc.constant('bob@example.com'), fc.constant(`${'a'.repeat(1_000)}@b.co`));
    const input = fc.record({
      name: text,
      address,
      subject: text,
      key: fc.oneof(fc.constant('X-A'), fc.constant('X'.repeat(1_000))),
      value: text,
      filename: fc.oneof(text, fc.constant('a.pdf')),
      messageId: fc.oneof(fc.constant(undefined), fc.constant('<a@b.co>'), fc.constant(`<${'i'.repeat(1_000)}@b.co>`)),
    });
    fc.assert(
      fc.property(input, (fields) => {
        const built = (() => {
          try {
            return buildMimeFromMessage(
              message({
                from: { name: fields.name, address: 'noreply@mail.example.com' },
                to: [{ name: fields.name, address: fields.address }],
                subject: fields.subject || 'x',
                headers: [{ key: fields.key, value: fields.value.replace(/[\r\n]/g, '') }],
                attachments: [{ filename: fields.filename || 'a', content: Buffer.from('hi') }],
                ...(fields.messageId === undefined ? {} : { messageId: fields.messageId }),
              }),
            );
          } catch (error) {
            expect(isQcloudMailError(error) && error.code === 'VALIDATION').toBe(true);
            return undefined;
          }
        })();
        if (built !== undefined) {
          for (const line of built.raw.toString('latin1').split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('dates keep a four-digit year (issue #17, item 7)', () => {
  it.each([
    [Date.UTC(999, 0, 2, 3, 4, 5), 'Wed, 02 Jan 0999 03:04:05 +0000'],
    [Date.UTC(2025, 0, 7, 8, 9, 10), 'Tue, 07 Jan 2025 08:09:10 +0000'],
  ])('writes %i as %s', (time, text) => {
    expect(formatMailDate(new Date(time))).toBe(text);
  });

  it('writes years 0 to 99 with four digits, not as obsolete two-digit years', () => {
    const date = new Date(Date.UTC(2000, 5, 1));
    date.setUTCFullYear(5);
    expect(formatMailDate(date)).toMatch(/ 0005 /);
    date.setUTCFullYear(99);
    expect(formatMailDate(date)).toMatch(/ 0099 /);
    const built = buildMimeFromMessage(message({ date }));
    expect(built.raw.toString('latin1')).toMatch(/\r\nDate: \w{3}, 01 Jun 0099 00:00:00 \+0000\r\n/);
  });

  it('refuses a year before 0, which has no four-digit form', () => {
    const date = new Date(Date.UTC(2000, 0, 1));
    date.setUTCFullYear(-1);
    const error = refusal(() => buildMimeFromMessage(message({ date })));
    expect(error).toMatchObject({ code: 'VALIDATION', rule: 'HEADERS' });
    expect(error.issues[0]?.path).toEqual(['date']);
  });
});
