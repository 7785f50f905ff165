import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { MailAddress } from '../model/message.js';
import type { MailIssue } from '../model/issues.js';
import { encodeWords } from './encoded-words.js';
import { assertLineFits, headerField, MAX_LINE_OCTETS } from './line-limit.js';
import { quote } from '../model/issue.js';

/** Lines are folded to this many characters (before CRLF), under RFC 5322's recommended 78. */
export const FOLD_WIDTH = 76;
const PRINTABLE_WORDS = /^[\x21-\x7e]+(?: +[\x21-\x7e]+)*$/;

/**
 * Cuts `text` into words, each with the white space before it; white space after the last word is dropped.
 * A scan instead of a global regex such as / *[^ ]+/g, which retries from every space of a long run.
 */
function wordsWithSpace(text: string, isSpace: (code: number) => boolean): string[] {
  const words: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (i === text.length) break;
    while (i < text.length && !isSpace(text.charCodeAt(i))) i++;
    words.push(text.slice(start, i));
    start = i;
  }
  return words;
}

const isSpace = (code: number) => code === 32;
const isSpaceOrTab = (code: number) => code === 32 || code === 9;

/**
 * Joins tokens into a header field, breaking before a token (each token after the first starts with
 * white space) whenever the line would pass the fold width; unfolding gives back the joined tokens.
 * Throws `VALIDATION` (RFC 5322, at `path`) when a token is too long for any line to hold it.
 */
export function foldTokens(
  name: string,
  tokens: readonly string[],
  path: MailIssue['path'] = ['headers', name],
): string {
  const lines: string[] = [];
  let line = `${name}:`;
  tokens.forEach((token, index) => {
    const piece = index === 0 ? ` ${token}` : token;
    if (index > 0 && line.length + piece.length > FOLD_WIDTH) {
      lines.push(line);
      line = piece;
    } else {
      line += piece;
    }
  });
  lines.push(line);
  for (const written of lines) assertLineFits(written, headerField(name), path);
  return `${lines.join('\r\n')}\r\n`;
}

function encodedTokens(name: string, text: string): string[] {
  const first = FOLD_WIDTH - name.length - 2;
  return encodeWords(text, first, FOLD_WIDTH - 1).map((word, index) => (index === 0 ? word : ` ${word}`));
}

function plainTokens(name: string, text: string): string[] | undefined {
  if (!PRINTABLE_WORDS.test(text) || text.includes('=?')) return undefined;
  const tokens = wordsWithSpace(text, isSpace);
  const first = tokens[0] ?? '';
  // A word that cannot be folded onto a line of its own is sent as encoded words, which can be.
  if (name.length + 2 + first.length > FOLD_WIDTH) return undefined;
  return tokens.every((token) => token.length <= FOLD_WIDTH) ? tokens : undefined;
}

/** An unstructured header (Subject): plain folded text when possible, RFC 2047 encoded words otherwise. */
export function formatUnstructured(name: string, text: string, path?: MailIssue['path']): string {
  return foldTokens(name, plainTokens(name, text) ?? encodedTokens(name, text), path);
}

function nameTokens(name: string): string[] {
  const quoted = `"${name.replace(/[\\"]/g, '\\$&')}"`;
  if (/^[\x20-\x7e]*$/.test(name) && !name.includes('=?') && quoted.length <= 60) return [quoted];
  return encodeWords(name, 60, FOLD_WIDTH - 1);
}

/** An address header (From, To, Reply-To): `"Name" <a@b.c>` per mailbox, names encoded when not ASCII. */
export function formatAddressHeader(name: string, addresses: readonly MailAddress[], path?: MailIssue['path']): string {
  const tokens: string[] = [];
  addresses.forEach((mailbox, index) => {
    const own = mailbox.name ? [...nameTokens(mailbox.name), `<${mailbox.address}>`] : [mailbox.address];
    if (index < addresses.length - 1) own[own.length - 1] += ',';
    for (const token of own) tokens.push(tokens.length === 0 ? token : ` ${token}`);
  });
  return foldTokens(name, tokens, path);
}

/**
 * A custom header written as given, folded at its white space; non-ASCII values become encoded words.
 * Validation already refused dangerous headers; line breaks are refused here again because a header
 * line break would let the value inject headers of its own.
 */
export function formatCustomHeader(key: string, value: string, index: number): string {
  if (!/^[\x21-\x39\x3b-\x7e]+$/.test(key) || /[\r\n]/.test(value)) {
    throw new QcloudMailError({
      code: 'VALIDATION',
      rule: 'HEADERS',
      message: `Custom header ${quote(key)} has an invalid name or a line break in its value`,
      issues: [
        {
          code: 'header_injection',
          path: ['headers', index],
          rule: 'HEADERS',
          message: 'invalid header name or value',
        },
      ],
    });
  }
  const path = ['headers', index];
  if (!/^[\x20-\x7e\t]*$/.test(value)) return foldTokens(key, encodedTokens(key, value), path);
  const words = value.trim() === '' ? [] : wordsWithSpace(value, isSpaceOrTab);
  const tokens = words.length === 0 ? [''] : words;
  if (tokens.some((token) => token.length + key.length + 2 > MAX_LINE_OCTETS)) {
    throw new QcloudMailError({
      code: 'VALIDATION',
      rule: 'RFC5322',
      message: `Custom header ${quote(key)} has a word too long to fold under ${MAX_LINE_OCTETS} characters`,
      issues: [{ code: 'line_too_long', path: ['headers', index], rule: 'RFC5322', message: 'unfoldable header' }],
    });
  }
  const first = tokens[0] ?? '';
  tokens[0] = first.replace(/^[ \t]+/, '');
  return foldTokens(key, tokens, path);
}
