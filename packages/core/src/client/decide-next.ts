import type { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { waitError } from './acquire-slot.js';
import { decideRetry } from './retry-policy.js';
import type { BuiltMessage, SendContext, SenderDeps } from './send-context.js';

/**
 * After attempt `attempt` failed with `error`: whether to try again (R21, R24), within the attempts and the
 * total timeout. On `'retry'` the backoff has been waited out and the retry reported; on `'stop'` the caller
 * reports `error` as the send's failure. Throws the signal's reason when it aborts during the backoff.
 */
export async function decideNext(
  deps: SenderDeps,
  built: BuiltMessage,
  error: QcloudMailError,
  attempt: number,
  context: SendContext,
): Promise<'retry' | 'stop'> {
  const { clock, options } = deps;
  const decision = decideRetry(attempt, error, options.retry, context.deadline - clock.now(), deps.random);
  if (!decision.retry) return 'stop';
  deps.counters.retried += 1;
  deps.log({
    level: 'info',
    message: 'retrying',
    data: { messageId: built.messageId, attempt, code: error.code, delayMs: decision.delayMs },
  });
  deps.events.emit('retrying', { messageId: built.messageId, error, attempt, delayMs: decision.delayMs });
  try {
    await clock.sleep(decision.delayMs, context.signal);
  } catch (sleepError) {
    throw waitError(sleepError, context);
  }
  return 'retry';
}
