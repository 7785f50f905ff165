/** One rule of the service: a one-line title, where `docs/rules.md` explains it, and whether qcloudmail enforces it. */
export interface RuleInfo {
  readonly title: string;
  /** Path of the rule's section, relative to the repository root. */
  readonly doc: string;
  /** False for rules written down ahead of their implementation. */
  readonly enforced: boolean;
}

/**
 * The service's rules, by id. R1..R29 follow the provider's documentation topic by topic; R30, the suppression
 * list, is qcloudmail's own; `HEADERS` is the provider's table of message headers, `SIZES` its table of sizes and
 * `RFC5322` the mail format that the service relies on.
 * `docs/rules.md` says for each what the service does, where the provider says so, and what enforces it.
 */
export const RULES = {
  /** The three SMTP endpoints: Hong Kong, Guangzhou (China site) and Singapore (international site). */
  R1: { title: 'SMTP endpoints by region', doc: 'docs/rules.md#r1', enforced: true },
  /** Port 465 with TLS from the first byte; no STARTTLS, and port 25 is closed. */
  R2: { title: 'port 465, implicit TLS', doc: 'docs/rules.md#r2', enforced: true },
  /** TLS with certificate verification always on; cap at TLS 1.2 where a 1.3 handshake fails. */
  R3: { title: 'TLS versions and verification', doc: 'docs/rules.md#r3', enforced: true },
  /** Log in with a sender address configured in the console and the SMTP password set for it. */
  R4: { title: 'credentials: sender address and SMTP password', doc: 'docs/rules.md#r4', enforced: true },
  /** At most 20 messages a second per account (appId). */
  R5: { title: '20 messages a second per account', doc: 'docs/rules.md#r5', enforced: true },
  /** At most 10 messages an hour from one sender to one recipient. */
  R6: { title: '10 an hour from one sender to one recipient', doc: 'docs/rules.md#r6', enforced: true },
  /** Exceeding R5 or R6 is answered with `RequestLimitExceeded.SmtpRateLimit`. */
  R7: { title: 'rate-limit error SmtpRateLimit', doc: 'docs/rules.md#r7', enforced: true },
  /** At most 50 recipients in one message; one recipient per message is preferred. */
  R8: { title: 'at most 50 recipients', doc: 'docs/rules.md#r8', enforced: true },
  /** The service does not support Cc or Bcc. */
  R9: { title: 'no Cc or Bcc', doc: 'docs/rules.md#r9', enforced: true },
  /** The body must not be empty (`msg.Body is null`). */
  R10: { title: 'a body is required', doc: 'docs/rules.md#r10', enforced: true },
  /** Header fields start at column 0, continuation lines with white space, no empty line inside the block. */
  R11: { title: 'header block syntax', doc: 'docs/rules.md#r11', enforced: true },
  /** Attachments: base64, disposition `attachment`, no Content-ID, Content-Location or Content-Base. */
  R12: { title: 'attachment part headers', doc: 'docs/rules.md#r12', enforced: true },
  /** Attachment content must be valid base64. */
  R13: { title: 'attachment content is valid base64', doc: 'docs/rules.md#r13', enforced: true },
  /** Non-ASCII attachment names are written as RFC 2047 encoded words. */
  R14: { title: 'non-ASCII file names as encoded words', doc: 'docs/rules.md#r14', enforced: true },
  /** A 250 after DATA means accepted, not delivered; delivery is reported separately. */
  R15: { title: 'success means accepted, not delivered', doc: 'docs/rules.md#r15', enforced: true },
  /** Business errors are a 554 reply carrying the SendEmail API's JSON after `##SES-response-json:`. */
  R16: { title: 'business errors: 554 with JSON', doc: 'docs/rules.md#r16', enforced: true },
  /** The documented business errors: the SMTP gateway's own input checks and the rate limit. */
  R17: { title: 'the documented business errors', doc: 'docs/rules.md#r17', enforced: true },
  /** System failures carry no JSON: "too longer line", EOF, broken pipe, TLS and 535 failures. */
  R18: { title: 'system failures without JSON', doc: 'docs/rules.md#r18', enforced: true },
  /** Business errors come only after the whole message was uploaded, so check before sending. */
  R19: { title: 'errors only after DATA: check first', doc: 'docs/rules.md#r19', enforced: true },
  /** The JSON comes in two shapes and behind changing wrapper text: match on the marker. */
  R20: { title: 'two JSON shapes, match on the marker', doc: 'docs/rules.md#r20', enforced: true },
  /** The server's other replies: 535/454 on AUTH, 421, 552, 502, and `250 2.0.0 OK: queued` without an id. */
  R21: { title: 'the SMTP server replies', doc: 'docs/rules.md#r21', enforced: true },
  /** Attachment file names: at most 255 characters, no `? \ * | " < > : /`, no executable, audio or video. */
  R22: { title: 'attachment file names and types', doc: 'docs/rules.md#r22', enforced: true },
  /** Subject required, at most 998 characters; the sender's display name must not contain `:`. */
  R23: { title: 'subject and sender name', doc: 'docs/rules.md#r23', enforced: true },
  /** Which provider codes mean "try again later", and how unknown codes are judged by prefix. */
  R24: { title: 'which codes are worth retrying', doc: 'docs/rules.md#r24', enforced: true },
  /** Daily sending caps, and the blocklist that hard bounces put addresses on. */
  R25: { title: 'daily cap and blocklist', doc: 'docs/rules.md#r25', enforced: true },
  /** Delivery events are POSTed as JSON to a configured callback on port 8080-8082, unsigned: a `?token=` secret. */
  R26: { title: 'delivery-event callbacks', doc: 'docs/rules.md#r26', enforced: true },
  /** The fields of a delivery event, with their spelling variants across versions (`parseSesEvent`). */
  R27: { title: 'delivery-event fields', doc: 'docs/rules.md#r27', enforced: true },
  /** The event values, from `processed` to `unsubscribe`; others read as `unknown`. */
  R28: { title: 'delivery-event values', doc: 'docs/rules.md#r28', enforced: true },
  /** The provider's example events of 2021 and 2025, parsed in tests. */
  R29: { title: 'delivery-event examples', doc: 'docs/rules.md#r29', enforced: true },
  /** Ours, not the service's: addresses that bounced, complained, unsubscribed or were dropped are not sent to. */
  R30: { title: 'suppression list', doc: 'docs/rules.md#r30', enforced: true },
  /** The header table: From, To, Subject required; Content-Type and MIME-Version restricted; the rest unused. */
  HEADERS: { title: 'the message headers', doc: 'docs/rules.md#headers', enforced: true },
  /** The size table: attachments, body, whole message and line lengths. */
  SIZES: { title: 'the size limits', doc: 'docs/rules.md#sizes', enforced: true },
  /** The mail format itself: addresses, Message-IDs, CRLF line endings, 998-octet lines, no header injection. */
  RFC5322: { title: 'the mail format (RFC 5322)', doc: 'docs/rules.md#rfc5322', enforced: true },
} as const satisfies Readonly<Record<string, RuleInfo>>;

/** Identifier of one of the service's rules (R1..R30, `HEADERS`, `SIZES`, `RFC5322`). */
export type RuleId = keyof typeof RULES;

/** True when `value` is a rule id, such as `'R9'` (case-sensitive). */
export function isRuleId(value: unknown): value is RuleId {
  return typeof value === 'string' && Object.hasOwn(RULES, value);
}

/** The one-line title of a rule, such as `no Cc or Bcc` for R9. */
export function ruleTitle(id: RuleId): string {
  return RULES[id].title;
}

/** The link to a rule's section: relative to the repository root, or under `base` (a URL ending in `/`). */
export function ruleUrl(id: RuleId, base = ''): string {
  return `${base}${RULES[id].doc}`;
}
