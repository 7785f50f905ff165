import { QcloudMailError, QcloudMailPartialSendError } from '@qcloudmail/core';
import { describe, expect, it } from 'vitest';
import { nodemailerCodeFor, nodemailerCodeOf, toTransportError } from './nodemailer-codes.js';

const issue = (code: 'invalid_address' | 'body_required') => ({
  code,
  path: ['to'],
  rule: 'HEADERS' as const,
  message: 'x',
});

describe('nodemailer codes', () => {
  it.each([
    ['AUTH', 'EAUTH'],
    ['CONNECTION', 'ECONNECTION'],
    ['TIMEOUT', 'ETIMEDOUT'],
    ['PROVIDER', 'EMESSAGE'],
    ['OUTCOME_UNKNOWN', 'ECONNECTION'],
  ] as const)('derives %s as %s', (code, expected) => {
    expect(nodemailerCodeFor(new QcloudMailError({ code, message: 'x' }))).toBe(expected);
  });

  it('tells envelope problems (EENVELOPE) from message problems (EMESSAGE)', () => {
    const envelope = new QcloudMailError({ code: 'VALIDATION', message: 'x', issues: [issue('invalid_address')] });
    const body = new QcloudMailError({ code: 'VALIDATION', message: 'x', issues: [issue('body_required')] });
    expect(nodemailerCodeFor(envelope)).toBe('EENVELOPE');
    expect(nodemailerCodeFor(body)).toBe('EMESSAGE');
  });

  it('keeps a code core already set, and has none for codes nodemailer lacks', () => {
    expect(nodemailerCodeFor(new QcloudMailError({ code: 'CONNECTION', message: 'x', nodemailerCode: 'ETLS' }))).toBe(
      'ETLS',
    );
    expect(nodemailerCodeFor(new QcloudMailError({ code: 'ABORTED', message: 'x' }))).toBeUndefined();
  });

  it('reads the code of nodemailer errors and of QcloudMailErrors alike', () => {
    expect(nodemailerCodeOf(Object.assign(new Error('x'), { code: 'EAUTH' }))).toBe('EAUTH');
    expect(nodemailerCodeOf(new QcloudMailError({ code: 'AUTH', message: 'x' }))).toBe('EAUTH');
    expect(nodemailerCodeOf('nothing')).toBeUndefined();
  });

  it('fills nodemailerCode in a copy that keeps every other field and the stack', () => {
    const cause = new Error('socket');
    const original = new QcloudMailError({
      code: 'AUTH',
      message: 'Authentication failed',
      response: '535 5.7.8 Authentication failed',
      responseCode: 535,
      command: 'AUTH PLAIN',
      cause,
    });
    const mapped = toTransportError(original);
    expect(mapped).toBeInstanceOf(QcloudMailError);
    expect(mapped).toMatchObject({ code: 'AUTH', nodemailerCode: 'EAUTH', responseCode: 535, cause });
    expect(mapped.response).toContain('535');
    expect(mapped.stack).toBe(original.stack);
  });

  it('passes subclasses and unmappable errors unchanged, and wraps anything else', () => {
    const partial = new QcloudMailPartialSendError(
      [],
      [{ index: 0, to: ['a@b.c'], error: new QcloudMailError({ code: 'PROVIDER', message: 'x' }) }],
    );
    expect(toTransportError(partial)).toBe(partial);
    const aborted = new QcloudMailError({ code: 'ABORTED', message: 'x' });
    expect(toTransportError(aborted)).toBe(aborted);
    expect(toTransportError(new Error('boom'))).toBeInstanceOf(QcloudMailError);
  });
});
