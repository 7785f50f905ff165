import { z } from 'zod';

/**
 * The message input, with nodemailer's field names so that its users' habits carry over.
 * The schema checks types only; `validateMessage` adds the service's rules (R8..R23) and normalizes.
 * Keys that are no field here are judged by `check-options.ts`: a nodemailer option the service cannot honour
 * is refused with its own issue, and a key nodemailer does not know either is refused as `option_unknown`.
 */

const ADDRESS_HINT = 'expected an address: "a@b.c", "Name <a@b.c>" or { name, address }';

/** One address: `a@b.c`, `Name <a@b.c>`, `"Quoted, Name" <a@b.c>`, or `{ name, address }`. */
export const addressInputSchema = z.union(
  [z.string(), z.object({ name: z.string().optional(), address: z.string() })],
  { error: ADDRESS_HINT },
);

/** One address, several as a comma-separated string, or an array of addresses. */
export const addressListInputSchema = z.union([addressInputSchema, z.array(addressInputSchema)], {
  error: `${ADDRESS_HINT}, or an array of them`,
});

const bytesSchema = z.custom<Buffer | Uint8Array>((value) => value instanceof Uint8Array);

/** Buffer encodings accepted for string `content`, as nodemailer names them; utf-8 is the default. */
export const attachmentEncodings = ['base64', 'utf-8', 'utf8', 'hex', 'latin1', 'binary'] as const;

/** An attachment: its bytes (or a string and its `encoding`), its file name and optionally its MIME type. */
export const attachmentInputSchema = z.object({
  filename: z.string().optional(),
  content: z.union([z.string(), bytesSchema], {
    error: (issue) =>
      issue.input === undefined
        ? 'content is required: qcloudmail reads neither files nor URLs (path, href), pass the bytes or a string'
        : 'content must be a Buffer, a Uint8Array or a string',
  }),
  contentType: z.string().optional(),
  encoding: z.enum(attachmentEncodings).optional(),
  /** Only accepted so that it can be diagnosed: the service supports no Content-ID (R12). */
  cid: z.string().optional(),
  /** Only `attachment` is sent by the service (R12); `inline` is diagnosed. */
  contentDisposition: z.enum(['attachment', 'inline']).optional(),
});

/** Custom headers: an object of name to value, or an ordered array of `{ key, value }`. */
export const headersInputSchema = z.union(
  [z.record(z.string(), z.string()), z.array(z.object({ key: z.string(), value: z.string() }))],
  { error: 'headers must be an object of string values or an array of { key, value } strings' },
);

/** nodemailer's custom envelope; accepted only when it repeats the header sender and recipients (R4, R9). */
export const envelopeInputSchema = z.strictObject({
  from: z.union([addressInputSchema, z.literal(false)]).optional(),
  to: addressListInputSchema.optional(),
  cc: addressListInputSchema.optional(),
  bcc: addressListInputSchema.optional(),
});

/** The fields of the message input, each with its own schema so that every field is checked on its own. */
export const messageFieldSchemas = {
  from: addressInputSchema.optional(),
  to: addressListInputSchema.optional(),
  /** Only with the `split` recipient policy (R9). */
  cc: addressListInputSchema.optional(),
  /** Only with the `split` recipient policy (R9). */
  bcc: addressListInputSchema.optional(),
  replyTo: addressListInputSchema.optional(),
  subject: z.string().optional(),
  text: z.string().optional(),
  html: z.string().optional(),
  attachments: z.array(attachmentInputSchema).optional(),
  headers: headersInputSchema.optional(),
  messageId: z.string().optional(),
  date: z.union([z.date(), z.string()], { error: 'date must be a valid Date or a date string' }).optional(),
  /** nodemailer's Sender header: accepted only when it is the from address (R4). */
  sender: addressInputSchema.optional(),
  /** Accepted only when it names exactly the from address and the header recipients (R4, R9). */
  envelope: envelopeInputSchema.optional(),
  /** Written as the In-Reply-To header, in angle brackets. */
  inReplyTo: z.string().optional(),
  /** Written as the References header, each id in angle brackets. */
  references: z.union([z.string(), z.array(z.string())]).optional(),
  /** Written as nodemailer writes it: X-Priority, X-MSMail-Priority and Importance. */
  priority: z.enum(['high', 'normal', 'low']).optional(),
  /** Written as the X-Mailer header; `false` writes none (core writes none by default). */
  xMailer: z.union([z.string(), z.literal(false)]).optional(),
  /** A lower recipient cap than the service's (R8), as nodemailer's transport option of that name. */
  maxRecipients: z.number().int().positive().optional(),
  /** Accepted, changes nothing: qcloudmail never reads files. */
  disableFileAccess: z.boolean().optional(),
  /** Accepted, changes nothing: qcloudmail never fetches URLs. */
  disableUrlAccess: z.boolean().optional(),
  /** Accepted, changes nothing: the builder picks quoted-printable or base64 per part, whichever is shorter. */
  textEncoding: z.enum(['quoted-printable', 'base64']).optional(),
  /** Accepted, changes nothing: SMTP needs CRLF line ends, which the builder always writes. */
  newline: z.enum(['windows', 'unix', '\r\n', '\n']).optional(),
  /** Accepted, changes nothing: boundaries are the builder's own, random ones. */
  baseBoundary: z.string().optional(),
  /** Accepted, changes nothing: boundaries are the builder's own, random ones. */
  boundaryPrefix: z.string().optional(),
};

/** The zod 4 schema of a message as callers write it (types only; see `validateMessage` for the rules). */
export const messageSchema = z.object(messageFieldSchemas);

/**
 * nodemailer message options that qcloudmail refuses (see `check-options.ts` for why and what to do instead):
 * typed `undefined` so that the compiler flags them too; given anyway, `validateMessage` refuses them.
 */
export interface RefusedMessageOptions {
  amp?: undefined;
  watchHtml?: undefined;
  alternatives?: undefined;
  icalEvent?: undefined;
  list?: undefined;
  dkim?: undefined;
  raw?: undefined;
  attachDataUrls?: false | undefined;
  normalizeHeaderKey?: undefined;
  encoding?: 'utf-8' | 'utf8' | undefined;
  signal?: undefined;
  dsn?: undefined;
  otp?: undefined;
}

/** nodemailer attachment options that qcloudmail refuses: typed `undefined` so that the compiler flags them. */
export interface RefusedAttachmentOptions {
  path?: undefined;
  href?: undefined;
  raw?: undefined;
  headers?: undefined;
  httpHeaders?: undefined;
  contentTransferEncoding?: 'base64' | false | undefined;
}

/** A message as callers write it, nodemailer-style. */
export type MailMessageInput = Omit<z.input<typeof messageSchema>, 'attachments'> &
  RefusedMessageOptions & { attachments?: MailAttachmentInput[] | undefined };
/** One address as callers write it. */
export type MailAddressInput = z.input<typeof addressInputSchema>;
/** One or several addresses as callers write them. */
export type MailAddressListInput = z.input<typeof addressListInputSchema>;
/** An attachment as callers write it. */
export type MailAttachmentInput = z.input<typeof attachmentInputSchema> & RefusedAttachmentOptions;
/** Custom headers as callers write them. */
export type MailHeadersInput = z.input<typeof headersInputSchema>;
