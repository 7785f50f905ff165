import type { RecipientPolicy } from '../limits/recipient-policy.js';
import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { type EffectiveLimits, type LimitOverrides, resolveLimits } from '../limits/limits.js';
import { checkAttachments } from './check-attachments.js';
import { checkBody, checkDate, checkMessageId, checkSubject } from './check-content.js';
import { checkEnvelope, checkSender } from './check-envelope.js';
import { checkHeaders } from './check-headers.js';
import { checkMessageOptions } from './check-options.js';
import { checkRecipients } from './check-recipients.js';
import { addDerivedHeaders } from './derived-headers.js';
import { createIssueSink, type IssueSink, MAX_REPORTED_ISSUES } from './issue.js';
import type { MailIssue, MailIssueCode } from './issues.js';
import type { MailMessage } from './message.js';
import { type FieldName, readFields } from './read-fields.js';
import { encodedSizeUpperBound, estimateEncodedSize } from './size-estimate.js';

/** Options of `validateMessage`: the limits to apply and how recipients will be sent. */
export interface ValidateMessageOptions {
  /** Tuned limits (bounded by what the service allows); an out-of-range override is a configuration error. */
  limits?: LimitOverrides;
  /** How recipients are sent (R8, R9); Cc and Bcc are only accepted with `split`. Default `single`. */
  recipients?: RecipientPolicy;
}

/**
 * The outcome of `validateMessage`: the normalized message, or the problems found. At most
 * `MAX_REPORTED_ISSUES` (20) issues are listed, in the order found; `omittedIssues` counts the others.
 */
export type ValidationResult =
  | { ok: true; message: MailMessage }
  | { ok: false; issues: MailIssue[]; omittedIssues: number };

const DEFAULT_LIMITS = resolveLimits();

function validate(
  input: unknown,
  sink: IssueSink,
  limits: EffectiveLimits,
  policy: RecipientPolicy,
): MailMessage | undefined {
  const read = readFields(input, sink, limits.maxAttachments);
  if (read === undefined) return undefined;
  suppressRequiredWhenMistyped(sink, read.failed);
  checkMessageOptions(sink, input as object);
  const fields = read.values;
  const recipients = checkRecipients(sink, fields, policy, limits);
  const from = recipients.from?.address;
  const all = [...recipients.to, ...recipients.cc, ...recipients.bcc].map((address) => address.address);
  checkSender(sink, fields.sender, from);
  checkEnvelope(sink, fields.envelope, from, all, limits);
  if (fields.maxRecipients !== undefined && all.length > fields.maxRecipients) {
    sink.add(
      'too_many_recipients',
      ['to'],
      'R8',
      `The message has ${all.length} recipients; its maxRecipients allows at most ${fields.maxRecipients} (R8)`,
    );
  }
  const subject = checkSubject(sink, fields.subject, limits);
  checkBody(sink, fields.text, fields.html, limits);
  const headers = addDerivedHeaders(sink, fields, checkHeaders(sink, fields.headers));
  const attachments = checkAttachments(sink, fields.attachments, limits);
  const messageId = checkMessageId(sink, fields.messageId, limits);
  const date = checkDate(sink, fields.date);
  const message: MailMessage = {
    from: recipients.from ?? { name: '', address: '' },
    to: recipients.to,
    cc: policy === 'split' ? recipients.cc : [],
    bcc: policy === 'split' ? recipients.bcc : [],
    replyTo: recipients.replyTo,
    subject,
    attachments,
    headers,
  };
  if (fields.text) message.text = fields.text;
  if (fields.html) message.html = fields.html;
  if (messageId !== undefined) message.messageId = messageId;
  if (date !== undefined) message.date = date;
  const size = encodedSizeUpperBound(message) > limits.maxMessageBytes ? estimateEncodedSize(message) : 0;
  if (size > limits.maxMessageBytes) {
    sink.add(
      'message_too_large',
      [],
      'SIZES',
      `The message would be about ${size} bytes encoded; the service accepts at most ${limits.maxMessageBytes} (SIZES: larger messages are cut off and fail); attachments grow by a third in base64`,
    );
  }
  return message;
}

// A field of the wrong type is reported once, as invalid_type, not a second time as missing.
const REQUIRED_BY: ReadonlyArray<[MailIssueCode, readonly FieldName[]]> = [
  ['from_required', ['from']],
  ['to_required', ['to']],
  ['subject_required', ['subject']],
  ['body_required', ['text', 'html']],
];

function suppressRequiredWhenMistyped(sink: IssueSink, failed: ReadonlySet<FieldName>): void {
  if (failed.size === 0) return;
  sink.suppress(new Set(REQUIRED_BY.filter(([, fields]) => fields.some((f) => failed.has(f))).map(([code]) => code)));
}

/**
 * Checks a message against the service's rules and normalizes it; reports every problem, never throws
 * for any input (only an out-of-range `options.limits` override throws a `CONFIGURATION` error).
 */
export function validateMessage(input: unknown, options: ValidateMessageOptions = {}): ValidationResult {
  const limits = options.limits === undefined ? DEFAULT_LIMITS : resolveLimits(options.limits);
  const policy = options.recipients ?? 'single';
  const sink = createIssueSink();
  let message: MailMessage | undefined;
  try {
    message = validate(input, sink, limits, policy);
  } catch {
    // Defence in depth: the checks read only values zod has typed, but nothing may escape.
    sink.add('invalid_type', [], 'HEADERS', 'The message could not be read');
  }
  if (sink.count > 0 || message === undefined) {
    return { ok: false, issues: sink.issues, omittedIssues: sink.count - sink.issues.length };
  }
  return { ok: true, message };
}

/**
 * A readable summary of issues: one line each (at most `MAX_REPORTED_ISSUES`), with its field and rule,
 * and how many more there were (`omitted` plus any listed beyond the cap).
 */
export function summarizeIssues(issues: readonly MailIssue[], omitted = 0): string {
  const shown = issues.slice(0, MAX_REPORTED_ISSUES);
  const more = omitted + issues.length - shown.length;
  const total = issues.length + omitted;
  const lines = shown.map((issue) => `- [${issue.rule}] ${issue.code}: ${issue.message}`);
  if (more > 0) lines.push(`- ... and ${more} more problem${more === 1 ? '' : 's'}`);
  return `The message is not valid for Tencent Cloud SES (${total} problem${total === 1 ? '' : 's'}):\n${lines.join('\n')}`;
}

/** Validates a message and returns it normalized, or throws a `VALIDATION` `QcloudMailError` listing every issue. */
export function assertValidMessage(input: unknown, options?: ValidateMessageOptions): MailMessage {
  const result = validateMessage(input, options);
  if (result.ok) return result.message;
  throw new QcloudMailError({
    code: 'VALIDATION',
    category: 'validation',
    message: summarizeIssues(result.issues, result.omittedIssues),
    rule: result.issues[0]?.rule,
    issues: result.issues,
  });
}
