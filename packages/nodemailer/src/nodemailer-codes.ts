import {
  isQcloudMailError,
  type MailIssueCode,
  type NodemailerErrorCode,
  QcloudMailError,
  type QcloudMailErrorCode,
  toQcloudMailError,
} from '@qcloudmail/core';

// Problems nodemailer reports as envelope errors (EENVELOPE) rather than message errors (EMESSAGE).
const ENVELOPE_ISSUES: ReadonlySet<MailIssueCode> = new Set([
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
  // A reply to DATA refused the message (R16): nodemailer's EMESSAGE.
  PROVIDER: 'EMESSAGE',
  RATE_LIMIT: 'EMESSAGE',
};

/** The code nodemailer would have given the same failure, derived from qcloudmail's code and issues. */
export function nodemailerCodeFor(error: QcloudMailError): NodemailerErrorCode | undefined {
  if (error.nodemailerCode !== undefined) return error.nodemailerCode;
  if (error.code === 'VALIDATION') {
    return error.issues.some((issue) => ENVELOPE_ISSUES.has(issue.code)) ? 'EENVELOPE' : 'EMESSAGE';
  }
  return BY_CODE[error.code];
}

/**
 * nodemailer's error code of any error: a `QcloudMailError`'s `nodemailerCode` (or the one derived from its
 * code), or the `code` of nodemailer's own errors; so one check works across transports during a migration.
 */
export function nodemailerCodeOf(error: unknown): string | undefined {
  if (isQcloudMailError(error)) return nodemailerCodeFor(error);
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The error handed to nodemailer's callback: always a `QcloudMailError`, with `nodemailerCode` filled in.
 * Subclasses (a partial split send) keep their identity and extra fields, so they are passed unchanged.
 */
export function toTransportError(error: unknown): QcloudMailError {
  const mapped = isQcloudMailError(error) ? error : toQcloudMailError(error);
  if (mapped.nodemailerCode !== undefined || Object.getPrototypeOf(mapped) !== QcloudMailError.prototype) return mapped;
  const nodemailerCode = nodemailerCodeFor(mapped);
  if (nodemailerCode === undefined) return mapped;
  const copy = new QcloudMailError({
    code: mapped.code,
    message: mapped.message,
    category: mapped.category,
    issues: mapped.issues,
    retryable: mapped.retryable,
    nodemailerCode,
    ...defined({
      rule: mapped.rule,
      retryAfterMs: mapped.retryAfterMs,
      providerCode: mapped.providerCode,
      requestId: mapped.requestId,
      messageZh: mapped.messageZh,
      action: mapped.action,
      response: mapped.response,
      responseCode: mapped.responseCode,
      command: mapped.command,
      cause: mapped.cause,
    }),
  });
  if (mapped.stack !== undefined) copy.stack = mapped.stack;
  return copy;
}

function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
