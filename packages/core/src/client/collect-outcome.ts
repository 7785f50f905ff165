import type { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { QcloudMailPartialSendError, type SendFailure } from './partial-failure.js';
import type { BuiltMessage } from './send-context.js';
import type { SendOutcome, SendResult } from './types.js';

/**
 * The outcome of a send once each of its messages settled: every message sent, or the one failure of a single
 * message, or a `QcloudMailPartialSendError` holding both what went out and what did not.
 */
export function collectOutcome(
  built: readonly BuiltMessage[],
  settled: ReadonlyArray<PromiseSettledResult<SendResult>>,
  toError: (reason: unknown) => QcloudMailError,
): SendOutcome {
  const sent: SendResult[] = [];
  const failures: SendFailure[] = [];
  settled.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') sent.push(outcome.value);
    else failures.push({ index, to: built[index]?.envelope.to ?? [], error: toError(outcome.reason) });
  });
  if (failures.length > 0) {
    if (built.length === 1) throw failures[0]?.error;
    throw new QcloudMailPartialSendError(sent, failures);
  }
  const first = sent[0] as SendResult;
  return { ...first, messages: sent };
}
