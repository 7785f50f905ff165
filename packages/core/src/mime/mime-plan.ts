import { isOwnedHeader } from '../model/check-headers.js';
import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { MailAttachment, MailMessage } from '../model/message.js';
import { attachmentHeaders } from './attachment-headers.js';
import { base64LinesLength } from './base64-lines.js';
import { formatAddressHeader, formatCustomHeader, formatUnstructured } from './header-fold.js';
import { assertHeaderSafe } from './header-guard.js';
import { bracketedMessageId } from '../model/message-id.js';
import { boundaryFactory, formatMailDate, generateMessageId } from './identifiers.js';
import { assertLineFits } from './line-limit.js';
import { encodeBodyText } from './quoted-printable.js';
import type { BuildMimeOptions, MimeEnvelope } from './types.js';

/** A piece of the message: ready bytes, or attachment content still to be base64-encoded. */
export type MimeSegment = Buffer | { base64: Uint8Array };

/** Everything needed to write the message, in order, without having encoded the attachments yet. */
export interface MimePlan {
  segments: MimeSegment[];
  size: number;
  messageId: string;
  envelope: MimeEnvelope;
}

class PlanWriter {
  readonly segments: MimeSegment[] = [];
  private text = '';

  write(text: string): void {
    this.text += text;
  }

  bytes(data: Buffer | { base64: Uint8Array }): void {
    this.flush();
    this.segments.push(data);
  }

  flush(): void {
    if (this.text) this.segments.push(Buffer.from(this.text, 'utf8'));
    this.text = '';
  }
}

function textPart(writer: PlanWriter, subtype: 'plain' | 'html', content: string, last = false): void {
  const body = encodeBodyText(content, last);
  writer.write(`Content-Type: text/${subtype}; charset=UTF-8\r\nContent-Transfer-Encoding: ${body.encoding}\r\n\r\n`);
  writer.bytes(body.content);
}

function multipart(
  writer: PlanWriter,
  subtype: 'mixed' | 'alternative',
  boundary: string,
  parts: Array<() => void>,
): void {
  writer.write(`Content-Type: multipart/${subtype}; boundary="${boundary}"\r\n\r\n`);
  for (const part of parts) {
    writer.write(`--${boundary}\r\n`);
    part();
  }
  writer.write(`--${boundary}--\r\n`);
}

function attachmentPart(writer: PlanWriter, attachment: MailAttachment, index: number): void {
  writer.write(`${attachmentHeaders(attachment, index)}\r\n`);
  // An empty attachment still needs the CRLF that precedes the next delimiter.
  writer.bytes(attachment.content.length > 0 ? { base64: attachment.content } : Buffer.from('\r\n'));
}

function headerBlock(message: MailMessage, options: BuildMimeOptions, messageId: string): string {
  let head = formatAddressHeader('From', [message.from], ['from']) + formatAddressHeader('To', message.to, ['to']);
  if (message.replyTo.length > 0) head += formatAddressHeader('Reply-To', message.replyTo, ['replyTo']);
  head += formatUnstructured('Subject', message.subject, ['subject']);
  head += `Date: ${formatMailDate(message.date ?? options.date ?? new Date())}\r\n`;
  const idLine = `Message-ID: ${messageId}`;
  assertLineFits(idLine, 'The Message-ID', message.messageId === undefined ? ['options', 'messageId'] : ['messageId']);
  head += `${idLine}\r\nMIME-Version: 1.0\r\n`;
  message.headers.forEach((header, index) => {
    // Defence in depth for messages that did not come through validation: the rule itself lives in check-headers.
    if (isOwnedHeader(header.key)) {
      throw new QcloudMailError({
        code: 'VALIDATION',
        rule: 'HEADERS',
        message: `Custom header ${header.key} is written by the MIME builder itself; set the message field instead`,
        issues: [{ code: 'header_unsupported', path: ['headers', index], rule: 'HEADERS', message: 'reserved header' }],
      });
    }
    head += formatCustomHeader(header.key, header.value, index);
  });
  return head;
}

/** Lays out a validated message: headers, body parts and attachments, with its exact size on the wire. */
export function planMime(message: MailMessage, options: BuildMimeOptions = {}): MimePlan {
  const text = message.text || undefined;
  const html = message.html || undefined;
  if (text === undefined && html === undefined) {
    throw new QcloudMailError({
      code: 'VALIDATION',
      rule: 'R10',
      message: 'The message has no text and no html body; the service refuses an empty body (R10)',
      issues: [{ code: 'body_required', path: ['text'], rule: 'R10', message: 'text or html is required' }],
    });
  }
  assertHeaderSafe(message, options);
  const messageId = bracketedMessageId(
    message.messageId ?? options.messageId ?? generateMessageId(message.from.address),
  );
  const nextBoundary = boundaryFactory(options.boundarySeed);
  const writer = new PlanWriter();
  writer.write(headerBlock(message, options, messageId));
  const body = () => {
    if (text !== undefined && html !== undefined) {
      multipart(writer, 'alternative', nextBoundary(), [
        () => textPart(writer, 'plain', text),
        () => textPart(writer, 'html', html),
      ]);
    } else if (html !== undefined) textPart(writer, 'html', html, message.attachments.length === 0);
    else textPart(writer, 'plain', text as string, message.attachments.length === 0);
  };
  if (message.attachments.length > 0) {
    const attachments = message.attachments.map((attachment, index) => () => attachmentPart(writer, attachment, index));
    multipart(writer, 'mixed', nextBoundary(), [body, ...attachments]);
  } else {
    body();
  }
  writer.flush();
  let size = 0;
  for (const segment of writer.segments) {
    size += Buffer.isBuffer(segment) ? segment.length : base64LinesLength(segment.base64.length);
  }
  return {
    segments: writer.segments,
    size,
    messageId,
    envelope: { from: message.from.address, to: message.to.map((mailbox) => mailbox.address) },
  };
}
