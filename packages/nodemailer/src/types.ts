import type { LimitOverrides, MailClient, MailClientOptions, SendOutcome } from '@qcloudmail/core';

/** Settings of the transport itself, beside the client's. */
export interface QcloudMailTransportSettings {
  /**
   * Lets `path` (in `text`, `html`, `raw` and attachments) read local files. Off by default, because message data
   * often comes from users; `href` URLs are never fetched either way.
   */
  allowFileAccess?: boolean;
}

/** Options that create a client: core's `MailClientOptions` plus the transport's settings. */
export interface QcloudMailTransportClientOptions extends MailClientOptions, QcloudMailTransportSettings {
  client?: undefined;
}

/** Options that wrap an existing client; `close()` then leaves the client open for its owner. */
export interface QcloudMailTransportWrapOptions extends QcloudMailTransportSettings {
  client: MailClient;
  /** The client's limit overrides, so that streams are cut at the same attachment size. Default: the service's. */
  limits?: LimitOverrides;
  /** How many sends at once count as busy for `isIdle()`. Default 2, the client's default pool size. */
  maxConnections?: number;
}

/** Options of `qcloudmailTransport`. */
export type QcloudMailTransportOptions = QcloudMailTransportClientOptions | QcloudMailTransportWrapOptions;

/**
 * What `sendMail` resolves with: nodemailer's fields (`messageId`, `envelope`, `accepted`, `rejected`, `response`)
 * plus qcloudmail's (`attempts`, `size`, `timings`, and `messages`, one per message of a split send).
 */
export interface QcloudMailSentMessageInfo extends SendOutcome {
  // Keeps the info assignable to nodemailer's SentMessageInfo, whose index signature a result type must match.
  [key: string]: unknown;
}

/** The part of nodemailer's `MailMessage` the transport reads: `data` holds the `sendMail` options. */
export interface TransportMail {
  data: object;
}

/** nodemailer's result callback. */
export type SendCallback = (error: Error | null, info?: QcloudMailSentMessageInfo) => void;
