import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { MailClient, MailMessageInput, SendOptions, SendOutcome } from '@qcloudmail/core';
import { type QcloudMailModuleOptions, withDefaults } from './module-options.js';

const DEFAULT_SHUTDOWN_TIMEOUT_MS = 30_000;

/**
 * One mailer: sends through its own pooled mail client, verifies the connection, and on application shutdown
 * lets in-flight sends finish before closing the pool.
 */
export class QcloudMailService implements OnModuleInit, OnApplicationShutdown {
  /** The mailer's name (`default` unless registered with a `name`). */
  readonly name: string;
  /** The underlying mail client, for `stats()`, events (`on`) or anything the service does not wrap. */
  readonly client: MailClient;
  private readonly options: QcloudMailModuleOptions;

  constructor(client: MailClient, name: string, options: QcloudMailModuleOptions) {
    this.client = client;
    this.name = name;
    this.options = options;
  }

  /** Validates, builds and sends one message with the mailer's defaults; rejects with a `QcloudMailError`. */
  send(message: MailMessageInput, options?: SendOptions): Promise<SendOutcome> {
    return this.client.send(withDefaults(message, this.options.defaults), options);
  }

  /** Sends several messages, each settled on its own, results in input order. */
  sendMany(
    messages: readonly MailMessageInput[],
    options?: SendOptions,
  ): Promise<Array<PromiseSettledResult<SendOutcome>>> {
    return this.client.sendMany(
      messages.map((message) => withDefaults(message, this.options.defaults)),
      options,
    );
  }

  /** Connects and authenticates (R2-R4): resolves true, or rejects with a `QcloudMailError` (`AUTH`, `CONNECTION`…). */
  verify(options?: SendOptions): Promise<true> {
    return this.client.verify(options);
  }

  /** With `verifyOnStartup`, a failed login fails the application's start rather than its first send. */
  async onModuleInit(): Promise<void> {
    if (this.options.verifyOnStartup === true) await this.client.verify();
  }

  /** Drains in-flight sends (up to `shutdownTimeoutMs`), then closes the pool; later sends fail with `CLOSED`. */
  async onApplicationShutdown(): Promise<void> {
    await this.client.close({ timeoutMs: this.options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS });
  }
}
