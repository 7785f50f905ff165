import type { MailIssueCode } from '../model/issues.js';
import { classifyText } from './classify-text.js';
import { lookupErrorCode } from './error-catalog.js';
import { salvageSesJson } from './json-salvage.js';
import { splitProviderCode } from './provider-code.js';
import { matchR17Message } from './r17-messages.js';
import { splitSmtpReply } from './split-reply.js';
import type { ParsedSesReply } from './types.js';

const MARKER = /##\s*SES-response-json\s*:/i;
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Provider codes that name a problem local validation also reports: the issue code lets users match both.
const ISSUE_OF_CODE: Readonly<Record<string, MailIssueCode>> = {
  'FailedOperation.MissingEmailContent': 'body_required',
  'FailedOperation.EmailContentToolarge': 'body_too_large',
  'FailedOperation.AttachContentToolarge': 'attachments_too_large',
  'InvalidParameterValue.AttachContentIsWrong': 'attachment_base64_invalid',
  'FailedOperation.TooManyRecipients': 'too_many_recipients',
  'FailedOperation.TooManyAttachments': 'too_many_attachments',
  'FailedOperation.InvalidAttachName': 'attachment_name_invalid',
  'InvalidParameterValue.IllegalSenderName': 'sender_name_invalid',
  'InvalidParameterValue.IllegalEmailAddress': 'invalid_address',
};
// Of those, the ones whose stable `code` is the issue code rather than the provider code (R10).
const CODE_IS_ISSUE: ReadonlySet<string> = new Set(['FailedOperation.MissingEmailContent']);

function unknownInput(message: string): ParsedSesReply {
  return {
    ok: false,
    smtpCode: null,
    enhancedStatus: null,
    code: 'unknown',
    issueCode: null,
    providerCode: null,
    message,
    messageZh: null,
    requestId: null,
    category: 'unknown',
    retryable: false,
    retryAfterMs: null,
    rule: null,
    action: 'qcloudmail could not read a reply from this value; see the error it came with.',
  };
}

function parseJsonReply(base: ParsedSesReply, payload: string): ParsedSesReply {
  const salvaged = salvageSesJson(payload);
  const { code: providerCode, rest } = splitProviderCode(salvaged.code);
  const message = (salvaged.message ?? '').trim() || rest;
  const reply: ParsedSesReply = { ...base, providerCode, message, requestId: salvaged.requestId };
  const r17 = providerCode === null || providerCode === 'FailedOperation' ? matchR17Message(message) : undefined;
  if (r17 !== undefined) {
    return {
      ...reply,
      code: r17.issue,
      issueCode: r17.issue,
      messageZh: CJK.test(message) ? message : r17.messageZh,
      category: r17.category,
      rule: r17.rule,
      action: r17.action,
    };
  }
  if (providerCode === null) {
    return { ...reply, code: 'unknown', messageZh: CJK.test(message) ? message : null };
  }
  const entry = lookupErrorCode(providerCode);
  const issueCode = ISSUE_OF_CODE[providerCode] ?? null;
  return {
    ...reply,
    code: issueCode !== null && CODE_IS_ISSUE.has(providerCode) ? issueCode : providerCode,
    issueCode,
    message: message || entry.meaningEn,
    messageZh: CJK.test(message) ? message : entry.meaningZh || null,
    category: entry.category,
    retryable: entry.retryable,
    retryAfterMs: entry.retryAfterMs,
    rule: entry.rule,
    action: entry.action,
  };
}

// JavaScript's \s: the white space a reply's lines are joined across.
function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Joins a multi-line reply's lines: each run of white space that holds a line feed becomes one space, as a
 * global replace of `\s*\n\s*` would, in one pass (that regex is quadratic on a long run of spaces).
 */
export function joinLines(text: string): string {
  if (!text.includes('\n')) return text;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    if (!isSpace(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    let lineFeed = false;
    while (end < text.length && isSpace(text.charCodeAt(end))) {
      if (text.charCodeAt(end) === 10) lineFeed = true;
      end++;
    }
    if (lineFeed) {
      out += `${text.slice(copied, i)} `;
      copied = end;
    }
    i = end;
  }
  return out + text.slice(copied);
}

function parseText(text: string): ParsedSesReply {
  const parts = splitSmtpReply(text);
  const base: ParsedSesReply = { ...unknownInput(''), smtpCode: parts.smtpCode, enhancedStatus: parts.enhancedStatus };
  const marker = MARKER.exec(parts.text);
  if (marker !== null) return parseJsonReply(base, parts.text.slice(marker.index + marker[0].length));
  const judged = classifyText(parts);
  return { ...base, ...judged, ok: judged.category === 'success', message: joinLines(parts.text) };
}

/**
 * Reads any reply of the service, one line or many, with or without `##SES-response-json:` (R16-R21, R24):
 * code, provider code, message, request id, category and retry judgement. Never throws, on any input.
 */
export function parseSesReply(text: unknown): ParsedSesReply {
  try {
    if (text instanceof Uint8Array) return parseSesReply(new TextDecoder().decode(text));
    if (typeof text !== 'string') return unknownInput('');
    const parsed = parseText(text);
    return {
      ...parsed,
      message: parsed.message.replace(LONE_SURROGATE, '\uFFFD'),
      messageZh: parsed.messageZh?.replace(LONE_SURROGATE, '\uFFFD') ?? null,
    };
  } catch {
    // Defensive only: the steps above are total, but a parser of untrusted text must not be the one that throws.
    return unknownInput(typeof text === 'string' ? text.slice(0, 1000) : '');
  }
}
