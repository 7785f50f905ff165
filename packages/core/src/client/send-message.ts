import { isQcloudMailError, type QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { Clock } from '../rate-limit/clock.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import type { EventHub } from './event-hub.js';
import { mapSendError } from './map-error.js';
import type { PoolTransport } from './pool-transport.js';
import type { ResolvedClientOptions } from './resolve-options.js';
import { decideRetry } from './retry-policy.js';
import { createUploadMark } from './upload-mark.js';
import type { SlotGate } from './slot-gate.js';
import type { MailClientEvents, MailLogRecord, SendResult } from './types.js';

/** A message built by the MIME builder, ready for the wire. */
export interface BuiltMessage {
  raw: Buffer | string;
  messageId: string;
  envelope: { from: string; to: string[] };
  size: number;
}

/** One `send` call's shared state: its signal (the caller's, the total timeout's and the client's) and clock. */
export interface SendContext {
  /** Aborts on the caller's signal, the total timeout or a forced close; its reason is the error to report. */
  signal: AbortSignal;
  userSignal: AbortSignal | undefined;
  deadline: number;
  startedAt: number;
  buildMs: number;
}

/** Counters the sender keeps. */
export interface SenderCounters {
  sent: number;
  failed: number;
  retried: number;
  inFlight: number;
  queued: number;
}

/** What the sender needs from its client. */
export interface SenderDeps {
  options: ResolvedClientOptions;
  transport: PoolTransport;
  gate: SlotGate;
  limiter: RateLimiter | undefined;
  clock: Clock;
  events: EventHub<MailClientEvents>;
  counters: SenderCounters;
  log: (record: MailLogRecord) => void;
  random?: () => number;
}

/** The error that ended a wait: the rate limiter's own, or the reason the send's signal aborted with. */
function waitError(error: unknown, context: SendContext): unknown {
  if (isQcloudMailError(error) && error.code === 'RATE_LIMIT') return error;
  return context.signal.aborted ? context.signal.reason : error;
}

function noContext(options: ResolvedClientOptions) {
  return { afterDataSent: false, aborted: false, timedOut: false, totalTimeoutMs: options.timeouts.total };
}

/**
 * Sends one built message: waits for a connection slot and a rate-limit grant (R5, R6), transmits through the
 * pool, and retries what may be retried (R21, R24) with backoff, within the total timeout.
 */
export async function sendBuiltMessage(
  deps: SenderDeps,
  built: BuiltMessage,
  context: SendContext,
): Promise<SendResult> {
  const { clock, counters, events, options } = deps;
  const raw = typeof built.raw === 'string' ? Buffer.from(built.raw) : built.raw;
  let reported: QcloudMailError | undefined;
  const fail = (error: QcloudMailError, attempt: number): QcloudMailError => {
    reported = error;
    counters.failed += 1;
    deps.log({
      level: 'warn',
      message: 'send failed',
      data: { messageId: built.messageId, attempt, code: error.code },
    });
    events.emit('failed', { messageId: built.messageId, error });
    return error;
  };
  let queuedMs = 0;
  let transmitMs = 0;
  let attempt = 0;
  counters.queued += 1;
  let queued = true;
  try {
    if (deps.limiter !== undefined) await deps.limiter.acquireRecipients(built.envelope.from, built.envelope.to);
    for (;;) {
      attempt += 1;
      const waitStart = clock.now();
      let releaseSlot: (() => void) | undefined;
      let finishGrant: (() => void) | undefined;
      try {
        releaseSlot = await deps.gate.acquire(context.signal);
        if (deps.limiter !== undefined) finishGrant = await deps.limiter.acquireAccount(waitStart, context.signal);
      } catch (error) {
        releaseSlot?.();
        throw waitError(error, context);
      }
      const release = (): void => {
        finishGrant?.();
        releaseSlot?.();
      };
      queuedMs += clock.now() - waitStart;
      if (queued) {
        counters.queued -= 1;
        queued = false;
      }
      counters.inFlight += 1;
      events.emit('sending', {
        messageId: built.messageId,
        to: built.envelope.to.map((address) => ({ name: '', address })),
        attempt,
      });
      const transmitStart = clock.now();
      // This attempt's own mark: never shared with another attempt or another send of the same Message-ID.
      const upload = createUploadMark();
      try {
        const info = await deps.transport.send(raw, built.envelope, upload, context.signal);
        transmitMs += clock.now() - transmitStart;
        const now = clock.now();
        const result: SendResult = {
          messageId: built.messageId,
          envelope: { from: built.envelope.from, to: [...built.envelope.to] },
          accepted: info.accepted,
          rejected: info.rejected,
          response: info.response,
          attempts: attempt,
          size: built.size,
          timings: { queuedMs, buildMs: context.buildMs, transmitMs, totalMs: now - context.startedAt },
        };
        counters.sent += 1;
        deps.log({
          level: 'info',
          message: 'sent',
          data: { messageId: built.messageId, attempts: attempt, response: info.response },
        });
        events.emit('sent', { messageId: built.messageId, result });
        return result;
      } catch (cause) {
        transmitMs += clock.now() - transmitStart;
        const reason: unknown = context.signal.reason;
        const error = mapSendError(cause, {
          afterDataSent: upload.handedOver,
          aborted: context.userSignal?.aborted === true || (isQcloudMailError(reason) && reason.code === 'CLOSED'),
          closedBy: isQcloudMailError(reason) && reason.code === 'CLOSED' ? reason : undefined,
          timedOut: context.signal.aborted && isQcloudMailError(reason) && reason.code === 'TIMEOUT',
          totalTimeoutMs: options.timeouts.total,
        });
        const decision = decideRetry(attempt, error, options.retry, context.deadline - clock.now(), deps.random);
        if (!decision.retry) throw fail(error, attempt);
        counters.retried += 1;
        deps.log({
          level: 'info',
          message: 'retrying',
          data: { messageId: built.messageId, attempt, code: error.code, delayMs: decision.delayMs },
        });
        events.emit('retrying', { messageId: built.messageId, error, attempt, delayMs: decision.delayMs });
        try {
          await clock.sleep(decision.delayMs, context.signal);
        } catch (sleepError) {
          throw waitError(sleepError, context);
        }
      } finally {
        counters.inFlight -= 1;
        release();
      }
    }
  } catch (error) {
    // Errors of the waits (rate limit, abort, timeout) are reported here; attempt errors already were.
    if (error === reported) throw error;
    throw fail(isQcloudMailError(error) ? error : mapSendError(error, noContext(options)), attempt);
  } finally {
    if (queued) counters.queued -= 1;
  }
}
