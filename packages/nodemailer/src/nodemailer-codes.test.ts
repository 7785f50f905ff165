import { QcloudMailError, QcloudMailPartialSendError } from '@qcloudmail/core';
import { describe, expect, it } from 'vitest';
import { nodemailerCodeOf, toTransportError } from './nodemailer-codes.js';

describe('nodemailer codes', () => {
  it('reads the code of nodemailer errors and of QcloudMailErrors alike', () => {
    expect(nodemailerCodeOf(Object.assign(new Error('x'), { code: 'EAUTH' }))).toBe('EAUTH');
    expect(nodemailerCodeOf(new QcloudMailError({ code: 'AUTH', message: 'x' }))).toBe('EAUTH');
    expect(nodemailerCodeOf('nothing')).toBeUndefined();
  });

  it('hands QcloudMailErrors over unchanged, with the nodemailer code core derived', () => {
    const original = new QcloudMailError({
      code: 'AUTH',
      message: 'Authentication failed',
      response: '535 5.7.8 Authentication failed',
      responseCode: 535,
      command: 'AUTH PLAIN',
    });
    const mapped = toTransportError(original);
    expect(mapped).toBe(original);
    expect(mapped).toMatchObject({ code: 'AUTH', nodemailerCode: 'EAUTH', responseCode: 535 });
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
