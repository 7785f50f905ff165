import type { RuleId } from '../rules.js';

/** Stable codes of the problems that validation (`validateMessage`) and linting (`lintMime`) report. */
export type MailIssueCode =
  | 'from_required'
  | 'to_required'
  | 'subject_required'
  | 'body_required'
  | 'invalid_address'
  | 'cc_unsupported'
  | 'bcc_unsupported'
  | 'too_many_recipients'
  | 'too_many_attachments'
  | 'attachment_too_large'
  | 'attachments_too_large'
  | 'body_too_large'
  | 'message_too_large'
  | 'subject_too_long'
  | 'sender_name_invalid'
  | 'attachment_name_invalid'
  | 'attachment_type_blocked'
  | 'header_injection'
  | 'header_unsupported'
  | 'content_id_unsupported'
  | 'invalid_type'
  | 'option_unsupported'
  | 'option_unknown'
  | 'content_type_unsupported'
  | 'mime_version_unsupported'
  | 'attachment_encoding_unsupported'
  | 'attachment_disposition_unsupported'
  | 'attachment_base64_invalid'
  | 'line_too_long'
  | 'header_syntax'
  | 'bare_line_ending'
  | 'display_name_too_long';

/**
 * One problem with a message: a plain object, discriminated by `code`, that says where (`path`),
 * which rule of the service it breaks (`rule`) and what to do about it (`message`).
 */
export interface MailIssue {
  code: MailIssueCode;
  path: ReadonlyArray<string | number>;
  rule: RuleId;
  message: string;
}
