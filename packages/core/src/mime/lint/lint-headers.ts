import type { EffectiveLimits } from '../../limits/limits.js';
import type { MailIssue } from '../../model/issues.js';
import type { LintSummary } from '../types.js';
import { parseAddress } from '../../model/address.js';
import { type HeaderMailbox, parseAddressList } from './address-list.js';
import { decodeEncodedWords } from './decode-words.js';
import { headerValue, parseHeaderBlock } from './header-block.js';
import type { MimePart } from './mime-tree.js';
import { quote } from '../../model/issue.js';

// The exact strings the service accepts for a single part, and the media types it accepts for multipart.
const SINGLE_TYPES = ['text/plain; charset=UTF-8', 'text/html; charset=UTF-8'];
const MULTIPART_TYPES = ['multipart/mixed', 'multipart/related', 'multipart/alternative'];

function checkContentType(root: MimePart, raw: string | undefined, issues: MailIssue[]): void {
  const path = ['headers', 'Content-Type'];
  const allowed = `${SINGLE_TYPES.join(', ')}, ${MULTIPART_TYPES.join(', ')}`;
  if (raw === undefined) {
    issues.push({
      code: 'content_type_unsupported',
      path,
      rule: 'HEADERS',
      message: `Content-Type is missing; the service requires one of ${allowed}`,
    });
    return;
  }
  const type = root.contentType.value;
  if (MULTIPART_TYPES.includes(type)) {
    if (!root.contentType.params.get('boundary')) {
      issues.push({
        code: 'content_type_unsupported',
        path,
        rule: 'HEADERS',
        message: `${type} has no boundary parameter`,
      });
    }
    return;
  }
  if (SINGLE_TYPES.includes(raw)) return;
  const hint = /^text\/(plain|html)\s*;\s*charset="?utf-8"?$/i.test(raw)
    ? `; the service compares the string, write it exactly as "${type}; charset=UTF-8"`
    : '';
  issues.push({
    code: 'content_type_unsupported',
    path,
    rule: 'HEADERS',
    message: `Content-Type ${quote(raw)} is not one of ${allowed} (R17)${hint}`,
  });
}

// RFC 5321 caps a path at 256 octets, brackets included. Checked before parsing, so that a hostile
// 80,000-character "address" costs one length check.
const MAX_ADDRESS_OCTETS = 254;

function checkMailboxes(mailboxes: readonly HeaderMailbox[], field: 'From' | 'To', issues: MailIssue[]): void {
  for (const mailbox of mailboxes) {
    if (mailbox.address === '') continue;
    const octets = Buffer.byteLength(mailbox.address, 'utf8');
    if (octets > MAX_ADDRESS_OCTETS) {
      issues.push({
        code: 'invalid_address',
        path: ['headers', field],
        rule: 'RFC5322',
        message: `${quote(mailbox.address)} has ${octets} octets; an address has at most ${MAX_ADDRESS_OCTETS} (RFC 5321)`,
      });
      continue;
    }
    // The address rules (RFC 5322, punycode, no quoted local parts) live in the model, shared with validation.
    const parsed = parseAddress(mailbox.address);
    if (!parsed.ok) {
      issues.push({
        code: 'invalid_address',
        path: ['headers', field],
        rule: 'RFC5322',
        message: `${JSON.stringify(mailbox.address)} ${parsed.reason}`,
      });
    }
  }
}

