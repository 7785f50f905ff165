import type {
  MailClient,
  MailClientOptions,
  MailTelemetryOptions,
  QcloudMailError,
  SesEvent,
  SuppressionReason,
  TemplateRenderer,
  ValidateMessageOptions,
} from '@qcloudmail/core';
import type { RedisConnectionInput } from '../connection.js';
import type { DeliveryChange, DeliveryRecordResult, DeliveryStatus } from './delivery-types.js';

/** What to do with a job whose previous send started and never finished (its worker died mid-send). */
export type InterruptedSendPolicy = 'resend' | 'hold';

/** Options of `createOutbox`. */
export interface OutboxOptions {
  /** Redis: an ioredis client (never closed by the outbox), a URL or ioredis options. Default `REDIS_URL` or 127.0.0.1:6379. */
  connection?: RedisConnectionInput;
  /**
   * The mail client of workers: a client, or its options (the outbox then creates it with the shared Redis rate
   * limit and no in-process retries, BullMQ's being durable). Only needed to start workers.
   */
  client?: MailClient | MailClientOptions;
  /** The BullMQ queue. Default `qcloudmail-outbox`. */
  queueName?: string;
  /** The prefix of BullMQ's keys. Default `qcloudmail`. */
  prefix?: string;
  /** The prefix of the shared rate-limit keys (R5, R6). Default `qcloudmail:rl:`. */
  rateLimitPrefix?: string;
  /** Messages one worker sends at once. Default 4. */
  concurrency?: number;
  /** Retries of retryable failures: attempts in all (default 5), exponential backoff with jitter, never below the failure's `retryAfterMs`. */
  retry?: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** How long a worker's lock on a job lasts without renewal; a killed worker's jobs return after it. Default 30,000. */
  lockDurationMs?: number;
  /** How often workers look for jobs whose lock expired (stalled). Default 30,000. */
  stalledIntervalMs?: number;
  /** How many times a job may stall before it fails. Default 1. */
  maxStalledCount?: number;
  /**
   * A job whose worker died after its send started: `resend` (default) sends it again, flagged
   * `possibleDuplicate` (at least once); `hold` reports it as outcome unknown without sending (at most once).
   */
  onInterruptedSend?: InterruptedSendPolicy;
  /** The rules `enqueue` validates with; by default those of `client` when it is given as options. */
  validate?: ValidateMessageOptions;
  /**
   * The renderer of messages that name a `template`: `enqueue` renders them before it validates and stores them, so
   * a template error reaches the caller and the job holds what is sent. Default: `client.templates` when `client`
   * is given as options.
   */
  templates?: TemplateRenderer;
  /** How long finished jobs are kept, in seconds; ids stay deduplicated as long. Default: 1 day completed, 7 days failed. */
  keep?: { completedSeconds?: number; failedSeconds?: number };
  /**
   * The workers' OpenTelemetry spans and metrics (docs/telemetry.md), through the global providers by default;
   * `false` turns them off. The client the outbox creates from `client` options takes its own `telemetry` there.
   */
  telemetry?: MailTelemetryOptions | false;
  /**
   * The delivery record of each message (`status`, `recordEvent`): kept `ttlSeconds` after its last fact (default
   * 7 days), at most `maxRecipients` recipients per message (default 100; events for others are ignored).
   */
  delivery?: { ttlSeconds?: number; maxRecipients?: number };
}

/** Options of one `enqueue`. */
export interface EnqueueOptions {
  /** The idempotency key: a second enqueue with the same id keeps the first job. Default: a random UUID. */
  id?: string;
  /** Sends no earlier than this many milliseconds from now. */
  delayMs?: number;
}

/** One message of an outbox job's send. */
export interface OutboxMessageResult {
  messageId: string;
  accepted: string[];
  rejected: string[];
  /** The service's final reply to this message (R15, R21). */
  response: string;
}

