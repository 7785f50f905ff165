import { describe, expect, it } from 'vitest';
import { QcloudMailError } from './qcloud-mail-error.js';

const issue = (code: 'invalid_address' | 'body_required') => ({
  code,
  path: ['to'],
  rule: 'HEADERS' as const,
  message: 'x',
});

describe("QcloudMailError's nodemailerCode", () => {
  it.each([
    ['AUTH', 'EAUTH'],
    ['CONNECTION', 'ECONNECTION'],
    ['TIMEOUT', 'ETIMEDOUT'],
    ['PROVIDER', 'EMESSAGE'],
    ['RATE_LIMIT', 'EMESSAGE'],
    ['OUTCOME_UNKNOWN', 'ECONNECTION'],
    ['ABORTED', 'EABORT'],
    ['CONFIGURATION', 'ECONFIG'],
  ] as const)('derives %s as %s', (code, expected) => {
    expect(new QcloudMailError({ code, message: 'x' }).nodemailerCode).toBe(expected);
  });

  it('tells envelope problems (EENVELOPE) from message problems (EMESSAGE)', () => {
    const envelope = new QcloudMailError({ code: 'VALIDATION', message: 'x', issues: [issue('invalid_address')] });
    const body = new QcloudMailError({ code: 'VALIDATION', message: 'x', issues: [issue('body_required')] });
    const both = new QcloudMailError({
      code: 'VALIDATION',
      message: 'x',
      issues: [issue('invalid_address'), issue('body_required')],
    });
    expect(envelope.nodemailerCode).toBe('EENVELOPE');
    expect(body.nodemailerCode).toBe('EMESSAGE');
    expect(both.nodemailerCode).toBe('EMESSAGE');
  });

  it('keeps a code given explicitly, and has none for codes nodemailer lacks', () => {
    expect(new QcloudMailError({ code: 'CONNECTION', message: 'x', nodemailerCode: 'ETLS' }).nodemailerCode).toBe(
      'ETLS',
    );
    expect(new QcloudMailError({ code: 'UNKNOWN', message: 'x' }).nodemailerCode).toBeUndefined();
  });
});
