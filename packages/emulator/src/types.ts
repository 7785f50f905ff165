import type { LimitOverrides, MailIssue, RuleId } from '@qcloudmail/core';
import type { EmulatorCallbackOptions } from './callbacks/callback-options.js';

/** A sender address of the console with its SMTP password (R4). */
export interface SenderCredentials {
  user: string;
  pass: string;
}

/** An account of the console: an appId and the sender addresses configured under it (R4, R5). */
export interface EmulatorAccount {
  appId: string;
  senders: SenderCredentials[];
}

/** The service's rate limits (R5, R6); the defaults are the documented figures. */
export interface EmulatorRateLimitOptions {
  /** Messages accepted per rolling second per appId (R5). Default 20. */
  perSecond?: number;
  /** Messages accepted per rolling hour from one sender to one recipient (R6). Default 10. */
  perHourPerRecipient?: number;
  /**
   * The moment a message is checked against the limits and counted: `data-end` when its final dot arrives, or
   * `reply` just before its reply is written, after the `delay` fault and the end-of-DATA latency. The service
   * does not document it; a client that stays under the limits with both is safe whichever it is. Default
   * `data-end`.
   */
  countAt?: RateLimitCountAt;
}

/** When the rate limits count a message: at the end of DATA, or when its reply is sent. */
export type RateLimitCountAt = 'data-end' | 'reply';

/** The server's own TLS material, PEM-encoded; `ca` is what clients must trust. */
export interface EmulatorTlsOptions {
  key: string;
  cert: string;
  ca: string;
}

/** The time source of the rate limits and of `receivedAt`; `createManualClock()` gives tests control of it. */
export interface EmulatorClock {
  now(): number;
}

/** One line of the emulator's log; never carries a password or a message body. */
export interface EmulatorLogRecord {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  session?: string;
  detail?: Record<string, unknown>;
}

/** Receives the emulator's log records. */
export type EmulatorLogger = (record: EmulatorLogRecord) => void;

/** What `startEmulator` accepts; every field is optional. */
export interface EmulatorOptions<C extends EmulatorClock = EmulatorClock> {
  /** Senders of the single account `appId`; ignored when `accounts` is given. */
  users?: SenderCredentials[];
  /** The appId of `users`. Default `emulator-app`. */
  appId?: string;
  /** Several accounts, each with its senders. */
  accounts?: EmulatorAccount[];
  /** The interface both servers listen on. Default 127.0.0.1. */
  host?: string;
  /** The SMTP port (implicit TLS, R2); 0 picks a free one. Default 0. */
  port?: number;
  /** The HTTP API's port; 0 picks a free one, false disables it. Default 0. */
  httpPort?: number | false;
  /**
   * Host names (or addresses) the HTTP API and inbox may be reached by, besides loopback addresses
   * (127.0.0.0/8, ::1, `localhost`) and `host`. Requests naming any other host in `Host` get 403, so a page
   * whose own name was re-pointed at this machine (DNS rebinding) cannot read the inbox or add faults.
   */
  allowedHosts?: string[];
  /** The server's certificate; by default a fresh CA and a certificate for 127.0.0.1 and localhost are generated. */
  tls?: EmulatorTlsOptions;
  /** How many messages (accepted and refused together) are kept; the oldest go first. Default 1000. */
  maxMessages?: number;
  /** The limits R5 and R6, or false to switch them off. */
  rateLimit?: EmulatorRateLimitOptions | false;
  clock?: C;
  logger?: EmulatorLogger;
  /** Size limits of the content checks, as for `lintMime` (the attachment limit may be raised to 5 MiB). */
  limits?: LimitOverrides;
  /**
   * What a message over the wire limit (10 MiB) gets: `drop` breaks the connection mid-DATA, as the
   * service does (EOF, R18); `reply` answers `552 5.3.4 Maximum message size exceeded` (R21). Default `drop`.
   */
  oversize?: 'drop' | 'reply';
  /**
   * Holds every reply of every session this many milliseconds (the greeting, EHLO, AUTH, MAIL, RCPT, DATA's
   * 354, the end of DATA...), as a service one round trip away would. Default 0. Changeable at run time
   * (`emulator.setLatency`, `POST /api/latency`). Give `latency` instead for a different end-of-DATA figure.
   */
  latencyMs?: number;
  /** The latency in two figures: `perReplyMs`, and `endOfDataMs` for the end of DATA (default `perReplyMs`). */
  latency?: { perReplyMs: number; endOfDataMs?: number };
  /**
   * Where the inbox page links rule ids (R9...) to: an http(s) URL ending in `/` under which `docs/rules.md`
   * lies, such as a repository's blob URL. Without it the page shows each rule's title but links nowhere.
   */
  rulesBaseUrl?: string;
  /**
   * Delivery events after a 250 (R26-R29): where to post them, the secret, delays and retries. Without it, the
   * events are still kept in each message's timeline, but nothing is posted.
   */
  callbacks?: EmulatorCallbackOptions;
}

