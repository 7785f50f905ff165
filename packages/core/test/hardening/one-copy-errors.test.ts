// Every OUTCOME_UNKNOWN comes from one builder and says the same three things, never the opposite: the service may
// have accepted it; check the recipient's inbox or the delivery status before sending again; it was not retried.
import { describe, expect, it } from 'vitest';
import { mapSendError } from '../../src/client/map-error.js';
import { outcomeUnknownError, type QcloudMailError } from '../../src/errors/qcloud-mail-error.js';
import { toQcloudMailError } from '../../src/reply/to-qcloud-mail-error.js';

function socketError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

const context = { afterDataSent: true, aborted: false, timedOut: false, totalTimeoutMs: 5000 };

const built: Array<[string, () => QcloudMailError]> = [
  ['the builder itself', () => outcomeUnknownError({ reason: 'The connection ended' })],
  [
    'toQcloudMailError, a reset after the dot',
    () => toQcloudMailError(socketError('ECONNRESET', 'read ECONNRESET'), { afterDataSent: true }),
  ],
  [
    'toQcloudMailError, a timeout after the dot',
    () => toQcloudMailError(socketError('ETIMEDOUT', 'Timeout'), { afterDataSent: true }),
  ],
  [
    'toQcloudMailError, nodemailer ECONNECTION',
    () => toQcloudMailError(socketError('ECONNECTION', 'Connection closed unexpectedly'), { afterDataSent: true }),
  ],
  ['mapSendError, aborted after the dot', () => mapSendError(new Error('aborted'), { ...context, aborted: true })],
  ['mapSendError, timed out after the dot', () => mapSendError(new Error('late'), { ...context, timedOut: true })],
  ['mapSendError, a silent end after the dot', () => mapSendError(socketError('ESOCKET', 'socket hang up'), context)],
];

describe('OUTCOME_UNKNOWN: one builder, one message', () => {
  it.each(built)('%s', (_name, build) => {
    const error = build();
    expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN', category: 'connection', rule: 'R19', retryable: false });
    expect(error.message).toContain('the service may have accepted it (R19)');
    expect(error.message).toContain("Check the recipient's inbox or the delivery status (GetSendEmailStatus, R15)");
    expect(error.message).toContain('before sending it again; it was not retried automatically.');
    expect(error.action).toContain('before sending it again');
    // The advice of a plain lost connection ("send again", "try again") would contradict the outcome.
    expect(error.message).not.toMatch(/(?:^|[.;:]\s*)(?:send|try) again/i);
    expect(error.message).not.toContain('then send');
  });

  it('adds the caller step after the check, never instead of it', () => {
    const error = outcomeUnknownError({ reason: 'The worker stopped', next: 'resolve it with resolveUnknown' });
    expect(error.action).toBe(
      "Check the recipient's inbox or the delivery status (GetSendEmailStatus, R15) before sending it again, then resolve it with resolveUnknown.",
    );
  });

  it('keeps the cause and nodemailer fields', () => {
    const cause = new Error('x');
    const error = outcomeUnknownError({ reason: 'r', cause, nodemailerCode: 'ESOCKET', command: 'DATA' });
    expect(error).toMatchObject({ cause, nodemailerCode: 'ESOCKET', command: 'DATA' });
    expect(outcomeUnknownError({ reason: 'r' }).nodemailerCode).toBe('ECONNECTION');
  });
});
