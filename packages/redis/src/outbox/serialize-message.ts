import type { MailAttachmentInput, MailMessageInput } from '@qcloudmail/core';

/** A message as stored in Redis: JSON only, attachment bytes as base64 strings. */
export type SerializedMessage = Record<string, unknown> & { attachments?: SerializedAttachment[] };

/** An attachment as stored: `content` is always a string, with its `encoding`. */
export type SerializedAttachment = Omit<MailAttachmentInput, 'content'> & { content: string };

// Only the fields the client reads are kept: anything else (functions, streams, cycles) would not survive JSON.
const FIELDS = ['from', 'to', 'cc', 'bcc', 'replyTo', 'subject', 'text', 'html', 'headers', 'messageId'] as const;
const ATTACHMENT_FIELDS = ['filename', 'contentType', 'cid', 'contentDisposition'] as const;

function serializeAttachment(attachment: MailAttachmentInput): SerializedAttachment {
  const out: Record<string, unknown> = {};
  for (const field of ATTACHMENT_FIELDS) if (attachment[field] !== undefined) out[field] = attachment[field];
  if (typeof attachment.content === 'string') {
    out.content = attachment.content;
    if (attachment.encoding !== undefined) out.encoding = attachment.encoding;
  } else {
    // Bytes would reach JSON as {type:'Buffer',data:[...]} (or an index map for a Uint8Array): base64 is exact and compact.
    const bytes = attachment.content;
    out.content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
    out.encoding = 'base64';
  }
  return out as SerializedAttachment;
}

/** Turns a validated message input into JSON-safe data; `deserializeMessage` gives an equivalent input back. */
export function serializeMessage(message: MailMessageInput): SerializedMessage {
  const out: SerializedMessage = {};
  for (const field of FIELDS) if (message[field] !== undefined) out[field] = message[field];
  if (message.date !== undefined) out.date = message.date instanceof Date ? message.date.toISOString() : message.date;
  if (message.attachments !== undefined) out.attachments = message.attachments.map(serializeAttachment);
  return out;
}

/** The message input of a stored job: string contents keep their encoding, which the client decodes. */
export function deserializeMessage(data: SerializedMessage): MailMessageInput {
  return data as MailMessageInput;
}
