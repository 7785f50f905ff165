import { decodeEncodedWords } from './decode-words.js';

/** A mailbox read from a header: decoded display name and address. */
export interface HeaderMailbox {
  name: string;
  address: string;
}

/** Splits a header value at each comma or semicolon outside quotes, comments and angle brackets. */
export function splitTopLevel(value: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  let angle = 0;
  let comment = 0;
  for (let i = 0; i < value.length; i++) {
    const char = value[i] as string;
    if (quoted && char === '\\') {
      current += char + (value[++i] ?? '');
      continue;
    }
    if (char === '"' && comment === 0) quoted = !quoted;
    else if (!quoted && char === '(') comment++;
    else if (!quoted && char === ')' && comment > 0) comment--;
    else if (!quoted && comment === 0 && char === '<') angle++;
    else if (!quoted && comment === 0 && char === '>' && angle > 0) angle--;
    if ((char === ',' || char === ';') && !quoted && angle === 0 && comment === 0) {
      pieces.push(current);
      current = '';
    } else current += char;
  }
  pieces.push(current);
  return pieces;
}

function unquote(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return trimmed.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return trimmed;
}

/**
 * Length of a group's display name and its colon (`Team:`), outside quotes and before any `<`; 0 when the
 * piece has none. A hand-written scan: the regex it replaces backtracked quadratically on white space.
 */
function groupPrefixLength(piece: string): number {
  let i = 0;
  while (i < piece.length) {
    const char = piece[i];
    if (char === ':') return i + 1;
    if (char === '<') return 0;
    if (char === '"') {
      const close = piece.indexOf('"', i + 1);
      if (close < 0) return 0;
      i = close + 1;
    } else i++;
  }
  return 0;
}

const isLineTerminator = (char: string | undefined) =>
  char === '\n' || char === '\r' || char === '\u2028' || char === '\u2029';

/**
 * Replaces each innermost comment `( ... )` (quoted pairs allowed, no nested parenthesis) with a space, as
 * `/\((?:[^()\\]|\\.)*\)/g` would, in one pass: an attempt that fails at position f fails the same way from
 * every "(" before f (those were all escaped), so the scan resumes at f instead of one character later.
 */
function stripComments(piece: string): string {
  if (!piece.includes('(')) return piece;
  let out = '';
  let copied = 0;
  let i = piece.indexOf('(');
  while (i >= 0 && i < piece.length) {
    let j = i + 1;
    let closed = -1;
    while (j < piece.length) {
      const char = piece[j];
      if (char === ')') {
        closed = j;
        break;
      }
      if (char === '(') break;
      if (char === '\\') {
        if (j + 1 >= piece.length || isLineTerminator(piece[j + 1])) {
          j++;
          break;
        }
        j += 2;
      } else j++;
    }
    if (closed >= 0) {
      out += `${piece.slice(copied, i)} `;
      copied = closed + 1;
      i = piece.indexOf('(', copied);
    } else i = piece.indexOf('(', j);
  }
  return out + piece.slice(copied);
}

/**
 * Reads a tolerant address list (`"Name" <a@b>, c@d, Group: e@f;`); empty entries are skipped. With
 * `groups` false an unquoted colon stays in the display name, so that From's name can be checked (R23).
 * Linear in the length of `value`.
 */
export function parseAddressList(value: string | undefined, groups = true): HeaderMailbox[] {
  if (value === undefined) return [];
  const mailboxes: HeaderMailbox[] = [];
  for (let piece of splitTopLevel(value)) {
    // A group's display name ends at its colon, outside quotes and angle brackets.
    const group = groups && !piece.trim().startsWith('<') ? groupPrefixLength(piece) : 0;
    if (group > 0) piece = piece.slice(group);
    const withoutComments = stripComments(piece).trim();
    if (withoutComments === '') continue;
    const open = withoutComments.lastIndexOf('<');
    const close = withoutComments.lastIndexOf('>');
    if (open >= 0 && close > open) {
      const name = decodeEncodedWords(unquote(withoutComments.slice(0, open)));
      mailboxes.push({ name, address: withoutComments.slice(open + 1, close).trim() });
    } else {
      mailboxes.push({ name: '', address: withoutComments });
    }
  }
  return mailboxes;
}
