import type { QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { LimitOverrides } from '../limits/limits.js';
import type { EndpointOverride, Region } from '../limits/regions.js';
import type { MailAddress } from '../model/message.js';
import type { RecipientPolicy } from '../limits/recipient-policy.js';
import type { Clock } from '../rate-limit/clock.js';
import type { RateLimitOptions } from '../rate-limit/types.js';
import type { MailTelemetryOptions } from '../telemetry/types.js';
import type { SuppressionEntry, SuppressionList } from '../suppression/types.js';
import type { SendInput, TemplateRenderer } from '../templates/types.js';

/** When and how often to retry a retryable failure. */
export interface RetryPolicy {
  /** Attempts in all, the first included. Default 3. */
  attempts?: number;
  /** The first backoff, in milliseconds. Default 500. */
  baseDelayMs?: number;
  /** The longest backoff, in milliseconds. Default 30,000. */
  maxDelayMs?: number;
  /**
   * Retry `OUTCOME_UNKNOWN` too (the service may have accepted the message: a retry can duplicate it). Default
   * false: a send whose final dot may have left fails after that attempt, whatever its Message-ID.
   */
  retryUnknownOutcome?: boolean;
}

/** The client's timeouts, in milliseconds. */
export interface MailClientTimeouts {
  connect?: number;
  greeting?: number;
  socket?: number;
  /** The whole of one `send`, rate-limit waits and retries included. */
  total?: number;
}

/** A log record; the client never puts credentials in one. */
export interface MailLogRecord {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  data?: Record<string, unknown>;
}

/** Options of `createMailClient`. */
export interface MailClientOptions {
  /** The service's region (R1); or give `host` (and `port`, `ca`) instead, for the emulator. */
  region?: Region;
  host?: string;
  port?: number;
  ca?: EndpointOverride['ca'];
  servername?: string;
  /** R4: a sender address configured in the console, and the SMTP password set for it. */
  auth: { user: string; pass: string };
  /** The account, the scope of the 20 messages a second (R5). Defaults to the auth user. */
  appId?: string;
  /**
   * Pooled connections. The pool grows from the measured reply latency and the quota (R5) up to
   * `maxConnections` (default 20), and closes its connections after `idleTimeoutMs` with nothing to send
   * (default 15,000); idle sockets never keep the process alive. `maxMessages` per connection, default 100.
   */
  pool?: { maxConnections?: number; maxMessages?: number; idleTimeoutMs?: number };
  timeouts?: MailClientTimeouts;
  retry?: RetryPolicy | false;
  /** `false` turns rate limiting off (only for benchmarks or a limiter in front). */
  rateLimit?: false | RateLimitOptions;
  recipients?: RecipientPolicy;
  limits?: LimitOverrides;
  /** R3: cap TLS at 1.2 for servers whose TLS 1.3 handshake fails. */
  maxTlsVersion?: 'TLSv1.2' | 'TLSv1.3';
  logger?: (record: MailLogRecord) => void;
  /** The time source of rate-limit waits and retry backoffs; for tests. Default: the system clock. */
  clock?: Clock;
  /**
   * OpenTelemetry spans and metrics of every send (docs/telemetry.md), through the global providers by default:
   * they do nothing until the application registers an SDK. `false` turns them off.
   */
  telemetry?: MailTelemetryOptions | false;
  /**
   * Addresses not to send to (R30), checked before anything goes to the network: `createMemorySuppressionList`,
   * or `createRedisSuppressionList` from `@qcloudmail/redis` to share one between processes.
   */
  suppression?: SuppressionList;
  /**
   * Renders messages that name a `template` (`@qcloudmail/templates`, or your own `TemplateRenderer`), before
   * validation: every service rule applies to the rendered message.
   */
  templates?: TemplateRenderer;
}

/** Options of one `send`. */
export interface SendOptions {
  signal?: AbortSignal;
  /** Sends even to addresses on the suppression list (R30): the explicit override. Default false. */
  ignoreSuppression?: boolean;
}

/** Time spent in each phase of a send, in milliseconds. */
export interface SendTimings {
  queuedMs: number;
  buildMs: number;
  transmitMs: number;
  totalMs: number;
}

/** What one message sent returns. */
export interface SendResult {
  messageId: string;
  envelope: { from: string; to: string[] };
  accepted: string[];
  rejected: string[];
  /** The service's final reply, such as `250 2.0.0 OK: queued` (R15, R21): accepted, not yet delivered. */
  response: string;
  attempts: number;
  size: number;
  timings: SendTimings;
}

/**
 * What `send` returns: the outcome over every message of the send (one under the `single` policy, several under
 * `split` and `chunk`). `accepted`, `rejected` and `envelope.to` cover all messages (unions, first seen first),
 * `attempts` is the most any message needed; `messageId`, `response`, `size` and `timings` are the first
 * message's. Each door reports it as is (the HTTP handler's answer, the outbox's result, nodemailer's info).
 */
export interface SendOutcome extends SendResult {
  /** Every message sent, in plan order, with its own result; a single entry for the `single` policy. */
  messages: SendResult[];
  /**
   * Under the `split` policy, the recipients left out because they are on the suppression list (R30), with their
   * entries; absent when none was.
   */
  suppressed?: SuppressionEntry[];
}

/** Counters of a client's life. */
export interface MailClientStats {
  sent: number;
  failed: number;
  retried: number;
  inFlight: number;
  queued: number;
}

/** Events of the client, for logging and metrics. */
export interface MailClientEvents {
  sending: { messageId: string; to: readonly MailAddress[]; attempt: number };
  sent: { messageId: string; result: SendResult };
  failed: { messageId: string; error: QcloudMailError };
  retrying: { messageId: string; error: QcloudMailError; attempt: number; delayMs: number };
}

/**
 * The SMTP envelope of a raw message: the authenticated sender (R4; default the From header) and at most 50
 * recipients (R8).
 */
export interface RawEnvelope {
  from?: string;
  to: readonly string[];
}

/** The mail client: the engine every adapter wraps. */
export interface MailClient {
  /**
   * Renders a message that names a template (the `templates` option), then validates, builds and sends one
   * message (or one per recipient under the `split` policy): one copy, or `OUTCOME_UNKNOWN` once the final dot may
   * have left (R19). A caller-supplied `messageId` need not be unique among sends in flight: each send is tracked
   * by its own upload, so two sends with one id are two copies, each with its own outcome, retried or not on its
   * own.
   */
  send(message: SendInput, options?: SendOptions): Promise<SendOutcome>;
  /**
   * Sends a message someone else built (an .eml, nodemailer's `raw`) after `lintMime` finds it clean (the one
   * lint of a raw message: adapters do not lint first); it needs a Message-ID header, since the service gives no
   * id back (R21). Without `envelope` the message's From and To headers are used; a given envelope must name
   * exactly those (R4, R9). As with `send`, the outcome is
   * tracked by the send's own upload, so how that header is written (folded, with a comment, far down the
   * headers) or whether another send in flight shares it never changes what is retried.
   */
  sendRaw(raw: Buffer | string, envelope?: RawEnvelope, options?: SendOptions): Promise<SendOutcome>;
  /** Sends several messages, each settled on its own, results in input order. */
  sendMany(messages: readonly SendInput[], options?: SendOptions): Promise<Array<PromiseSettledResult<SendOutcome>>>;
  /** Connects, authenticates and disconnects: true, or a `QcloudMailError` thrown. */
  verify(options?: SendOptions): Promise<true>;
  /** Lets in-flight sends finish (up to `timeoutMs`, default 30 s), then closes the pool; later sends fail with `CLOSED`. */
  close(options?: { timeoutMs?: number }): Promise<void>;
  stats(): MailClientStats;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends keyof MailClientEvents>(event: E, listener: (payload: MailClientEvents[E]) => void): () => void;
}
