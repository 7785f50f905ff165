import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { QcloudMailError, type SendInput, type SesEvent } from '@qcloudmail/core';
import {
  createOutbox,
  type DeliveryRecordResult,
  type DeliveryStatus,
  type EnqueueOptions,
  type Outbox,
  type OutboxCounts,
  type OutboxEvents,
  type OutboxJob,
} from '@qcloudmail/redis';
import { clientOptionsOf, MAILER_OPTIONS, type QcloudMailModuleOptions } from '../module-options.js';
import type { QcloudMailService } from '../qcloud-mail-service.js';
import type { QcloudMailOutboxOptions } from './outbox-options.js';

/**
 * One durable outbox on Redis (`createOutbox` of `@qcloudmail/redis`) sending with a mailer's login and
 * defaults: `enqueue` validates and stores; this process's worker, started when the module initializes, sends
 * under the rate limit shared by every process (R5, R6) and stops, its sends finished, when the module is destroyed.
 */
export class QcloudMailOutbox implements OnModuleInit, OnModuleDestroy {
  /** The outbox's name (`default` unless registered with a `name`). */
  readonly name: string;
  private readonly options: QcloudMailOutboxOptions;
  private readonly mailer: QcloudMailService;
  private opened: Outbox | undefined;

  constructor(options: QcloudMailOutboxOptions, mailer: QcloudMailService, name: string) {
    this.options = options;
    this.mailer = mailer;
    this.name = name;
  }

  /** The underlying outbox of `@qcloudmail/redis`, for what this class does not wrap. */
  get outbox(): Outbox {
    if (this.opened !== undefined) return this.opened;
    const { worker: _worker, ...outboxOptions } = this.options;
    const mailerOptions = this.mailerOptions();
    // No in-process retries: BullMQ's are durable, and a retry inside a job would hide attempts from it.
    this.opened = createOutbox({ ...outboxOptions, client: { ...clientOptionsOf(mailerOptions), retry: false } });
    return this.opened;
  }

  /**
   * Applies the mailer's `defaults`, renders a message that names a `template` with the mailer's `templates`,
   * validates it and stores it rendered; resolves its job id.
   */
  async enqueue(message: SendInput, options?: EnqueueOptions): Promise<string> {
    return this.outbox.enqueue(await this.mailer.render(message), options);
  }

  /** Jobs by state: `waiting`, `active`, `delayed`, `completed`, `failed` and `unknown` (R19). */
  counts(): Promise<OutboxCounts> {
    return this.outbox.counts();
  }

  /** One job by its id, with its result or error. */
  getJob(id: string): Promise<OutboxJob | undefined> {
    return this.outbox.getJob(id);
  }

  /** What happened to a message after its 250 (R15), per recipient, by its Message-ID. */
  status(messageId: string): Promise<DeliveryStatus | undefined> {
    return this.outbox.status(messageId);
  }

  /** Applies a delivery event (from the callback route) to its message's status; repeats are harmless. */
  recordEvent(event: SesEvent): Promise<DeliveryRecordResult> {
    return this.outbox.recordEvent(event);
  }

  /**
   * Listens to this process's outbox: `sent`, `failed`, `unknown`, `retrying`, and `delivery` (a recipient's
   * delivery gained a fact); returns the unsubscribe.
   */
  on<E extends keyof OutboxEvents>(event: E, listener: (payload: OutboxEvents[E]) => void): () => void {
    return this.outbox.on(event, listener);
  }

  // The mailer's own options (its login, limits and defaults), kept on the service under a registered symbol.
  private mailerOptions(): QcloudMailModuleOptions {
    const options = (this.mailer as unknown as Partial<Record<symbol, QcloudMailModuleOptions>>)[MAILER_OPTIONS];
    if (options === undefined) {
      throw new QcloudMailError({
        code: 'CONFIGURATION',
        message: `The outbox "${this.name}" needs a mailer registered with QcloudMailModule; a replaced mailer (overrideProvider) has no options to send with`,
      });
    }
    return options;
  }

  /** Starts this process's worker unless `worker: false`. */
  onModuleInit(): void {
    const { worker = true } = this.options;
    if (worker === false) return;
    this.outbox.startWorker(worker === true ? {} : worker);
  }

  /** Stops the worker once its sends are done and closes the connections the outbox opened. */
  async onModuleDestroy(): Promise<void> {
    await this.opened?.close();
  }
}
