import type { MailIssueCode } from '@qcloudmail/core';

// One sentence per issue code; a Record over the union makes a new code without advice a type error.
const ADVICE: Record<MailIssueCode, string> = {
  from_required: 'Add a From header with the sender address configured in the console (R4).',
  to_required: 'Add a To header with at least one recipient.',
  subject_required: 'Add a non-empty Subject header.',
  body_required: 'Give the message a text/plain or text/html body; the service refuses an empty one.',
  invalid_address: 'Write the address as local@domain, optionally as "Name <local@domain>".',
  cc_unsupported: 'Drop Cc and send each copy as its own message with the recipient in To.',
  bcc_unsupported: 'Drop Bcc and send each copy as its own message with the recipient in To.',
  too_many_recipients: 'Split the recipients into messages of at most 50 (one per recipient is best).',
  too_many_attachments: 'Send at most 10 attachments; zip the rest or link to them.',
  attachment_too_large: 'Shrink or compress the attachment, or link to it instead.',
  attachments_too_large: 'Send fewer or smaller attachments, or link to large files instead.',
  body_too_large: 'Shorten the body (at most 1 MiB without attachments); move large content to a link.',
  message_too_large: 'Keep the whole message under 10 MiB on the wire; send large files as links.',
  subject_too_long: 'Shorten the subject (at most 998 characters, under 78 is best).',
  sender_name_invalid: 'Remove ":" from the sender display name.',
  attachment_name_invalid: 'Rename the file: at most 255 characters, none of ? \\ * | " < > : /.',
  attachment_type_blocked: 'Send this kind of file (executable, script, audio, video) as a link, or zip it.',
  header_injection: 'Remove line breaks from header values.',
  header_unsupported: 'Remove the header; the service does not support it.',
  content_id_unsupported: 'Remove Content-ID/Content-Location; link images by URL instead of inline parts.',
  invalid_type: 'Fix the field to the expected type.',
  option_unsupported: 'Remove the option; the service has no equivalent (pass attachment bytes, not path or href).',
  option_unknown: 'Remove the key or correct its spelling; it is no option of a message, nor of nodemailer.',
  content_type_unsupported:
    'Use text/plain or text/html with charset=UTF-8, or multipart/mixed, related or alternative at the top.',
  mime_version_unsupported: 'Write "MIME-Version: 1.0" or leave the header out.',
  attachment_encoding_unsupported: 'Encode the attachment with "Content-Transfer-Encoding: base64".',
  attachment_disposition_unsupported: 'Mark the attachment "Content-Disposition: attachment", or it is not sent.',
  attachment_base64_invalid: 'Re-encode the attachment as plain base64 lines of at most 76 characters.',
  line_too_long: 'Wrap the line (at most 998 octets), or encode the part as quoted-printable or base64.',
  header_syntax: 'Start each header at column 0, continue folded lines with white space, no empty line inside.',
  bare_line_ending: 'End every line with CRLF; convert bare LF or CR line endings.',
  display_name_too_long: 'Shorten the display name; a long name only makes a header the service may refuse.',
};

/** What to do about an issue, in one sentence, by its code. */
export function issueAdvice(code: MailIssueCode): string {
  return ADVICE[code];
}
