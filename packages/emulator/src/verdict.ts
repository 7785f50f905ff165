import {
  LIMITS,
  type LimitOverrides,
  lintMime,
  type MailIssue,
  type MailIssueCode,
  type RuleId,
} from '@qcloudmail/core';
import { providerErrorForIssue, R17_MESSAGES, SES_REPLIES } from '@qcloudmail/core/internal';
import { BARE_LINE_ENDING_REPLY, providerReply } from './replies.js';
import type { ContentVerdict, VerdictReason } from './types.js';

/** What the content check needs to know about one message at the end of DATA. */
export interface ContentInput {
  raw: Buffer;
  /** The authenticated sender (R4). */
  user: string;
  envelope: { from: string; to: string[] };
  /** The longest line of DATA in octets, CRLF excluded, as the SMTP reader measured it. */
  longestLine: number;
  limits?: LimitOverrides;
}

// Checks of the SendEmail API that the SMTP gateway shares (SPEC: "its input checks follow the SendEmail
// API's"); the codes are the API's own (ses-error-codes.tsv). Oversized single attachments get R17's message.
const API_ERRORS: ReadonlyArray<[MailIssueCode, string]> = [
  ['too_many_recipients', 'FailedOperation.TooManyRecipients'],
  ['too_many_attachments', 'FailedOperation.TooManyAttachments'],
  ['attachment_name_invalid', 'FailedOperation.InvalidAttachName'],
  ['attachment_type_blocked', 'FailedOperation.InvalidAttachName'],
  ['sender_name_invalid', 'InvalidParameterValue.IllegalSenderName'],
];

const R17_ORDER = Object.keys(R17_MESSAGES) as MailIssueCode[];

function refuse(reason: VerdictReason, reply: string, rule: RuleId, issues: MailIssue[]): ContentVerdict {
  return { accepted: false, reason, reply, rule, issues };
}

function business(providerCode: string, message: string | undefined, rule: RuleId, issues: MailIssue[]) {
  const rendered = providerReply(providerCode, message);
  return { accepted: false, reason: 'provider-error' as const, rule, issues, ...rendered };
}

function sameAddress(a: string | undefined, b: string): boolean {
  return a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Judges a message as the service does at the end of DATA (R19): core's `lintMime` finds the issues, this maps
 * the ones the service refuses to its replies, in a fixed order so that the answer is deterministic. Issues the
 * service lets through (lines of 999 to 2000 octets, a missing To, Cc/Bcc) stay in `issues` as warnings.
 */
export function judgeContent(input: ContentInput): ContentVerdict {
  const lint = lintMime(input.raw, input.limits === undefined ? {} : { limits: input.limits });
  const issues = lint.issues;
  const has = (code: MailIssueCode) => issues.some((issue) => issue.code === code);

  // The service's line reader fails before it parses anything (SIZES, R18).
  if (input.longestLine > LIMITS.maxServiceLineLength)
    return refuse('too-long-line', SES_REPLIES.tooLongLine, 'SIZES', issues);
  if (has('bare_line_ending')) return refuse('bare-line-ending', BARE_LINE_ENDING_REPLY, 'RFC5322', issues);

  for (const code of R17_ORDER) {
    const error = has(code) ? providerErrorForIssue(code) : undefined;
    if (error !== undefined) return business(error.providerCode, error.message, 'R17', issues);
  }
  if (has('attachment_too_large')) {
    const error = R17_MESSAGES.attachments_too_large;
    return business(error.providerCode, error.message, 'R17', issues);
  }
  // The login is the sender address (R4): another envelope sender or From address is not this account's.
  if (!sameAddress(input.envelope.from, input.user) || !sameAddress(lint.summary.from, input.user)) {
    return {
      ...business('FailedOperation.NotAuthenticatedSender', undefined, 'R4', issues),
      reason: 'sender-mismatch',
    };
  }
  for (const [code, providerCode] of API_ERRORS) {
    const issue = issues.find((candidate) => candidate.code === code);
    if (issue !== undefined) return business(providerCode, undefined, issue.rule, issues);
  }
  if (input.envelope.to.length > LIMITS.maxRecipients) {
    return business('FailedOperation.TooManyRecipients', undefined, 'R8', issues);
  }
  return { accepted: true, reason: 'accepted', reply: SES_REPLIES.queued, issues };
}
