import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { SuppressionEntry } from '../suppression/types.js';
import type { SendResult } from './types.js';

/** One message of a `split` or `chunk` send that failed. */
export interface SendFailure {
  /** Its position among the messages the send planned. */
  index: number;
  to: string[];
  error: QcloudMailError;
}

/**
 * Thrown when some messages of a `split` or `chunk` send failed: every message was settled first, so `sent`
 * holds those that went out (never to be sent again) and `failures` those that did not. Its `code` is the
 * first failure's; it is never `retryable` as a whole, since retrying all would send the others twice.
 */
export class QcloudMailPartialSendError extends QcloudMailError {
  readonly sent: readonly SendResult[];
  readonly failures: readonly SendFailure[];
  /** The recipients left out before sending because the suppression list names them (R30); empty when none. */
  readonly suppressed: readonly SuppressionEntry[];

  constructor(
    sent: readonly SendResult[],
    failures: readonly SendFailure[],
    suppressed: readonly SuppressionEntry[] = [],
  ) {
    const first = failures[0]?.error;
    super({
      code: first?.code ?? 'UNKNOWN',
      category: first?.category ?? 'unknown',
      ...(first?.rule === undefined ? {} : { rule: first.rule }),
      retryable: false,
      message: `${failures.length} of ${sent.length + failures.length} messages failed (${sent.length} sent): ${first?.message ?? ''}`,
      cause: first,
    });
    this.sent = sent;
    this.failures = failures;
    this.suppressed = suppressed;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      sent: this.sent.map((result) => ({ messageId: result.messageId, to: result.envelope.to })),
      failures: this.failures.map((failure) => ({
        index: failure.index,
        to: failure.to,
        error: failure.error.toJSON(),
      })),
      ...(this.suppressed.length === 0
        ? {}
        : { suppressed: this.suppressed.map((entry) => ({ address: entry.address, reason: entry.reason })) }),
    };
  }
}
