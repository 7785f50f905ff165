import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import {
  isQcloudMailError,
  type MailClient,
  type MailMessageInput,
  QcloudMailError,
  renderMessage,
  type SendInput,
  type SendOptions,
  type SendOutcome,
  type TemplateRenderer,
} from '@qcloudmail/core';
import { MAILER_OPTIONS, type QcloudMailModuleOptions, withDefaults } from './module-options.js';
import { checkSend } from './strict-options.js';

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
  declare private readonly [MAILER_OPTIONS]: QcloudMailModuleOptions;
  private readonly templates: TemplateRenderer | undefined;

  constructor(client: MailClient, name: string, options: QcloudMailModuleOptions, templates?: TemplateRenderer) {
    this.client = client;
    this.name = name;
    this.templates = templates;
    // Not enumerable: the options hold the password, and a logged or serialized service must not show it.
    Object.defineProperty(this, MAILER_OPTIONS, { value: options });
  }

  private get options(): QcloudMailModuleOptions {
    return this[MAILER_OPTIONS];
  }

  /**
   * Sends one message with the mailer's defaults: its own `html`/`text`, or a `template` with its `context` rendered
   * by the mailer's `templates`; then validates, builds and sends it. Rejects with a `QcloudMailError`.
   */
  async send(message: SendInput, options?: SendOptions): Promise<SendOutcome> {
    checkSend(this.name, message, options);
    return this.client.send(withDefaults(message, this.options.defaults), options);
  }

  /**
   * The message as `send` would hand it to validation: the mailer's defaults applied and, when it names a
   * `template`, rendered by the mailer's `templates` (a `TEMPLATE` error otherwise). For previews, and for the
   * outbox, which stores messages rendered.
   */
  async render(message: SendInput): Promise<MailMessageInput> {
    checkSend(this.name, message, undefined);
    return renderMessage(withDefaults(message, this.options.defaults), this.templates);
  }

  /** Sends several messages, each settled on its own, results in input order. */
  async sendMany(
    messages: readonly SendInput[],
    options?: SendOptions,
  ): Promise<Array<PromiseSettledResult<SendOutcome>>> {
    checkSend(this.name, undefined, options);
    return Promise.allSettled(messages.map((message) => this.send(message, options)));
  }

  /** Connects and authenticates (R2-R4): resolves true, or rejects with a `QcloudMailError` (`AUTH`, `CONNECTION`…). */
  verify(options?: SendOptions): Promise<true> {
    return this.client.verify(options);
  }

  /** With `verifyOnStartup`, a failed login fails the application's start, naming the mailer and its sender. */
  async onModuleInit(): Promise<void> {
    if (this.options.verifyOnStartup !== true) return;
    try {
      await this.client.verify();
    } catch (error) {
      throw startupFailure(error, this.name, this.options.auth.user);
    }
  }

  /** Drains in-flight sends (up to `shutdownTimeoutMs`), then closes the pool; later sends fail with `CLOSED`. */
  async onApplicationShutdown(): Promise<void> {
    await this.client.close({ timeoutMs: this.options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS });
  }
}

// The same error (code, category, provider fields), its message prefixed with which mailer and sender failed.
function startupFailure(error: unknown, name: string, sender: string): QcloudMailError {
  const prefix = `Mailer "${name}" (sender ${sender}) failed verifyOnStartup`;
  if (!isQcloudMailError(error)) {
    return new QcloudMailError({ code: 'UNKNOWN', message: prefix, cause: error });
  }
  return new QcloudMailError({
    code: error.code,
    category: error.category,
    rule: error.rule,
    issues: error.issues,
    retryable: error.retryable,
    retryAfterMs: error.retryAfterMs,
    providerCode: error.providerCode,
    requestId: error.requestId,
    messageZh: error.messageZh,
    action: error.action,
    nodemailerCode: error.nodemailerCode,
    response: error.response,
    responseCode: error.responseCode,
    command: error.command,
    message: `${prefix}: ${error.message}`,
    cause: error,
  });
}
