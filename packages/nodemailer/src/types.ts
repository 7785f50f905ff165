import type { LimitOverrides, MailClient, MailClientOptions, SendOutcome } from '@qcloudmail/core';
import type { Transporter } from 'nodemailer';

// `sendMail({ template, context })` type-checks on any transporter once this package is imported, as with
// nodemailer's template plugins; the transport's renderer (`templates`) renders it.
declare module 'nodemailer/lib/mailer' {
  interface Options {
    /** The template the transport's `templates` renderer renders instead of `html` and `text` (and the subject). */
    template?: string;
    /** The values the template reads. */
    context?: Record<string, unknown>;
    /** The locale handed to the renderer's i18n hook. */
    locale?: string;
    /** Send even to recipients on the client's suppression list (R30): the explicit override. */
    ignoreSuppression?: boolean;
  }
}

/** Settings of the transport itself, beside the client's. */
export interface QcloudMailTransportSettings {
  /**
   * Lets `path` (in `text`, `html`, `raw` and attachments) read local files. Off by default, because message data
   * often comes from users; `href` URLs are never fetched either way.
   */
  allowFileAccess?: boolean;
  /** nodemailer's name for `allowFileAccess: false`; `true` only (it restricts, never widens). */
  disableFileAccess?: true;
}

/** A bunyan-style logger, as nodemailer's `logger` option takes: level methods called with (data, message). */
export interface NodemailerLogger {
  debug(data: Record<string, unknown>, message: string): void;
  info(data: Record<string, unknown>, message: string): void;
  warn(data: Record<string, unknown>, message: string): void;
  error(data: Record<string, unknown>, message: string): void;
}

/**
 * nodemailer's SMTP transport options that keep their meaning here, typed with the values allowed: the rest (and
 * other values, such as `tls: { rejectUnauthorized: false }`) are refused by name when the transport is created.
 */
export interface NodemailerTransportOptions {
  /** `true`, or core's `{ maxConnections, maxMessages }`: the client always pools. */
  pool?: true | MailClientOptions['pool'];
  /** `pool.maxConnections`. */
  maxConnections?: number;
  /** `pool.maxMessages`. */
  maxMessages?: number;
  /** `timeouts.connect`, in milliseconds. */
  connectionTimeout?: number;
  /** `timeouts.greeting`, in milliseconds. */
  greetingTimeout?: number;
  /** `timeouts.socket`, in milliseconds. */
  socketTimeout?: number;
  /** Implicit TLS is the only way the service takes SMTP (R2). */
  secure?: true;
  requireTLS?: true;
  ignoreTLS?: false;
  opportunisticTLS?: false;
  /** SMTP traffic is never logged: it carries the credentials. */
  debug?: false;
  /** Core's log function, nodemailer's bunyan-style logger, `true` for the console, or `false`. */
  logger?: MailClientOptions['logger'] | NodemailerLogger | boolean;
  /** `ca`, `servername`, `maxVersion` (`maxTlsVersion`) map; verification is never turned off. */
  tls?: {
    ca?: MailClientOptions['ca'];
    servername?: string;
    maxVersion?: 'TLSv1.2' | 'TLSv1.3';
    minVersion?: 'TLSv1.2';
    rejectUnauthorized?: true;
  };
  /** URLs are never fetched. */
  disableUrlAccess?: true;
}

/** Options that create a client: core's `MailClientOptions`, nodemailer's options that map, the transport's settings. */
export interface QcloudMailTransportClientOptions
  extends Omit<MailClientOptions, 'pool' | 'logger'>,
    NodemailerTransportOptions,
    QcloudMailTransportSettings {
  client?: undefined;
}

/** Options that wrap an existing client; `close()` then leaves the client open for its owner. */
export interface QcloudMailTransportWrapOptions extends QcloudMailTransportSettings {
  client: MailClient;
  /** The client's limit overrides, so that streams are cut at the same attachment size. Default: the service's. */
  limits?: LimitOverrides;
  /** How many sends at once count as busy for `isIdle()`. Default 20, the bound of core's pool (`DEFAULT_MAX_CONNECTIONS`). */
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

/**
 * The part of nodemailer's `MailMessage` the transport reads: `data` holds the `sendMail` options; `message`,
 * nodemailer's compiled node, gives a custom envelope as nodemailer parsed it (one address list).
 */
export interface TransportMail {
  data: object;
  message?: { getEnvelope(): { from?: string | false; to?: string[] } } | undefined;
}

/**
 * The transporter `createTransporter` returns: nodemailer's, with `close()` typed as what it returns at runtime, a
 * Promise that settles once in-flight sends have finished and the client is closed.
 */
export type QcloudMailTransporter = Omit<Transporter<QcloudMailSentMessageInfo>, 'close'> & {
  close(): Promise<void>;
};

/** nodemailer's result callback. */
export type SendCallback = (error: Error | null, info?: QcloudMailSentMessageInfo) => void;
