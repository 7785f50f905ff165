import { type MailClient, type QcloudMailError, toQcloudMailError } from '@qcloudmail/core';
import { backoffDelay, isRetryable, type ResolvedRetryPolicy } from '@qcloudmail/core/internal';
import { DelayedError, type Job } from 'bullmq';
import { FinalAttemptError, interruptedSendError, RetryableAttemptError } from './job-errors.js';
import type { InterruptedSendPolicy, OutboxSendResult } from './outbox-types.js';
import { deserializeMessage, type SerializedMessage } from './serialize-message.js';

/** The data of an outbox job. */
export interface OutboxJobData {
  message: SerializedMessage;
  enqueuedAt: number;
  /** The trace context that enqueued the job (`traceparent`), when an OpenTelemetry propagator is registered. */
  trace?: Record<string, string>;
}

/** What a worker needs to process a job. */
export interface ProcessDeps {
  client: MailClient;
  retry: ResolvedRetryPolicy;
  onInterruptedSend: InterruptedSendPolicy;
  /** Records a job whose outcome is unknown, before it is failed. */
  markUnknown(id: string): Promise<void>;
}

/**
 * The job's progress while a send is under way. A worker taking up a job whose marker names the current
 * attempt knows that an earlier send of this attempt started and never recorded its end: its worker died.
 */
interface SendMarker {
  phase: 'sending' | 'waiting';
  attempt: number;
  startedAt: number;
}

function isMarker(value: unknown): value is SendMarker {
  return typeof value === 'object' && value !== null && 'phase' in value && 'attempt' in value;
}

// A refusal of the local limiter sent nothing: waiting for it must not use up an attempt.
function isLocalRateLimit(error: QcloudMailError): boolean {
  return error.code === 'RATE_LIMIT' && error.responseCode === undefined && error.providerCode === undefined;
}

/** Sends one job's message and turns every outcome into what BullMQ should do next. */
export async function processJob(
  job: Job<OutboxJobData, OutboxSendResult>,
  token: string | undefined,
  deps: ProcessDeps,
): Promise<OutboxSendResult> {
  const id = job.id ?? '';
  const previous = job.progress;
  const interrupted = isMarker(previous) && previous.phase === 'sending' && previous.attempt === job.attemptsMade;
  if (interrupted && deps.onInterruptedSend === 'hold') {
    await deps.markUnknown(id);
    throw new FinalAttemptError(interruptedSendError(id), true);
  }
  const marker: SendMarker = { phase: 'sending', attempt: job.attemptsMade, startedAt: Date.now() };
  await job.updateProgress(marker);
  try {
    const outcome = await deps.client.send(deserializeMessage(job.data.message));
    return {
      messageId: outcome.messageId,
      response: outcome.response,
      accepted: outcome.accepted,
      rejected: outcome.rejected,
      messages: outcome.messages.map(({ messageId, accepted, rejected, response }) => ({
        messageId,
        accepted,
        rejected,
        response,
      })),
      attempts: job.attemptsMade + 1,
      possibleDuplicate: interrupted,
      sentAt: Date.now(),
      ...(outcome.suppressed === undefined
        ? {}
        : { suppressed: outcome.suppressed.map((entry) => ({ address: entry.address, reason: entry.reason })) }),
    };
  } catch (raw) {
    const error = toQcloudMailError(raw);
    if (error.code === 'OUTCOME_UNKNOWN') {
      await deps.markUnknown(id);
      throw new FinalAttemptError(error, true);
    }
    if (isLocalRateLimit(error)) {
      await job.updateProgress({ ...marker, phase: 'waiting' });
      await job.moveToDelayed(Date.now() + (error.retryAfterMs ?? 1000), token);
      throw new DelayedError();
    }
    if (!isRetryable(error, deps.retry)) throw new FinalAttemptError(error, false);
    const attempt = job.attemptsMade + 1;
    const attempts = job.opts.attempts ?? 1;
    const delayMs = backoffDelay(attempt, deps.retry, error);
    throw new RetryableAttemptError(error, delayMs, attempt < attempts);
  }
}
