import { type MailClient, toQcloudMailError } from '@qcloudmail/core';
import { type ResolvedRetryPolicy, type ResolvedTelemetry } from '@qcloudmail/core/internal';
import { type Job, Worker } from 'bullmq';
import { closeConnection, openConnection, type RedisConnectionInput } from '../connection.js';
import { FinalAttemptError, RetryableAttemptError } from './job-errors.js';
import type { OutboxEventHub } from './outbox-events.js';
import type { InterruptedSendPolicy, OutboxSendResult, OutboxWorker } from './outbox-types.js';
import { type OutboxJobData, processJob } from './process-job.js';
import { openJobTelemetry } from '../telemetry/job-telemetry.js';

/** The name of the outbox's backoff strategy (the job option `backoff.type`). */
export const BACKOFF_TYPE = 'qcloudmail';

/** Everything a worker needs, resolved by `createOutbox`. */
export interface WorkerSettings {
  connection: RedisConnectionInput;
  queueName: string;
  prefix: string;
  client: MailClient;
  concurrency: number;
  retry: ResolvedRetryPolicy;
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
  onInterruptedSend: InterruptedSendPolicy;
  events: OutboxEventHub;
  markUnknown(id: string): Promise<void>;
  /** The outbox's `telemetry` option, as `createOutbox` checked it. */
  telemetry: ResolvedTelemetry | false;
  /** Records the 250 of each message sent, for `Outbox.status`. */
  recordAccepted(id: string, result: OutboxSendResult): Promise<void>;
}

/** Starts a BullMQ worker that sends the outbox's jobs through `client` and reports each outcome as an event. */
export function startOutboxWorker(settings: WorkerSettings): OutboxWorker {
  const telemetry = openJobTelemetry(settings.telemetry, settings.queueName);
  // Workers block on Redis, which BullMQ allows only with maxRetriesPerRequest null: a connection of their own.
  const connection = openConnection(settings.connection, { maxRetriesPerRequest: null }, false);
  const { events } = settings;
  const worker = new Worker<OutboxJobData, OutboxSendResult>(
    settings.queueName,
    (job, token) => telemetry.traced(job, () => processJob(job, token, { ...settings })),
    {
      connection: connection.redis,
      prefix: settings.prefix,
      concurrency: settings.concurrency,
      lockDuration: settings.lockDurationMs,
      stalledInterval: settings.stalledIntervalMs,
      maxStalledCount: settings.maxStalledCount,
      settings: {
        // The processor computed the delay (honouring retryAfterMs); any other error gets the base delay.
        backoffStrategy: (_attempts, _type, error) =>
          error instanceof RetryableAttemptError ? error.delayMs : settings.retry.baseDelayMs,
      },
    },
  );
  worker.on('error', () => {
    // Connection trouble is retried by BullMQ; without a listener Node would treat it as fatal.
  });
  worker.on('completed', (job: Job<OutboxJobData, OutboxSendResult>, result: OutboxSendResult) => {
    events.emit('sent', { id: job.id ?? '', result });
    // The job is complete either way: a record that failed to write leaves its status to the delivery events.
    settings.recordAccepted(job.id ?? '', result).catch(() => {});
  });
  worker.on('failed', (job: Job<OutboxJobData, OutboxSendResult> | undefined, error: Error) => {
    const id = job?.id ?? '';
    if (error instanceof RetryableAttemptError && error.willRetry) {
      events.emit('retrying', { id, error: error.error, attempt: job?.attemptsMade ?? 0, delayMs: error.delayMs });
    } else if (error instanceof FinalAttemptError && error.unknown) {
      events.emit('unknown', { id, error: error.error });
    } else if (error instanceof FinalAttemptError || error instanceof RetryableAttemptError) {
      events.emit('failed', { id, error: error.error });
    } else {
      // BullMQ's own failures, such as a job that stalled too often.
      events.emit('failed', { id, error: toQcloudMailError(error) });
    }
  });
  let closing: Promise<void> | undefined;
  return {
    close() {
      closing ??= (async () => {
        await worker.close();
        await closeConnection(connection);
      })();
      return closing;
    },
  };
}
