/**
 * Body text: line endings normalized to CRLF, then quoted-printable (mostly ASCII) or base64 (mostly
 * non-ASCII, such as Chinese), whichever is shorter; both keep every line at 76 characters at most.
 */
import { base64LinesLength, encodeBase64Lines } from './base64-lines.js';

const HEX = Buffer.from('0123456789ABCDEF', 'latin1');
const MAX_QP_LINE = 76;
const CRLF = Buffer.from('\r\n', 'latin1');
const SOFT_BREAK = Buffer.from('=\r\n', 'latin1');

/** Replaces bare CR, bare LF and CRLF alike with CRLF. */
export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r\n');
}

function needsEscape(byte: number): boolean {
  return byte > 126 || byte === 61 || (byte < 32 && byte !== 9);
}

/**
 * Quoted-printable per RFC 2045 for CRLF-normalized bytes: CRLF stays a hard line break, trailing
 * white space is escaped, and soft breaks (`=` CRLF) keep lines at 76 characters.
 */
export function encodeQuotedPrintable(bytes: Uint8Array): Buffer {
  // Worst case: every byte escaped (3x) plus a soft break every 25 escapes.
  const out = Buffer.allocUnsafe(bytes.length * 3 + Math.ceil(bytes.length / 24) * 3 + 3);
  let o = 0;
  let column = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const byte = bytes[i] as number;
    if (byte === 13 && bytes[i + 1] === 10) {
      out[o++] = 13;
      out[o++] = 10;
      column = 0;
      i++;
      continue;
    }
    const atLineEnd = i + 1 === n || (bytes[i + 1] === 13 && bytes[i + 2] === 10);
    const escaped = needsEscape(byte) || ((byte === 32 || byte === 9) && atLineEnd);
    const width = escaped ? 3 : 1;
    // Leave room for the soft-break `=` unless this is the line's last character.
    const room = atLineEnd ? MAX_QP_LINE : MAX_QP_LINE - 1;
    if (column + width > room) {
      out[o++] = 61;
      out[o++] = 13;
      out[o++] = 10;
      column = 0;
    }
    if (escaped) {
      out[o++] = 61;
      out[o++] = HEX[byte >> 4] as number;
      out[o++] = HEX[byte & 15] as number;
    } else {
      out[o++] = byte;
    }
    column += width;
  }
  return out.subarray(0, o);
}

/** A body part's encoded content and the transfer encoding that produced it. */
export interface EncodedBody {
  encoding: 'quoted-printable' | 'base64';
  content: Buffer;
}

/**
 * Encodes body text, picking the shorter of quoted-printable and base64; the content always ends with
 * CRLF. `last` marks the message's only part, where no delimiter follows to own that CRLF.
 */
export function encodeBodyText(text: string, last = false): EncodedBody {
  const bytes = Buffer.from(normalizeLineEndings(text), 'utf8');
  let escaped = 0;
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) > 126) escaped++;
  // Each escaped byte costs 3 characters in QP against 4/3 in base64.
  if (bytes.length + escaped * 2 > base64LinesLength(bytes.length)) {
    return { encoding: 'base64', content: encodeBase64Lines(bytes) };
  }
  // In a multipart the closing CRLF belongs to the next delimiter (RFC 2046); at the end of a single-part
  // message a soft break (`=` CRLF) ends the last line without adding a line break to the text.
  const ending = last ? SOFT_BREAK : CRLF;
  return { encoding: 'quoted-printable', content: Buffer.concat([encodeQuotedPrintable(bytes), ending]) };
}
