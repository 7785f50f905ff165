import type { MailAttachment } from '../model/message.js';
import { contentTypeForFilename } from './content-type-table.js';
import { encodeWords } from './encoded-words.js';
import { FOLD_WIDTH, foldTokens } from './header-fold.js';

const PLAIN_NAME = /^[\x20-\x7e]{1,60}$/;
// RFC 2231 attribute-char: everything else in a `filename*` value is percent-encoded.
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/;

function isPlainName(filename: string): boolean {
  return PLAIN_NAME.test(filename) && !/["\\]|=\?/.test(filename) && filename.trim() === filename;
}

/** RFC 2231 percent-encoding of a name, one entry per character so that a cut never splits one. */
function percentEncoded(filename: string): string[] {
  const pieces: string[] = [];
  for (const char of filename) {
    if (ATTR_CHAR.test(char)) {
      pieces.push(char);
      continue;
    }
    let piece = '';
    for (const byte of Buffer.from(char, 'utf8')) piece += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    pieces.push(piece);
  }
  return pieces;
}

/** `filename*0*=UTF-8''...; filename*1*=...` continuations short enough for one line each. */
function extendedFilename(filename: string): string[] {
  const chunks: string[] = [];
  let current = "UTF-8''";
  for (const piece of percentEncoded(filename)) {
    if (current.length + piece.length > 56 && current !== "UTF-8''") {
      chunks.push(current);
      current = '';
    }
    current += piece;
  }
  chunks.push(current);
  if (chunks.length === 1) return [`filename*=${chunks[0]}`];
  return chunks.map((chunk, index) => `filename*${index}*=${chunk}`);
}

/**
 * The header block of an attachment part (R12, R14): its type with the name as RFC 2047 words when not
 * plain ASCII (as the provider's samples do), base64 transfer encoding, `attachment` disposition with
 * the name in RFC 2231 form. No Content-ID, Content-Location or Content-Base (R12).
 */
export function attachmentHeaders(attachment: MailAttachment, index = 0): string {
  const path = ['attachments', index];
  const type = attachment.contentType ?? contentTypeForFilename(attachment.filename);
  const name = attachment.filename;
  let contentType: string;
  let disposition: string;
  if (isPlainName(name)) {
    contentType = foldTokens('Content-Type', [`${type};`, ` name="${name}"`], [...path, 'contentType']);
    disposition = foldTokens('Content-Disposition', ['attachment;', ` filename="${name}"`], [...path, 'filename']);
  } else {
    // Only the exact name is given: an ASCII `filename` fallback would be lossy and some readers prefer it.
    const words = encodeWords(name, FOLD_WIDTH - 8, FOLD_WIDTH - 3);
    const tokens = words.map((word, index) => ` ${index === 0 ? 'name="' : ''}${word}`);
    tokens[tokens.length - 1] += '"';
    contentType = foldTokens('Content-Type', [`${type};`, ...tokens], [...path, 'contentType']);
    const parameters = extendedFilename(name);
    disposition = foldTokens(
      'Content-Disposition',
      ['attachment;', ...parameters.map((parameter, at) => ` ${parameter}${at < parameters.length - 1 ? ';' : ''}`)],
      [...path, 'filename'],
    );
  }
  return `${contentType}Content-Transfer-Encoding: base64\r\n${disposition}`;
}