/** Why a message was accepted or refused. */
export type VerdictReason =
  | 'accepted'
  | 'provider-error'
  | 'too-long-line'
  | 'bare-line-ending'
  | 'too-large'
  | 'sender-mismatch'
  | 'rate-limit'
  | 'fault';

/** The content check's answer: accept, or the exact reply the service gives. */
export interface ContentVerdict {
  accepted: boolean;
  reason: VerdictReason;
  /** The reply the service gives; the client may not have seen it when a fault dropped the connection. */
  reply: string;
  providerCode?: string;
  requestId?: string;
  rule?: RuleId;
  /** Every issue `lintMime` found, including those the service lets through. */
  issues: MailIssue[];
}

/** The emulator's judgement of one message: the reply it gave, the lint issues and what the service ignores. */
export interface Verdict extends ContentVerdict {
  /** Attachments the service accepts but silently drops: their disposition is not `attachment` (R12). */
  droppedAttachments: string[];
  /** Headers the service accepts but does not act on: Cc and Bcc (R9). */
  ignoredHeaders: Array<'Cc' | 'Bcc'>;
}

/** One attachment as parsed from a stored message. */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  contentDisposition: string;
  size: number;
  content: Buffer;
}

/** A stored message read with mailparser. */
export interface ParsedMessageView {
  subject: string | undefined;
  /** The From address. */
  from: string | undefined;
  /** The From display name, decoded (undefined when there is none). */
  fromName: string | undefined;
  to: string[];
  cc: string[];
  messageId: string | undefined;
  text: string | undefined;
  html: string | undefined;
  headers: Array<{ key: string; line: string }>;
  attachments: StoredAttachment[];
}

/** A message that reached the end of DATA, accepted or refused. */
export interface StoredMessage {
  /** Unique within one emulator, increasing. */
  id: string;
  status: 'accepted' | 'refused';
  /** The clock's time when the message was judged. */
  receivedAt: Date;
  /** The clock's time when its final dot arrived. */
  dataEndAt: Date;
  /**
   * The clock's time when its reply was handed to the connection, after the `delay` fault and the end-of-DATA
   * latency; null while the reply is still held, or when no reply was sent (a dropped connection, a close).
   */
  repliedAt: Date | null;
  envelope: { from: string; to: string[] };
  /** The authenticated sender (R4) and its account. */
  user: string;
  appId: string;
  /** The message as received, without SMTP dot-stuffing. */
  raw: Buffer;
  size: number;
  /** The reply the client got, or null when the connection was broken instead (fault, oversize). */
  reply: string | null;
  verdict: Verdict;
  parsed: ParsedMessageView;
  /** The delivery events of an accepted message, oldest first: what was posted, where, and the answers. */
  readonly events: DeliveryEventRecord[];
}

/** Where a delivery event stands: waiting for its time, being posted, answered 2xx, given up, or not posted. */
export type DeliveryEventStatus = 'scheduled' | 'posting' | 'retrying' | 'posted' | 'failed' | 'unposted' | 'cancelled';

/** One post of a delivery event and the receiver's answer (`status` null when none came: refused, timed out). */
export interface DeliveryAttempt {
  at: Date;
  status: number | null;
  error?: string;
}

/** One delivery event of a message's timeline (R27, R28). */
export interface DeliveryEventRecord {
  /** `<message id>.<n>`, unique within one emulator. */
  id: string;
  event: string;
  recipient: string;
  /** `automatic` after the 250 (by the recipient's address), `on-demand` from the API or the inbox page. */
  origin: 'automatic' | 'on-demand';
  /** The callback address, without the token; null when none is configured for the sender, so nothing is posted. */
  url: string | null;
  /** Why the address would not be accepted by the provider (a port other than 8080-8082, R26). */
  warning?: string;
  status: DeliveryEventStatus;
  /** The clock's time of the event (the payload's `timestamp`), null while it waits. */
  at: Date | null;
  /** The JSON posted (or, unposted, that would have been), null while the event waits. */
  payload: Record<string, string | number> | null;
  attempts: DeliveryAttempt[];
}

/** Counters since start (or since the last `clear()`). */
export interface EmulatorStats {
  accepted: number;
  refused: number;
  rateLimited: number;
  authFailures: number;
  connections: number;
  faultsApplied: number;
}
