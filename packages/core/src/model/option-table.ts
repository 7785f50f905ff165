import type { RuleId } from '../rules.js';
import type { MailIssueCode } from './issues.js';

/** How qcloudmail answers one nodemailer option it does not write: the issue, its rule and what to do instead. */
export interface RefusedOption {
  code: MailIssueCode;
  rule: RuleId;
  advice: string;
  /** Refused only when this holds for the value (default: any value but `undefined`, `null`, `false`, `''`). */
  refuses?: (value: unknown) => boolean;
}

const ALTERNATIVE = (what: string): RefusedOption => ({
  code: 'content_type_unsupported',
  rule: 'HEADERS',
  advice: `${what} cannot be sent through the service, whose Content-Types are text/plain, text/html and multipart (HEADERS); send text and html only`,
});

/**
 * nodemailer's message options that qcloudmail refuses. Every other option of nodemailer's `Mail.Options` is a
 * field of `messageFieldSchemas` (supported, or accepted as a documented no-op); anything else is `option_unknown`.
 */
export const REFUSED_MESSAGE_OPTIONS: ReadonlyMap<string, RefusedOption> = new Map([
  ['amp', ALTERNATIVE('An AMP4EMAIL part (text/x-amp-html)')],
  ['watchHtml', ALTERNATIVE('An Apple Watch part (text/watch-html)')],
  ['alternatives', ALTERNATIVE('A custom alternative part')],
  [
    'icalEvent',
    {
      code: 'content_type_unsupported',
      rule: 'HEADERS',
      advice:
        'A calendar alternative (text/calendar) cannot be sent through the service (HEADERS); attach the invitation instead: attachments: [{ filename: "invite.ics", content: ics }]',
    },
  ],
  [
    'list',
    {
      code: 'header_unsupported',
      rule: 'HEADERS',
      advice:
        "list is not translated into List-* headers; set them yourself: headers: { 'List-Unsubscribe': '<https://example.com/unsubscribe>' }",
    },
  ],
  [
    'dkim',
    {
      code: 'option_unsupported',
      rule: 'HEADERS',
      advice:
        'The service signs messages with DKIM for your verified domain itself; remove the dkim option (a second signature would break)',
    },
  ],
  [
    'raw',
    {
      code: 'option_unsupported',
      rule: 'R19',
      advice:
        'A message built elsewhere is sent with client.sendRaw(raw, envelope), which lints it against the service rules first (R19)',
    },
  ],
  [
    'attachDataUrls',
    {
      code: 'content_id_unsupported',
      rule: 'R12',
      advice:
        'attachDataUrls turns data: images into inline attachments with a Content-ID, which the service does not support (R12); link the images by https URL instead',
    },
  ],
  [
    'normalizeHeaderKey',
    {
      code: 'option_unsupported',
      rule: 'HEADERS',
      advice: 'Header names are written as given; write them in the case you want in headers',
    },
  ],
  [
    'encoding',
    {
      code: 'option_unsupported',
      rule: 'R10',
      advice: 'text and html are read as UTF-8 strings; decode them yourself before sending (encoding: utf-8 only)',
      refuses: (value) => !(typeof value === 'string' && ['utf-8', 'utf8'].includes(value.toLowerCase())),
    },
  ],
  [
    'signal',
    {
      code: 'option_unsupported',
      rule: 'HEADERS',
      advice: 'An AbortSignal is not part of the message; pass it as send(message, { signal })',
    },
  ],
  [
    'dsn',
    {
      code: 'option_unsupported',
      rule: 'R15',
      advice:
        'The service sends no delivery status notifications (R15: success means accepted); use its delivery events (R26)',
    },
  ],
  [
    'otp',
    {
      code: 'option_unsupported',
      rule: 'HEADERS',
      advice: 'otp is not translated into an OTP-Token header; set the header yourself in headers',
    },
  ],
]);

const REMOTE: RefusedOption = {
  code: 'invalid_type',
  rule: 'R13',
  advice:
    "qcloudmail reads neither files nor URLs from message data: pass the bytes as content (or base64 content with encoding: 'base64'); the nodemailer transport reads files only with allowFileAccess",
};

/** nodemailer's attachment options that qcloudmail refuses; the others are fields of `attachmentInputSchema`. */
export const REFUSED_ATTACHMENT_OPTIONS: ReadonlyMap<string, RefusedOption> = new Map([
  ['path', REMOTE],
  ['href', REMOTE],
  [
    'httpHeaders',
    { ...REMOTE, advice: 'qcloudmail never fetches URLs, so there is nothing to send httpHeaders with (R13)' },
  ],
  [
    'raw',
    {
      code: 'header_unsupported',
      rule: 'R12',
      advice: 'Custom attachment parts (raw) are not supported: the service accepts only base64 attachment parts (R12)',
    },
  ],
  [
    'headers',
    {
      code: 'header_unsupported',
      rule: 'R12',
      advice:
        'Custom attachment part headers are not supported: the service accepts only its own attachment headers (R12)',
      refuses: (value) => typeof value !== 'object' || value === null || Object.keys(value).length > 0,
    },
  ],
  [
    'contentTransferEncoding',
    {
      code: 'attachment_encoding_unsupported',
      rule: 'R12',
      advice: 'Attachments are always sent base64-encoded, the only encoding the service accepts (R12)',
      refuses: (value) => !(typeof value === 'string' && value.toLowerCase() === 'base64'),
    },
  ],
]);
