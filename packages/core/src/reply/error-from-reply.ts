import type { MailIssue } from '../model/issues.js';
import { parseSesReply } from './parse-ses-reply.js';
import type { ParsedSesReply } from './types.js';
import {
  type NodemailerErrorCode,
  QcloudMailError,
  type QcloudMailErrorCode,
  type QcloudMailErrorOptions,
} from '../errors/qcloud-mail-error.js';
import { sentences } from '../errors/sentences.js';

/** Where a reply was received, for nodemailer's code and the error's `command`. */
export interface ReplyContext {
  /** The SMTP command the reply answers (`AUTH PLAIN`, `MAIL FROM`, `RCPT TO`, `DATA`, ...). */
  command?: string;
}

// Where each issue found by the service would be reported by local validation.
const ISSUE_PATHS: Readonly<Record<string, readonly string[]>> = {
  from_required: ['headers', 'From'],
  subject_required: ['headers', 'Subject'],
  body_required: ['body'],
  content_type_unsupported: ['headers', 'Content-Type'],
  mime_version_unsupported: ['headers', 'MIME-Version'],
  sender_name_invalid: ['headers', 'From'],
  too_many_recipients: ['headers', 'To'],
  invalid_address: ['headers', 'To'],
};

function errorCode(parsed: ParsedSesReply): QcloudMailErrorCode {
  if (parsed.category === 'rate_limit') return 'RATE_LIMIT';
  if (parsed.providerCode !== null || parsed.issueCode !== null) return 'PROVIDER';
  if (parsed.category === 'auth') return 'AUTH';
  if (parsed.category === 'service' || parsed.category === 'connection') return 'CONNECTION';
  if (parsed.category === 'timeout') return 'TIMEOUT';
  return parsed.smtpCode !== null && !parsed.ok ? 'PROVIDER' : 'UNKNOWN';
}

function nodemailerCode(parsed: ParsedSesReply, command: string | undefined): NodemailerErrorCode {
  const verb = (command ?? '').trim().toUpperCase();
  if (verb.startsWith('AUTH') || (verb === '' && parsed.category === 'auth')) return 'EAUTH';
  if (verb.startsWith('MAIL') || verb.startsWith('RCPT')) return 'EENVELOPE';
  // Business errors answer the end of DATA (R19), so a JSON reply without a command is a DATA reply too.
  if (verb.startsWith('DATA') || (verb === '' && (parsed.providerCode !== null || parsed.issueCode !== null))) {
    return 'EMESSAGE';
  }
  if (parsed.category === 'connection') return 'ECONNECTION';
  return 'EPROTOCOL';
}

// A text without its final period, so that a remark can follow inside the same sentence.
function unended(text: string): string {
  const trimmed = text.trim();
  return trimmed.endsWith('.') && !trimmed.endsWith('..') ? trimmed.slice(0, -1) : trimmed;
}

// The error's message is English (the provider may answer in Chinese, as in R16's own example).
function englishMessage(parsed: ParsedSesReply): string {
  const cjk = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/.test(parsed.message);
  const said = cjk ? '' : parsed.message;
  const request = parsed.requestId === null ? '' : ` (request ${parsed.requestId})`;
  if (parsed.ok) return `The service answered ${parsed.smtpCode} (${said}) where a failure was expected`;
  if (parsed.providerCode !== null || parsed.issueCode !== null) {
    const code = parsed.providerCode ?? parsed.code;
    const text = said || (cjk ? 'see messageZh' : 'no message');
    // The request id goes inside the sentence: "...: Too busy. (request x)." would end it twice.
    const reported = request === '' ? text : `${unended(text)}${request}`;
    return sentences(`The service refused the message: ${code}: ${reported}`, parsed.action);
  }
  const head = parsed.smtpCode === null ? 'The connection failed' : `The service answered ${parsed.smtpCode}`;
  return sentences(`${head}: ${said || parsed.code}`, parsed.action);
}

function issuesOf(parsed: ParsedSesReply): MailIssue[] {
  if (parsed.issueCode === null || parsed.rule === null) return [];
  const path = ISSUE_PATHS[parsed.issueCode] ?? (parsed.issueCode.startsWith('attachment') ? ['attachments'] : ['raw']);
  return [
    {
      code: parsed.issueCode,
      path,
      rule: parsed.rule,
      message: sentences(`${unended(parsed.message)} (reported by the service)`, parsed.action),
    },
  ];
}

/** Builds the error of an already parsed reply; `errorFromReply` parses first. */
export function errorFromParsedReply(
  parsed: ParsedSesReply,
  raw: string,
  context: ReplyContext = {},
  cause?: unknown,
  overrides: Partial<QcloudMailErrorOptions> = {},
): QcloudMailError {
  return new QcloudMailError({
    code: errorCode(parsed),
    message: englishMessage(parsed),
    category: parsed.category === 'success' ? 'unknown' : parsed.category,
    ...(parsed.rule === null ? {} : { rule: parsed.rule }),
    issues: issuesOf(parsed),
    retryable: parsed.retryable,
    ...(parsed.retryAfterMs === null ? {} : { retryAfterMs: parsed.retryAfterMs }),
    ...(parsed.providerCode === null ? {} : { providerCode: parsed.providerCode }),
    ...(parsed.requestId === null ? {} : { requestId: parsed.requestId }),
    ...(parsed.messageZh === null ? {} : { messageZh: parsed.messageZh }),
    action: parsed.action,
    nodemailerCode: nodemailerCode(parsed, context.command),
    response: raw,
    ...(parsed.smtpCode === null ? {} : { responseCode: parsed.smtpCode }),
    ...(context.command === undefined ? {} : { command: context.command }),
    cause,
    ...overrides,
  });
}

/**
 * The `QcloudMailError` for one reply of the service (R16-R21): PROVIDER for business errors, RATE_LIMIT,
 * AUTH for 535/454, CONNECTION for 421; the R17 errors carry the same issue code as local validation.
 */
export function errorFromReply(reply: string, context: ReplyContext = {}): QcloudMailError {
  const raw = typeof reply === 'string' ? reply : '';
  return errorFromParsedReply(parseSesReply(raw), raw, context);
}
