import { type AddressObject, simpleParser } from 'mailparser';
import type { ParsedMessageView } from './types.js';

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((object) =>
    object.value.map((entry) => entry.address ?? '').filter((address) => address !== ''),
  );
}

const EMPTY: ParsedMessageView = {
  subject: undefined,
  from: undefined,
  fromName: undefined,
  to: [],
  cc: [],
  messageId: undefined,
  text: undefined,
  html: undefined,
  headers: [],
  attachments: [],
};

/** Reads a stored message with mailparser for the inbox and the HTTP API; never throws (a broken message reads as empty). */
export async function parseView(raw: Buffer): Promise<ParsedMessageView> {
  try {
    const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
    return {
      subject: mail.subject,
      from: addresses(mail.from)[0],
      fromName: mail.from?.value[0]?.name || undefined,
      to: addresses(mail.to),
      cc: addresses(mail.cc),
      messageId: mail.messageId,
      text: mail.text,
      html: typeof mail.html === 'string' ? mail.html : undefined,
      headers: mail.headerLines.map(({ key, line }) => ({ key, line })),
      attachments: mail.attachments.map((attachment) => ({
        filename: attachment.filename ?? '',
        contentType: attachment.contentType,
        contentDisposition: attachment.contentDisposition ?? '',
        size: attachment.size,
        content: attachment.content,
      })),
    };
  } catch {
    return { ...EMPTY };
  }
}
