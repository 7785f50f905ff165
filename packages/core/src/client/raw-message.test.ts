import { describe, expect, it } from 'vitest';
import { isQcloudMailError } from '../errors/qcloud-mail-error.js';
import { checkRawMessage } from './raw-message.js';

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
    const built = checkRawMessage(raw('a@example.org, b@example.org'), undefined, {});
    expect(built.envelope).toEqual({ from: FROM, to: ['a@example.org', 'b@example.org'] });
    expect(built.messageId).toBe('<raw-check@mail.example.com>');
  });

  it('accepts a given envelope that names exactly the headers', () => {
    expect(checkRawMessage(raw(), { from: FROM, to: ['user@example.org'] }, {}).envelope.to).toEqual([
      'user@example.org',
    ]);
  });

  it('refuses envelope-only recipients (Bcc, R9) and another envelope sender (R4)', () => {
    expect(
      issueCodes(() => checkRawMessage(raw(), { from: FROM, to: ['user@example.org', 'hidden@example.org'] }, {})),
    ).toContain('bcc_unsupported');
    expect(
      issueCodes(() => checkRawMessage(raw(), { from: 'other@example.org', to: ['user@example.org'] }, {})),
    ).toContain('invalid_address');
  });
});
