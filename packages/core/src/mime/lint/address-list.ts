import { decodeEncodedWords } from './decode-words.js';

/** A mailbox read from a header: decoded display name and address. */
export interface HeaderMailbox {
  name: string;
  address: string;
}

function splitTopLevel(value: string): string[] {
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
 * Reads a tolerant address list (`"Name" <a@b>, c@d, Group: e@f;`); empty entries are skipped. With
 * `groups` false an unquoted colon stays in the display name, so that From's name can be checked (R23).
 */
export function parseAddressList(value: string | undefined, groups = true): HeaderMailbox[] {
  if (value === undefined) return [];
  const mailboxes: HeaderMailbox[] = [];
  for (let piece of splitTopLevel(value)) {
    // A group's display name ends at its colon, outside quotes and angle brackets.
    const group = /^\s*(?:"[^"]*"|[^"<:])*:/.exec(piece);
    if (groups && group && !piece.trim().startsWith('<')) piece = piece.slice(group[0].length);
    const withoutComments = piece.replace(/\((?:[^()\\]|\\.)*\)/g, ' ').trim();
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
