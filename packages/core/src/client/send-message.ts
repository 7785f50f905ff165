import type { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { acquireSlot } from './acquire-slot.js';
import { decideNext } from './decide-next.js';
import { toSendError } from './map-error.js';
import type { RecipientGrant } from '../rate-limit/rate-limiter.js';
import type { BuiltMessage, SendContext, SenderDeps } from './send-context.js';
import { transmitOnce } from './transmit-once.js';
import type { SendResult, SendTimings } from './types.js';

/** Counts, logs and emits a message's final failure; returns the error to throw. */
function reportFailed(deps: SenderDeps, built: BuiltMessage, error: QcloudMailError, attempt: number): QcloudMailError {
  deps.counters.failed += 1;
  deps.log({ level: 'warn', message: 'send failed', data: { messageId: built.messageId, attempt, code: error.code } });
  deps.events.emit('failed', { messageId: built.messageId, error });
  return error;
}

/** Counts, logs and emits a message the service accepted. */
function reportSent(deps: SenderDeps, result: SendResult): void {
  deps.counters.sent += 1;
  deps.log({
    level: 'info',
    message: 'sent',
    data: { messageId: result.messageId, attempts: result.attempts, response: result.response },
  });
  deps.events.emit('sent', { messageId: result.messageId, result });
}

/**
 * Sends one built message: waits for the recipients' hourly grant (R6), then per attempt for a slot and the
 * account's grant (`acquireSlot`, R5), transmits once (`transmitOnce`) and decides whether to retry
 * (`decideNext`, R21, R24), within the total timeout.
 */
export async function sendBuiltMessage(
  deps: SenderDeps,
  built: BuiltMessage,
  context: SendContext,
): Promise<SendResult> {
  const { clock, counters } = deps;
  const raw = typeof built.raw === 'string' ? Buffer.from(built.raw) : built.raw;
  const timings: SendTimings = { queuedMs: 0, buildMs: context.buildMs, transmitMs: 0, totalMs: 0 };
  let reported: QcloudMailError | undefined;
  let attempt = 0;
  counters.queued += 1;
  let queued = true;
  let recipients: RecipientGrant | undefined;
  // Whether any attempt's last byte may have left: from then on the service may have counted the message (R6).
  let handedOver = false;
  try {
    if (deps.limiter !== undefined) {
      recipients = await deps.limiter.acquireRecipients(built.envelope.from, built.envelope.to);
    }
    for (;;) {
      attempt += 1;
      const slot = await acquireSlot(deps, context);
      timings.queuedMs += slot.waitedMs;
      if (queued) {
        counters.queued -= 1;
        queued = false;
      }
      counters.inFlight += 1;
      try {
        deps.events.emit('sending', {
          messageId: built.messageId,
          to: built.envelope.to.map((address) => ({ name: '', address })),
          attempt,
        });
        const outcome = await transmitOnce(deps, built, raw, context, slot.grantAtLastBytes);
        timings.transmitMs += outcome.transmitMs;
        if (outcome.ok) {
          const grantedAt = slot.grantedAt();
          // A new connection's handshake is left out (once per connection, not per message), and so is a wait of
          // the last bytes for their grant: counting it would let the gate grow with its own queue.
          const busyMs = (outcome.info.connectionMs ?? outcome.transmitMs) - slot.lastBytesWaitedMs();
          deps.recordAttempt?.({
            busyMs,
            heldMs: grantedAt === undefined || deps.options.rateLimit === false ? busyMs : clock.now() - grantedAt,
          });
          const result: SendResult = {
            messageId: built.messageId,
            envelope: { from: built.envelope.from, to: [...built.envelope.to] },
            accepted: outcome.info.accepted,
            rejected: outcome.info.rejected,
            response: outcome.info.response,
            attempts: attempt,
            size: built.size,
            timings: { ...timings, totalMs: clock.now() - context.startedAt },
          };
          reportSent(deps, result);
          return result;
        }
        if (outcome.handedOver) handedOver = true;
        // The slot is held through the backoff, as before: the retry takes its place first.
        if ((await decideNext(deps, built, outcome.error, attempt, context)) === 'stop') {
          reported = reportFailed(deps, built, outcome.error, attempt);
          throw reported;
        }
      } finally {
        counters.inFlight -= 1;
        slot.release();
      }
    }
  } catch (error) {
    // No final dot ever left (it failed before, or never left the queue): the service cannot have counted the
    // message, so its recipients get their hourly slots back (R6). Never after an unknown outcome.
    const failure = toSendError(error, deps.options.timeouts.total);
    if (!handedOver && failure.code !== 'OUTCOME_UNKNOWN') await recipients?.release();
    // Errors of the waits (rate limit, abort, timeout) are reported here; attempt errors already were.
    if (error === reported) throw error;
    throw reportFailed(deps, built, failure, attempt);
  } finally {
    if (queued) counters.queued -= 1;
  }
}
