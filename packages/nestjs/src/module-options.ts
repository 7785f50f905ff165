import type { MailClientOptions, MailMessageInput } from '@qcloudmail/core';

/** Options of one mailer: the mail client's options plus what the module adds around it. */
export interface QcloudMailModuleOptions extends MailClientOptions {
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
  /** Register the module globally, so that other modules need not import it. Default false. */
  isGlobal?: boolean;
}

/**
 * The mail client's part of the module options: what `createMailClient` receives, without the module-only
 * options. Sharing the rate limits among mailers of one account is decided in core (`rateLimit.shareKey`).
 */
export function clientOptionsOf(options: QcloudMailModuleOptions): MailClientOptions {
  const { defaults: _defaults, verifyOnStartup: _verify, shutdownTimeoutMs: _timeout, ...client } = options;
  return client;
}

/** The message with the mailer's defaults filled in where the message leaves a field unset. */
export function withDefaults(
  message: MailMessageInput,
  defaults: Partial<MailMessageInput> | undefined,
): MailMessageInput {
  if (defaults === undefined) return message;
  const merged: Record<string, unknown> = { ...message };
  for (const [key, value] of Object.entries(defaults)) {
    // An explicit `undefined` in the message means "not set", as in nodemailer's defaults.
    if (merged[key] === undefined) merged[key] = value;
  }
  return merged as MailMessageInput;
}
