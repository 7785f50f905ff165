import type { QcloudMailErrorCategory } from '../errors/qcloud-mail-error.js';
import type { MailIssueCode } from '../model/issues.js';
import type { RuleId } from '../rules.js';

/** The issue codes that the SMTP gateway itself detects and reports as plain `FailedOperation` (R17). */
export type R17IssueCode =
  | 'from_required'
  | 'subject_required'
  | 'body_required'
  | 'attachment_encoding_unsupported'
  | 'content_type_unsupported'
  | 'mime_version_unsupported'
  | 'body_too_large'
  | 'attachment_base64_invalid'
  | 'attachments_too_large';

/** A business error as the service puts it into `##SES-response-json:` (R16). */
export interface ProviderError {
  providerCode: string;
  message: string;
}

/**
 * The service's own messages for the R17 errors. SPEC and the provider's document give only their beginnings;
 * the rest is reconstructed from the document's input table (allowed values) and the matching SendEmail API
 * meanings (`ses-error-codes.tsv`), keeping every documented beginning exact.
 */
export const R17_MESSAGES: Readonly<Record<R17IssueCode, ProviderError>> = {
  from_required: { providerCode: 'FailedOperation', message: 'msg.From is null' },
  subject_required: { providerCode: 'FailedOperation', message: 'msg.Subject is null' },
  body_required: { providerCode: 'FailedOperation', message: 'msg.Body is null' },
  attachment_encoding_unsupported: {
    providerCode: 'FailedOperation',
    message: 'Content-Transfer-Encoding must in [base64]',
  },
  content_type_unsupported: {
    providerCode: 'FailedOperation',
    message:
      'Content-Type must in [text/plain; charset=UTF-8, text/html; charset=UTF-8, multipart/mixed, multipart/related, multipart/alternative]',
  },
  mime_version_unsupported: { providerCode: 'FailedOperation', message: 'Mime-Version must in [1.0]' },
  body_too_large: { providerCode: 'FailedOperation', message: 'The email is too large. Remove some content.' },
  attachment_base64_invalid: {
    providerCode: 'FailedOperation',
    message: 'Incorrect attachment content. Make sure the base64 content is correct.',
  },
  attachments_too_large: {
    providerCode: 'FailedOperation',
    message:
      'The attachments are too large. Make sure they do not exceed the size limit for a single attachment and the overall limit for all attachments.',
  },
};

/** The service's answer when an account exceeds R5 or R6 (R7); SPEC documents only its beginning. */
export const SMTP_RATE_LIMIT_ERROR: ProviderError = {
  providerCode: 'RequestLimitExceeded.SmtpRateLimit',
  message: 'smtp sending frequency limit, please reduce the sending rate and try again later',
};

/** The error the service itself answers for an issue it detects (R17), or undefined for issues it does not check. */
export function providerErrorForIssue(issueCode: MailIssueCode | string): ProviderError | undefined {
  return Object.hasOwn(R17_MESSAGES, issueCode) ? R17_MESSAGES[issueCode as R17IssueCode] : undefined;
}

interface R17Meaning {
  issue: R17IssueCode;
  /** The remark of the provider's document for this error. */
  messageZh: string;
  /** The documented beginning, matched case-insensitively after leading white space. */
  prefix: string;
  category: QcloudMailErrorCategory;
  rule: RuleId;
  action: string;
}

const MEANINGS: readonly R17Meaning[] = [
  {
    issue: 'from_required',
    messageZh: '发信人为空',
    prefix: 'msg.from is null',
    category: 'validation',
    rule: 'HEADERS',
    action: 'Give the message a From header with the sender address you log in with (R4).',
  },
  {
    issue: 'subject_required',
    messageZh: '发信主题为空',
    prefix: 'msg.subject is null',
    category: 'validation',
    rule: 'R23',
    action: 'Give the message a non-empty Subject (R23).',
  },
  {
    issue: 'body_required',
    messageZh: '发信内容为空',
    prefix: 'msg.body is null',
    category: 'content',
    rule: 'R10',
    action: 'Give the message a non-empty text or HTML body (R10).',
  },
  {
    issue: 'attachment_encoding_unsupported',
    messageZh: '检查附件的 Content-Transfer-Encoding, 参照入参说明',
    prefix: 'content-transfer-encoding must in',
    category: 'content',
    rule: 'R12',
    action: 'Encode every attachment part with Content-Transfer-Encoding: base64 (R12).',
  },
  {
    issue: 'content_type_unsupported',
    messageZh: '检查 Header 中的 Content-Type, 参照入参说明',
    prefix: 'content-type must in',
    category: 'content',
    rule: 'HEADERS',
    action:
      'Use a top-level Content-Type of text/plain or text/html with charset=UTF-8, or multipart/mixed, related or alternative.',
  },
  {
    issue: 'mime_version_unsupported',
    messageZh: '检查 Header 中的 Mime-Version, 参照入参说明',
    prefix: 'mime-version must in',
    category: 'content',
    rule: 'HEADERS',
    action: 'Leave MIME-Version out or set it to 1.0.',
  },
  {
    issue: 'body_too_large',
    messageZh: '除了附件之外的邮件正文不能超过 1M',
    prefix: 'the email is too large',
    category: 'content',
    rule: 'SIZES',
    action: 'Cut the body (without attachments) below 1 MiB, for example by moving images to links.',
  },
  {
    issue: 'attachment_base64_invalid',
    messageZh: '附件的内容需要 base64加密',
    prefix: 'incorrect attachment content',
    category: 'content',
    rule: 'R13',
    action:
      'Encode every attachment body as valid base64 (R13); a message over 10 MB is cut off and ends in broken base64.',
  },
  {
    issue: 'attachments_too_large',
    messageZh: '单个附件超过5M。或所有附件大小超过10M（具体大小可能会调整）',
    prefix: 'the attachments are too large',
    category: 'content',
    rule: 'SIZES',
    action: 'Keep each attachment under 4 MiB and all of them under 8 MiB of decoded bytes, or link to large files.',
  },
];

/** The R17 meaning of a plain `FailedOperation` message, told apart by its beginning; undefined when none. */
export function matchR17Message(message: string): R17Meaning | undefined {
  const text = message.trimStart().toLowerCase();
  return MEANINGS.find((meaning) => text.startsWith(meaning.prefix));
}
