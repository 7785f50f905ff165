import { isTemplatedMessage, type MailClientOptions, type MailMessageInput, type SendInput } from '@qcloudmail/core';
import type { QcloudMailTemplatesOption } from './templates-option.js';

/**
 * Where a `QcloudMailService` keeps its options: a registered symbol, so that the main entry and the `outbox`
 * entry (bundled apart) read the same property, and not enumerable, so the password never shows when logged.
 */
export const MAILER_OPTIONS: unique symbol = Symbol.for('@qcloudmail/nestjs:mailer-options');

/** Options of one mailer: the mail client's options plus what the module adds around it. */
export interface QcloudMailModuleOptions extends Omit<MailClientOptions, 'templates'> {
  /**
   * Renders messages that name a `template`: `{ dir, engine: 'handlebars' }` (or `'mjml'`, `'react-email'`, with
   * the engine's options beside it) from the optional peer `@qcloudmail/templates`, or a `TemplateRenderer`.
   */
  templates?: QcloudMailTemplatesOption;
  /**
   * Fields every message of this mailer gets unless it sets them itself, typically `from` (a sender address
   * of the account that `auth` logs in as, R4).
   */
  defaults?: Partial<MailMessageInput>;
  /** Connect and authenticate while the application starts, so a wrong password stops the boot. Default false. */
  verifyOnStartup?: boolean;
  /** How long shutdown waits for in-flight sends before the pool is closed. Default 30,000 ms. */
  shutdownTimeoutMs?: number;
}

/** Options of the registration itself, given beside the mailer's options to `forRoot` and `forRootAsync`. */
export interface QcloudMailModuleExtras {
  /** The mailer's name, for `@InjectMailer(name)`; omit it for the default mailer. */
  name?: string;
  /**
   * Whether the mailer is global, injectable in every module without importing this one. Default true, as
   * @nestjs-modules/mailer's module was; `false` keeps it to the module that imports it (and those it exports to).
   */
  isGlobal?: boolean;
}

/**
 * The mail client's part of the module options: what `createMailClient` receives, without the module-only
 * options. Sharing the rate limits among mailers of one account is decided in core (`rateLimit.shareKey`).
 */
export function clientOptionsOf(options: QcloudMailModuleOptions): Omit<MailClientOptions, 'templates'> {
  const {
    defaults: _defaults,
    verifyOnStartup: _verify,
    shutdownTimeoutMs: _timeout,
    templates: _templates,
    ...client
  } = options;
  return client;
}

/**
 * The message with the mailer's defaults filled in where the message leaves a field unset; a message that names a
 * template takes no `html` or `text` from them, since its template renders the body.
 */
export function withDefaults<T extends SendInput>(message: T, defaults: Partial<MailMessageInput> | undefined): T {
  if (defaults === undefined) return message;
  const templated = isTemplatedMessage(message);
  const merged: Record<string, unknown> = { ...message };
  for (const [key, value] of Object.entries(defaults)) {
    if (templated && (key === 'html' || key === 'text')) continue;
    // An explicit `undefined` in the message means "not set", as in nodemailer's defaults.
    if (merged[key] === undefined) merged[key] = value;
  }
  return merged as T;
}
