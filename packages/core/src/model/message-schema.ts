import { z } from 'zod';

/**
 * The message input, with nodemailer's field names so that its users' habits carry over.
 * The schema checks types only; `validateMessage` adds the service's rules (R8..R23) and normalizes.
 * Unknown keys are ignored, as nodemailer ignores them.
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
};

/** The zod 4 schema of a message as callers write it (types only; see `validateMessage` for the rules). */
export const messageSchema = z.object(messageFieldSchemas);

/** A message as callers write it, nodemailer-style. */
export type MailMessageInput = z.input<typeof messageSchema>;
/** One address as callers write it. */
export type MailAddressInput = z.input<typeof addressInputSchema>;
/** One or several addresses as callers write them. */
export type MailAddressListInput = z.input<typeof addressListInputSchema>;
/** An attachment as callers write it. */
export type MailAttachmentInput = z.input<typeof attachmentInputSchema>;
/** Custom headers as callers write them. */
export type MailHeadersInput = z.input<typeof headersInputSchema>;
