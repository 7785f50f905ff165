import { type Attributes, context, SpanKind, trace } from '@opentelemetry/api';
import { MAIL_ATTRIBUTES as A, type QcloudMailError, toQcloudMailError } from '@qcloudmail/core';
import { errorMetricAttributes, type ResolvedTelemetry, recordSpanError } from '@qcloudmail/core/internal';
import { DelayedError } from 'bullmq';
import { FinalAttemptError, RetryableAttemptError } from '../outbox/job-errors.js';
import type { OutboxSendResult } from '../outbox/outbox-types.js';
import { jobInstrumentsOf, jobTracerOf } from './job-instruments.js';
import { enqueuedContext } from './trace-carrier.js';

/** What became of one job's attempt: sent, to be retried, put back to wait for the rate limit, failed or unknown. */
export type JobOutcome = 'sent' | 'retrying' | 'delayed' | 'failed' | 'unknown';

/** The part of a BullMQ job its span reads. */
export interface TracedJob {
  id?: string | undefined;
  attemptsMade: number;
  data: { trace?: unknown };
}

/** A worker's telemetry: a span around each job and its counts. */
export interface JobTelemetry {
  /** Runs one job's processing under its span (SpanKind CONSUMER), child of the context that enqueued it. */
  traced(job: TracedJob, run: () => Promise<OutboxSendResult>): Promise<OutboxSendResult>;
}

/** What the processor's rejection means, from the errors `processJob` throws. */
function settle(thrown: unknown): { outcome: JobOutcome; error?: QcloudMailError } {
  // A local rate-limit wait sent nothing and used no attempt: not a failure.
  if (thrown instanceof DelayedError) return { outcome: 'delayed' };
  if (thrown instanceof RetryableAttemptError) {
    return { outcome: thrown.willRetry ? 'retrying' : 'failed', error: thrown.error };
  }
  if (thrown instanceof FinalAttemptError)
    return { outcome: thrown.unknown ? 'unknown' : 'failed', error: thrown.error };
  return { outcome: 'failed', error: toQcloudMailError(thrown) };
}

/**
 * Opens the telemetry of an outbox's workers on `queueName` (docs/telemetry.md), from the outbox's checked
 * `telemetry` option (`false`: jobs run as they are).
 */
export function openJobTelemetry(telemetry: ResolvedTelemetry | false, queueName: string): JobTelemetry {
  if (telemetry === false) return { traced: (_job, run) => run() };
  const metricAttributes: Attributes = {
    [A.messagingSystem]: 'bullmq',
    [A.messagingOperationName]: 'process',
    [A.messagingDestination]: queueName,
  };
  return {
    traced(job, run) {
      const parent = enqueuedContext(job.data.trace);
      const span = jobTracerOf(telemetry).startSpan(
        `process ${queueName}`,
        {
          kind: SpanKind.CONSUMER,
          attributes: {
            ...metricAttributes,
            [A.messagingOperationType]: 'process',
            [A.messagingMessageId]: job.id ?? '',
            [A.attempt]: job.attemptsMade + 1,
          },
        },
        parent,
      );
      const instruments = jobInstrumentsOf(telemetry);
      const started = performance.now();
      const finish = (outcome: JobOutcome, error?: QcloudMailError): void => {
        const errorType = error === undefined ? {} : { [A.errorType]: error.code };
        span.setAttribute(A.outcome, outcome);
        if (error !== undefined) recordSpanError(span, error, telemetry.recordRecipients);
        instruments.jobs.add(1, {
          [A.messagingDestination]: queueName,
          [A.outcome]: outcome,
          ...(error === undefined ? {} : errorMetricAttributes(error)),
        });
        instruments.processDuration.record((performance.now() - started) / 1000, { ...metricAttributes, ...errorType });
        span.end();
      };
      return context.with(trace.setSpan(parent, span), run).then(
        (result) => {
          span.setAttributes({ [A.possibleDuplicate]: result.possibleDuplicate, [A.messageId]: result.messageId });
          finish('sent');
          return result;
        },
        (thrown: unknown) => {
          const { outcome, error } = settle(thrown);
          finish(outcome, error);
          throw thrown;
        },
      );
    },
  };
}
