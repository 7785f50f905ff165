import type { MailIssue } from '../model/issues.js';
import type { NodemailerErrorCode, QcloudMailErrorCode } from './error-codes.js';

// Problems nodemailer reports as envelope errors (EENVELOPE) rather than message errors (EMESSAGE).
const ENVELOPE_ISSUES: ReadonlySet<MailIssue['code']> = new Set([
  'from_required',
  'to_required',
  'invalid_address',
  'cc_unsupported',
  'bcc_unsupported',
  'too_many_recipients',
]);

const BY_CODE: Partial<Record<QcloudMailErrorCode, NodemailerErrorCode>> = {
  AUTH: 'EAUTH',
  CONNECTION: 'ECONNECTION',
  TIMEOUT: 'ETIMEDOUT',
  // The connection ended after the final dot: nodemailer reports the lost connection.
  OUTCOME_UNKNOWN: 'ECONNECTION',
  CLOSED: 'ECONNECTION',
  ABORTED: 'EABORT',
  CONFIGURATION: 'ECONFIG',
  // A reply to DATA refused the message (R16): nodemailer's EMESSAGE.
  PROVIDER: 'EMESSAGE',
  RATE_LIMIT: 'EMESSAGE',
  // A recipient refused before the envelope was sent: nodemailer's envelope error.
  SUPPRESSED: 'EENVELOPE',
  // The message could not be rendered from its template: a message error, as nodemailer's template plugins say.
  TEMPLATE: 'EMESSAGE',
};

/**
 * The code nodemailer would have given the same failure, so that users' `EAUTH`-style checks carry over:
 * envelope problems are `EENVELOPE`, other message problems `EMESSAGE`.
 */
export function defaultNodemailerCode(
  code: QcloudMailErrorCode,
  issues: readonly MailIssue[] = [],
): NodemailerErrorCode | undefined {
  if (code === 'VALIDATION') {
    return issues.length > 0 && issues.every((issue) => ENVELOPE_ISSUES.has(issue.code)) ? 'EENVELOPE' : 'EMESSAGE';
  }
  return BY_CODE[code];
}