function checkAddresses(root: MimePart, limits: EffectiveLimits, summary: LintSummary, issues: MailIssue[]): void {
  const headers = root.block.headers;
  const fromValue = headerValue(headers, 'from');
  const from = parseAddressList(fromValue, false);
  const sender = from[0];
  if (!sender || sender.address === '') {
    issues.push({
      code: 'from_required',
      path: ['headers', 'From'],
      rule: 'HEADERS',
      message: 'The From header is missing or empty (msg.From is null, R17)',
    });
  } else {
    summary.from = sender.address;
    if (sender.name.includes(':')) {
      issues.push({
        code: 'sender_name_invalid',
        path: ['headers', 'From'],
        rule: 'R23',
        message: 'The sender display name must not contain ":" (R23)',
      });
    }
  }
  const to = parseAddressList(headerValue(headers, 'to'));
  summary.to = to.map((mailbox) => mailbox.address);
  if (to.length === 0) {
    issues.push({
      code: 'to_required',
      path: ['headers', 'To'],
      rule: 'HEADERS',
      message: 'The To header is missing or empty',
    });
  } else if (to.length > limits.maxRecipients) {
    issues.push({
      code: 'too_many_recipients',
      path: ['headers', 'To'],
      rule: 'R8',
      message: `${to.length} recipients in To; the service allows at most ${limits.maxRecipients} (R8)`,
    });
  }
  checkMailboxes(from, 'From', issues);
  checkMailboxes(to, 'To', issues);
  for (const [name, code] of [
    ['Cc', 'cc_unsupported'],
    ['Bcc', 'bcc_unsupported'],
  ] as const) {
    if (headerValue(headers, name) !== undefined) {
      issues.push({
        code,
        path: ['headers', name],
        rule: 'R9',
        message: `The service does not support ${name} (R9); send each recipient their own message`,
      });
    }
  }
}

/** Checks the message's own header block: required fields, recipients, subject, Content-Type, MIME-Version, syntax. */
export function lintTopHeaders(
  raw: Buffer,
  root: MimePart,
  limits: EffectiveLimits,
  summary: LintSummary,
): MailIssue[] {
  const issues: MailIssue[] = [];
  const headers = root.block.headers;
  for (const problem of root.block.syntax) {
    issues.push({
      code: 'header_syntax',
      path: ['line', problem.line],
      rule: 'R11',
      message: `Line ${problem.line}: ${problem.problem} (R11)`,
    });
  }
  checkAddresses(root, limits, summary, issues);
  const subjectRaw = headerValue(headers, 'subject');
  const subject = subjectRaw === undefined ? undefined : decodeEncodedWords(subjectRaw);
  if (subject !== undefined) summary.subject = subject;
  const messageId = headerValue(headers, 'message-id')?.trim();
  if (messageId) summary.messageId = messageId;
  if (subject === undefined || subject.trim() === '') {
    issues.push({
      code: 'subject_required',
      path: ['headers', 'Subject'],
      rule: 'R23',
      message: 'The Subject header is missing or empty (msg.Subject is null, R17)',
    });
  } else if ([...subject].length > limits.maxSubjectLength) {
    issues.push({
      code: 'subject_too_long',
      path: ['headers', 'Subject'],
      rule: 'R23',
      message: `The subject has ${[...subject].length} characters; at most ${limits.maxSubjectLength} (R23)`,
    });
  }
  const typeRaw = headerValue(headers, 'content-type');
  if (typeRaw !== undefined) summary.contentType = typeRaw;
  checkContentType(root, typeRaw, issues);
  const version = headerValue(headers, 'mime-version');
  if (version !== undefined && version !== '1.0') {
    issues.push({
      code: 'mime_version_unsupported',
      path: ['headers', 'MIME-Version'],
      rule: 'HEADERS',
      message: `MIME-Version ${quote(version)} is refused; leave it out or write 1.0 (R17)`,
    });
  }
  // An empty line inside the header block ends it early: the fields after it land in the body.
  const missing = ['from', 'to', 'subject'].filter((name) => headerValue(headers, name) === undefined);
  if (missing.length > 0 && root.block.terminated) {
    const spill = parseHeaderBlock(raw, root.block.bodyStart, Math.min(raw.length, root.block.bodyStart + 64 * 1024));
    if (spill.syntax.length === 0 && spill.headers.some((header) => missing.includes(header.name.toLowerCase()))) {
      issues.push({
        code: 'header_syntax',
        path: ['headers'],
        rule: 'R11',
        message: 'An empty line inside the header block ends it early; the headers after it are read as body (R11)',
      });
    }
  }
  return issues;
}
