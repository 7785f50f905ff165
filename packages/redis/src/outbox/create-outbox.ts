import { randomUUID } from 'node:crypto';
import {
  assertValidMessage,
  createMailClient,
  type MailClient,
  type MailClientOptions,
  type MailMessageInput,
  isTemplatedMessage,
  QcloudMailError,
  renderMessage,
  type SendInput,
} from '@qcloudmail/core';
import { resolveRetryPolicy, resolveTelemetryOptions } from '@qcloudmail/core/internal';
import { Queue } from 'bullmq';
import { closeConnection, defaultRedisUrl, openConnection, redisError } from '../connection.js';
import { createRedisRateLimitStore } from '../rate-limit/redis-rate-limit-store.js';
import { traceCarrier } from '../telemetry/trace-carrier.js';
import { createDeliveryLog } from './delivery-log.js';
import { createOutboxEventHub } from './outbox-events.js';
import type { Outbox, OutboxOptions, OutboxWorker } from './outbox-types.js';
import { createJobReader } from './read-jobs.js';
import type { OutboxJobData } from './process-job.js';
import { serializeMessage } from './serialize-message.js';
import { BACKOFF_TYPE, startOutboxWorker } from './start-worker.js';

function isMailClient(value: MailClient | MailClientOptions): value is MailClient {
  return typeof (value as MailClient).send === 'function';
}

function checkId(id: unknown): string {
  // BullMQ refuses ids that look like integers (its own ids) or contain ':' (its key separator).
  if (typeof id !== 'string' || id === '' || id.length > 256 || id.includes(':') || /^-?\d+$/.test(id)) {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      message: 'Invalid outbox id: expected 1 to 256 characters, without ":", and not a whole number',
    });
  }
  return id;
}

function positiveWhole(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      message: `Invalid option ${option}: expected a whole number of at least 1`,
    });
  }
  return value;
}

/**
 * Creates the durable outbox on BullMQ: `enqueue` validates and stores a message; workers (`startWorker`, in
 * any number of processes) send it through core's client under the Redis rate limit shared by all (R5, R6).
 */
export function createOutbox(options: OutboxOptions = {}): Outbox {
  // Checked before any connection opens, so that a bad option leaves nothing to close.
  const telemetry = resolveTelemetryOptions(options.telemetry);
  const input = options.connection ?? defaultRedisUrl();
  const commands = openConnection(input);
  const queueName = options.queueName ?? 'qcloudmail-outbox';
  const prefix = options.prefix ?? 'qcloudmail';
  const retry = resolveRetryPolicy({ attempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000, ...options.retry });
  const clientOptions = options.client !== undefined && !isMailClient(options.client) ? options.client : undefined;
  const validate = options.validate ?? {
    ...(clientOptions?.recipients === undefined ? {} : { recipients: clientOptions.recipients }),
    ...(clientOptions?.limits === undefined ? {} : { limits: clientOptions.limits }),
  };
  const templates = options.templates ?? clientOptions?.templates;
  const queue = new Queue<OutboxJobData>(queueName, { connection: commands.redis, prefix });
  queue.on('error', () => {
    // Surfaced by the failing call itself (wrapped in a QcloudMailError).
  });
  const unknownKey = `${prefix}:${queueName}:qcloudmail-unknown`;
  const events = createOutboxEventHub();
  const workers = new Set<OutboxWorker>();
  const reader = createJobReader(queue, commands.redis, unknownKey);
  const delivery = createDeliveryLog({
    redis: commands.redis,
    keyPrefix: `${prefix}:${queueName}:qcloudmail-delivery:`,
    ttlMs: positiveWhole('delivery.ttlSeconds', options.delivery?.ttlSeconds ?? 7 * 86_400) * 1000,
    maxRecipients: positiveWhole('delivery.maxRecipients', options.delivery?.maxRecipients ?? 100),
    events,
  });
  let client: MailClient | undefined;
  let ownsClient = false;

  const workerClient = (): MailClient => {
    if (client !== undefined) return client;
    if (options.client === undefined) {
      throw new QcloudMailError({ code: 'CONFIGURATION', message: 'createOutbox needs `client` to start a worker' });
    }
    if (isMailClient(options.client)) {
      client = options.client;
      return client;
    }
    const rate = options.client.rateLimit;
    const store =
      rate === false || rate?.store !== undefined
        ? rate === false
          ? undefined
          : rate.store
        : createRedisRateLimitStore(commands.redis, { prefix: options.rateLimitPrefix ?? 'qcloudmail:rl:' });
    client = createMailClient({
      retry: false,
      ...options.client,
      // Core's client holds each grant of the Redis store until the reply (`finishAccount`), so its default window
      // for it is exactly a second: nothing to wrap or adjust here.
      rateLimit: rate === false || store === undefined ? false : { ...rate, store },
    });
    ownsClient = true;
    return client;
  };

  return {
    async enqueue(input, enqueueOptions = {}) {
      // A templated message is stored rendered: its errors reach the caller now, and a worker needs no renderer.
      const message = isTemplatedMessage(input) ? await renderMessage(input as SendInput, templates) : input;
      assertValidMessage(message, validate);
      const id = enqueueOptions.id === undefined ? randomUUID() : checkId(enqueueOptions.id);
      const data: OutboxJobData = {
        message: serializeMessage(message as MailMessageInput),
        enqueuedAt: Date.now(),
        ...traceCarrier(),
      };
      try {
        await queue.add('send', data, {
          jobId: id,
          attempts: retry.attempts,
          backoff: { type: BACKOFF_TYPE },
          ...(enqueueOptions.delayMs === undefined ? {} : { delay: Math.max(0, enqueueOptions.delayMs) }),
          removeOnComplete: { age: options.keep?.completedSeconds ?? 86_400 },
          removeOnFail: { age: options.keep?.failedSeconds ?? 7 * 86_400 },
        });
      } catch (error) {
        throw redisError('Enqueueing the message', error);
      }
      return id;
    },

    startWorker(workerOptions = {}) {
      const worker = startOutboxWorker({
        connection: commands.redis,
        queueName,
        prefix,
        client: workerClient(),
        concurrency: workerOptions.concurrency ?? options.concurrency ?? 4,
        retry,
        lockDurationMs: options.lockDurationMs ?? 30_000,
        stalledIntervalMs: options.stalledIntervalMs ?? 30_000,
        maxStalledCount: options.maxStalledCount ?? 1,
        onInterruptedSend: options.onInterruptedSend ?? 'resend',
        telemetry,
        events,
        recordAccepted: (id, result) => delivery.recordAccepted(id, result),
        markUnknown: async (id) => {
          await commands.redis.sadd(unknownKey, id);
        },
      });
      workers.add(worker);
      return worker;
    },

    counts: () => reader.counts(),
    getJob: (id) => reader.getJob(id),
    listUnknown: () => reader.listUnknown(),
    resolveUnknown: (id, action) => reader.resolveUnknown(id, action),
    status: (messageId) => delivery.status(messageId),
    recordEvent: (event) => delivery.recordEvent(event),
    on: (event, listener) => events.on(event, listener),

    async close() {
      await Promise.all([...workers].map((worker) => worker.close()));
      if (ownsClient) await client?.close();
      await queue.close();
      await closeConnection(commands);
    },
  };
}
