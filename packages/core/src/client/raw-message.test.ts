import { describe, expect, it } from 'vitest';
import { isQcloudMailError, type QcloudMailError } from '../errors/qcloud-mail-error.js';
import { checkRawMessage } from './raw-message.js';
import type { RawEnvelope } from './types.js';

const FROM = 'noreply@mail.example.com';
const raw = (to = 'user@example.org') =>
  [
    `From: ${FROM}`,
    `To: ${to}`,
    'Subject: Raw',
    'Message-ID: <raw-check@mail.example.com>',
    'Date: Tue, 07 Jan 2025 08:09:10 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    'Hello',
    '',
  ].join('\r\n');

function refusal(run: () => unknown): QcloudMailError {
  try {
    run();
  } catch (error) {
    if (isQcloudMailError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

function issueCodes(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (isQcloudMailError(error)) return error.issues.map((issue) => issue.code);
    throw error;
  }
  return [];
}

describe('checkRawMessage', () => {
  it("takes the envelope from the message's From and To headers when none is given", () => {
    const built = checkRawMessage(raw('a@example.org, b@example.org'), undefined, {}, FROM);
    expect(built.envelope).toEqual({ from: FROM, to: ['a@example.org', 'b@example.org'] });
    expect(built.messageId).toBe('<raw-check@mail.example.com>');
  });

  it('accepts a given envelope that names exactly the headers', () => {
    expect(checkRawMessage(raw(), { from: FROM, to: ['user@example.org'] }, {}, FROM).envelope.to).toEqual([
      'user@example.org',
    ]);
  });

  it('refuses envelope-only recipients (Bcc, R9) and another envelope sender (R4)', () => {
    expect(
      issueCodes(() =>
        checkRawMessage(raw(), { from: FROM, to: ['user@example.org', 'hidden@example.org'] }, {}, FROM),
      ),
    ).toContain('bcc_unsupported');
    expect(
      issueCodes(() => checkRawMessage(raw(), { from: 'other@example.org', to: ['user@example.org'] }, {}, FROM)),
    ).toContain('invalid_address');
  });

  it("names the first issue's rule on the error itself, as send does", () => {
    const error = refusal(() => checkRawMessage(raw().replace(/^Message-ID:.*\r\n/m, ''), undefined, {}, FROM));
    expect(error).toMatchObject({ code: 'VALIDATION', category: 'validation', rule: 'R21' });
    expect(error.issues.map((issue) => issue.rule)).toEqual(['R21']);
  });

  it('takes the From header as the sender of a given envelope without one', () => {
    const envelope = { to: ['user@example.org'] } as unknown as RawEnvelope;
    expect(checkRawMessage(raw(), envelope, {}, FROM).envelope).toEqual({ from: FROM, to: ['user@example.org'] });
  });

  it.each([
    ['a string', 'user@example.org'],
    ['null', null],
    ['an array', ['user@example.org']],
    ['a sender that is no string', { from: 42, to: ['user@example.org'] }],
    ['no recipient list', { from: FROM }],
    ['a recipient that is no string', { from: FROM, to: [{ address: 'user@example.org' }] }],
    ['cc beside to (never uploaded to)', { from: FROM, to: ['user@example.org'], cc: ['user@example.org'] }],
  ])('refuses an envelope that is %s as VALIDATION naming envelope', (_name, envelope) => {
    const error = refusal(() => checkRawMessage(raw(), envelope as unknown as RawEnvelope, {}, FROM));
    expect(error).toMatchObject({ code: 'VALIDATION', rule: 'R9' });
    expect(error.issues).toEqual([expect.objectContaining({ code: 'invalid_type', path: ['envelope'] })]);
  });

  it('refuses a From header other than the login, whatever the case of the login (R4, R19)', () => {
    const error = refusal(() => checkRawMessage(raw(), undefined, {}, 'billing@mail.example.com'));
    expect(error).toMatchObject({ code: 'VALIDATION', rule: 'R4' });
    expect(error.issues).toEqual([
      expect.objectContaining({ code: 'invalid_address', rule: 'R4', path: ['headers', 'From'] }),
    ]);
    expect(error.message).toContain('billing@mail.example.com');
    expect(checkRawMessage(raw(), undefined, {}, FROM.toUpperCase()).envelope.from).toBe(FROM);
  });

  it('refuses an envelope sender other than the login when the message has no From header (R4)', () => {
    const noFrom = raw().replace(/^From:.*\r\n/m, '');
    const error = refusal(() =>
      checkRawMessage(noFrom, { from: 'other@example.org', to: ['user@example.org'] }, {}, FROM),
    );
    expect(error.issues).toContainEqual(
      expect.objectContaining({ code: 'invalid_address', rule: 'R4', path: ['envelope', 'from'] }),
    );
  });

  it('reads at most 51 envelope recipients and lists at most 20 issues, the rest counted (R8)', () => {
    const to = Array.from({ length: 10_000 }, (_, index) => `not an address ${index}`);
    const error = refusal(() => checkRawMessage(raw(), { from: FROM, to }, {}, FROM));
    expect(error.issues).toHaveLength(20);
    expect(error.message).toMatch(/and \d+ more problems/);
    expect(error.message.length).toBeLessThan(10_000);
  });
});