/** What a job's send resulted in: core's `SendOutcome` as is, without timings. */
export interface OutboxSendResult {
  /** The first message's id: the only one under the `single` recipient policy. */
  messageId: string;
  /** The first message's final reply (`250 2.0.0 OK: queued`): accepted, not yet delivered (R15). */
  response: string;
  /** Every message's accepted recipients (core's `SendOutcome.accepted`, a union over the messages). */
  accepted: string[];
  /** Every message's rejected recipients (core's `SendOutcome.rejected`). */
  rejected: string[];
  /** One entry per message sent (several under the `split` and `chunk` recipient policies). */
  messages: OutboxMessageResult[];
  /** Attempts of the job, this one included. */
  attempts: number;
  /** An earlier send of this job was cut off (its worker died): the service may have received it twice. */
  possibleDuplicate: boolean;
  sentAt: number;
  /** Under the `split` policy, the recipients left out because the client's suppression list names them (R30). */
  suppressed?: Array<{ address: string; reason: SuppressionReason }>;
}

/** The states the outbox counts; `unknown` are failed jobs whose outcome is unknown (R19), not in `failed`. */
export interface OutboxCounts {
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
  unknown: number;
}

/** One job as the outbox reports it. */
export interface OutboxJob {
  id: string;
  state: 'waiting' | 'active' | 'delayed' | 'completed' | 'failed' | 'unknown';
  attemptsMade: number;
  enqueuedAt: number;
  result?: OutboxSendResult;
  /** The last failure, as `QcloudMailError.toJSON()` gives it. */
  error?: Record<string, unknown>;
}

/** Events of this process's workers. */
export interface OutboxEvents {
  sent: { id: string; result: OutboxSendResult };
  failed: { id: string; error: QcloudMailError };
  unknown: { id: string; error: QcloudMailError };
  retrying: { id: string; error: QcloudMailError; attempt: number; delayMs: number };
  /** A recipient's delivery gained a fact: the 250 recorded by a worker of this process, or `recordEvent` here. */
  delivery: DeliveryChange;
}

/** A running worker of the outbox. */
export interface OutboxWorker {
  /** Stops taking jobs and waits for those in progress. */
  close(): Promise<void>;
}

/** The durable outbox: a BullMQ queue of messages and the workers that send them. */
export interface Outbox {
  /**
   * Renders `message` when it names a `template` (with `templates`), validates it (a bad one throws `VALIDATION` or
   * `TEMPLATE` now), stores it and returns its id.
   */
  enqueue(message: unknown, options?: EnqueueOptions): Promise<string>;
  /** Starts a worker in this process; needs `client`. */
  startWorker(options?: { concurrency?: number }): OutboxWorker;
  counts(): Promise<OutboxCounts>;
  getJob(id: string): Promise<OutboxJob | undefined>;
  /** Jobs whose outcome is unknown (R19): check GetSendEmailStatus (R15), then `resolveUnknown`. */
  listUnknown(): Promise<OutboxJob[]>;
  /** Settles an unknown job: `resend` queues it again, `drop` leaves it failed. */
  resolveUnknown(id: string, action: 'resend' | 'drop'): Promise<void>;
  /**
   * What happened to a message after its 250 (R15), per recipient: accepted, then delivery events' facts with
   * their times; undefined when nothing is known of `messageId` (core's `<id@domain>` form).
   */
  status(messageId: string): Promise<DeliveryStatus | undefined>;
  /**
   * Applies a delivery event (from `parseSesEvent`) to its message's record, found by Message-ID. Facts only
   * accumulate, so a repeated or late event is harmless; an event that cannot be matched is ignored, saying why.
   */
  recordEvent(event: SesEvent): Promise<DeliveryRecordResult>;
  /** Subscribes to an event of this process's workers; returns the unsubscribe function. */
  on<E extends keyof OutboxEvents>(event: E, listener: (payload: OutboxEvents[E]) => void): () => void;
  /** Closes the workers (waiting for jobs in progress), the client it created and the connections it opened. */
  close(): Promise<void>;
}
