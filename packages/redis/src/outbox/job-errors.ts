import { type QcloudMailError } from '@qcloudmail/core';
import { outcomeUnknownError } from '@qcloudmail/core/internal';
import { UnrecoverableError } from 'bullmq';

const MARK = 'qcloudmail-error:';

/** The failed reason stored by BullMQ: a marker and `QcloudMailError.toJSON()`, so any process can parse it back. */
export function encodeFailure(error: QcloudMailError): string {
  return `${MARK}${JSON.stringify(error.toJSON())}`;
}

/** Reads a failed reason back; reasons written by BullMQ itself (a stalled job, say) become an `UNKNOWN` error. */
export function decodeFailure(reason: string | undefined): Record<string, unknown> | undefined {
  if (reason === undefined || reason === '') return undefined;
  if (reason.startsWith(MARK)) {
    try {
      const parsed: unknown = JSON.parse(reason.slice(MARK.length));
      if (typeof parsed === 'object' && parsed !== null) return parsed as Record<string, unknown>;
    } catch {
      // Fall through: a reason cut short is still reported, as text.
    }
  }
  return { name: 'QcloudMailError', code: 'UNKNOWN', message: reason, retryable: false };
}

/** A failed attempt that BullMQ retries after `delayMs` (the backoff strategy reads it). */
export class RetryableAttemptError extends Error {
  override readonly name = 'RetryableAttemptError';
  constructor(
    readonly error: QcloudMailError,
    readonly delayMs: number,
    readonly willRetry: boolean,
  ) {
    super(encodeFailure(error));
  }
}

/** A failure that BullMQ must not retry; `unknown` marks an outcome that may have been accepted (R19). */
export class FinalAttemptError extends UnrecoverableError {
  constructor(
    readonly error: QcloudMailError,
    readonly unknown: boolean,
  ) {
    super(encodeFailure(error));
  }
}

/** The error of a job that a worker took up again after the worker sending it died (R19). */
export function interruptedSendError(id: string): QcloudMailError {
  return outcomeUnknownError({
    reason: `The worker sending outbox job ${id} stopped before recording the outcome`,
    next: `resolve it with resolveUnknown('${id}', 'resend' or 'drop')`,
  });
}
