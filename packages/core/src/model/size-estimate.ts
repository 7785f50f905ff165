import { LIMITS } from '../limits/limits.js';
import type { MailAddress, MailMessage } from './message.js';

/**
 * An estimate of a message's size on the wire (SIZES: 10 MiB encoded), computed without encoding it.
 * It errs on the large side: bodies are counted as base64, the larger of the builder's two encodings for
 * the text that matters (mostly non-ASCII), and headers as if every non-ASCII word were encoded.
 */

// Date, Message-ID, MIME-Version and the top-level Content-Type with its boundary.
const FIXED_HEADERS = 320;
// A body or attachment part's own headers and the boundary line before it.
const PART_OVERHEAD = 160;
const BYTES_PER_LINE = LIMITS.encodedLineLength * 0.75;
const NON_ASCII = /[^\x00-\x7f]/;

/** Bytes of `byteLength` bytes in base64 with 76-column CRLF lines. */
export function base64EncodedLength(byteLength: number): number {
  if (byteLength === 0) return 0;
  return Math.ceil(byteLength / 3) * 4 + Math.ceil(byteLength / BYTES_PER_LINE) * 2;
}

/** Bytes of a header text, as RFC 2047 encoded words when it is not ASCII (`=?UTF-8?B?...?=` every 45 bytes). */
function headerTextLength(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  const bytes = Buffer.byteLength(text, 'utf8');
  return Math.ceil(bytes / 3) * 4 + Math.ceil(bytes / 45) * 15;
}

function addressesLength(name: string, addresses: readonly MailAddress[]): number {
  let size = name.length + 4;
  for (const mailbox of addresses) size += headerTextLength(mailbox.name) + mailbox.address.length + 8;
  return size;
}

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');
// A UTF-16 unit is at most three UTF-8 bytes: a bound without reading the text.
const utf8BytesAtMost = (text: string) => text.length * 3;

/** Estimates the encoded size of a validated message in bytes: attachments in base64, bodies, headers. */
export function estimateEncodedSize(message: MailMessage): number {
  return estimate(message, utf8Bytes);
}

/** A bound that `estimateEncodedSize` never exceeds, computed without reading the bodies (for a quick check). */
export function encodedSizeUpperBound(message: MailMessage): number {
  return estimate(message, utf8BytesAtMost);
}

function estimate(message: MailMessage, bodyBytes: (text: string) => number): number {
  let size = FIXED_HEADERS;
  size += addressesLength('From', [message.from]) + addressesLength('To', message.to);
  if (message.replyTo.length > 0) size += addressesLength('Reply-To', message.replyTo);
  size += 11 + headerTextLength(message.subject);
  for (const header of message.headers) size += header.key.length + headerTextLength(header.value) + 4;
  for (const body of [message.text, message.html]) {
    if (body) size += PART_OVERHEAD + base64EncodedLength(bodyBytes(body));
  }
  for (const attachment of message.attachments) {
    // The name appears twice (name= and filename=), percent-encoded at worst three bytes per byte.
    const name = NON_ASCII.test(attachment.filename)
      ? Buffer.byteLength(attachment.filename, 'utf8') * 3
      : attachment.filename.length;
    size += PART_OVERHEAD + 2 * name + base64EncodedLength(attachment.content.length);
  }
  return size;
}
