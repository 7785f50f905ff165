/**
 * The normalized message: what `validateMessage` returns and what the MIME builder and the client consume.
 * Addresses are parsed, single values are arrays, attachment content is bytes.
 */

/** A parsed address; `address` is ASCII (an internationalized domain is already punycode). */
export interface MailAddress {
  name: string;
  address: string;
}

/** An attachment with its decoded bytes. */
export interface MailAttachment {
  filename: string;
  content: Buffer;
  /** The MIME type; when absent the builder derives it from the file name. */
  contentType?: string;
}

/** A custom header, in the order given. */
export interface MailHeader {
  key: string;
  value: string;
}

/** A message that passed validation. */
export interface MailMessage {
  from: MailAddress;
  to: MailAddress[];
  /** Only present when the recipient policy is `split`: each address gets its own copy (R9). */
  cc: MailAddress[];
  /** Only present when the recipient policy is `split`: each address gets its own copy (R9). */
  bcc: MailAddress[];
  replyTo: MailAddress[];
  subject: string;
  text?: string;
  html?: string;
  attachments: MailAttachment[];
  headers: MailHeader[];
  messageId?: string;
  date?: Date;
}
