import type { LimitOverrides } from '../limits/limits.js';
import type { MailIssue } from '../model/issues.js';

/** Options of `buildMime`, `buildMimeFromMessage` and `createMimeStream`. */
export interface BuildMimeOptions {
  /** Used when the message has no `messageId`; otherwise one is generated on the sender's domain. */
  messageId?: string;
  /** Used when the message has no `date`; otherwise the current time. */
  date?: Date;
  /** Derives the multipart boundaries from this seed instead of random bytes, for byte-exact tests. */
  boundarySeed?: string;
  /** Limit overrides passed to validation (`buildMime` only). */
  limits?: LimitOverrides;
}

/** The SMTP envelope of a built message: the sender and the `To` recipients. */
export interface MimeEnvelope {
  from: string;
  to: string[];
}

/** A built message: the wire bytes (CRLF, every line at most 76 characters), its Message-ID and envelope. */
export interface BuiltMime {
  raw: Buffer;
  /** The Message-ID header's value, with angle brackets; the service gives no id back (R21). */
  messageId: string;
  envelope: MimeEnvelope;
  /** `raw.length`, the size on the wire before SMTP dot-stuffing. */
  size: number;
}

/** Options of `lintMime`. */
export interface LintOptions {
  limits?: LimitOverrides;
}

/** One attachment as `lintMime` found it. */
export interface LintAttachment {
  filename: string;
  contentType: string;
  /** Decoded bytes. */
  size: number;
}

/** What `lintMime` read from a message, whether or not it passes. */
export interface LintSummary {
  from?: string;
  to: string[];
  subject?: string;
  /** The Message-ID header's value as written. */
  messageId?: string;
  contentType?: string;
  size: number;
  attachments: LintAttachment[];
}

/** A finding that refuses nothing: where the linter read the message differently from how it may look. */
export interface LintNote {
  /** Where in the message, as issues name it (`['parts', 0, 'headers', 'Content-Type']`). */
  path: Array<string | number>;
  message: string;
}

/** The result of `lintMime`: `ok` when no issue was found; notes never change `ok`. */
export interface LintResult {
  ok: boolean;
  issues: MailIssue[];
  /** What was read by a default, such as a part Content-Type that is not type/subtype (RFC 2045 §5.2). */
  notes: LintNote[];
  summary: LintSummary;
}
