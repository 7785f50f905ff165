import { isQcloudMailError, outcomeUnknownError, QcloudMailError } from '../errors/qcloud-mail-error.js';
import { toQcloudMailError } from '../reply/to-qcloud-mail-error.js';

/** Where a failed attempt stood when it failed. */
export interface FailureContext {
  /** The final dot of DATA left this process and no reply came (R19). */
  afterDataSent: boolean;
  /** The caller's signal ended the attempt. */
  aborted: boolean;
  /** The total timeout of the send ended the attempt. */
  timedOut: boolean;
  totalTimeoutMs: number;
  /** The client was closed past its drain deadline while the attempt ran: it fails with this `CLOSED` error. */
  closedBy?: QcloudMailError | undefined;
}

function unknownOutcome(reason: string, cause: unknown): QcloudMailError {
  return outcomeUnknownError({
    reason: `${reason} after the whole message was sent, before the service answered`,
    cause,
  });
}

/**
 * Turns whatever ended an attempt into a `QcloudMailError`: the reply catalog's judgement for replies and
 * connection errors (R16-R21), `OUTCOME_UNKNOWN` when the connection ended after the final dot without a reply,
 * `ABORTED` and `TIMEOUT` for the caller's signal and the total timeout.
 */
export function mapSendError(error: unknown, context: FailureContext): QcloudMailError {
  if (context.closedBy !== undefined && !context.afterDataSent) return context.closedBy;
  if (context.aborted || context.timedOut) {
    const reason = context.aborted ? 'The send was aborted' : `The send timed out (${context.totalTimeoutMs} ms)`;
    if (context.afterDataSent) return unknownOutcome(reason, error);
    return new QcloudMailError({
      code: context.aborted ? 'ABORTED' : 'TIMEOUT',
      category: context.aborted ? 'unknown' : 'timeout',
      message: `${reason}; the message was not sent`,
      retryable: !context.aborted,
      cause: error,
    });
  }
  if (isQcloudMailError(error)) return error;
  const mapped = toQcloudMailError(error, { afterDataSent: context.afterDataSent });
  // A reply settles the outcome; only a silent end after the final dot leaves it unknown.
  if (context.afterDataSent && mapped.responseCode === undefined && mapped.code !== 'OUTCOME_UNKNOWN') {
    return unknownOutcome('The connection ended', error);
  }
  return mapped;
}

/** Turns an error thrown outside an attempt (a wait, a settled send) into a `QcloudMailError`, as is if it is one. */
export function toSendError(error: unknown, totalTimeoutMs: number): QcloudMailError {
  if (isQcloudMailError(error)) return error;
  return mapSendError(error, { afterDataSent: false, aborted: false, timedOut: false, totalTimeoutMs });
}
