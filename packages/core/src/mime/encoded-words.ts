/**
 * RFC 2047 encoded words (`=?UTF-8?B?...?=` / `=?UTF-8?Q?...?=`) for header text that is not plain
 * ASCII or that cannot be folded otherwise. Words are cut between code points, never inside a
 * multi-byte UTF-8 sequence, so each word decodes on its own.
 */

/** RFC 2047 caps one encoded word at 75 characters. */
export const MAX_ENCODED_WORD = 75;
const OVERHEAD = '=?UTF-8?B??='.length;

// Q encoding in a phrase (display name) may only leave these literal (RFC 2047 section 5 rule 3);
// using the strictest set everywhere keeps one encoder safe for subjects, names and parameters.
function isQSafe(byte: number): boolean {
  return (
    (byte >= 0x30 && byte <= 0x39) ||
    (byte >= 0x41 && byte <= 0x5a) ||
    (byte >= 0x61 && byte <= 0x7a) ||
    byte === 0x21 ||
    byte === 0x2a ||
    byte === 0x2b ||
    byte === 0x2d ||
    byte === 0x2f
  );
}

const HEX = '0123456789ABCDEF';

function qEncode(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (byte === 0x20) out += '_';
    else if (isQSafe(byte)) out += String.fromCharCode(byte);
    else out += `=${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}

function qLength(bytes: Uint8Array): number {
  let n = 0;
  for (const byte of bytes) n += byte === 0x20 || isQSafe(byte) ? 1 : 3;
  return n;
}

/** Which RFC 2047 encoding gives the shorter result for `text`: Q for mostly ASCII, B otherwise. */
export function chooseWordEncoding(text: string): 'B' | 'Q' {
  const bytes = Buffer.from(text, 'utf8');
  return qLength(bytes) <= Math.ceil(bytes.length / 3) * 4 ? 'Q' : 'B';
}

/**
 * Encodes `text` as a list of encoded words; the first is at most `firstMax` characters long and the
 * others at most `restMax` (both capped at 75), so a folder can put each word on its own line.
 */
export function encodeWords(text: string, firstMax = MAX_ENCODED_WORD, restMax = MAX_ENCODED_WORD): string[] {
  const encoding = chooseWordEncoding(text);
  const words: string[] = [];
  let pending: number[] = [];
  let pendingLength = 0;
  const capacity = () => Math.min(words.length === 0 ? firstMax : restMax, MAX_ENCODED_WORD) - OVERHEAD;
  const flush = () => {
    const bytes = Uint8Array.from(pending);
    const payload = encoding === 'B' ? Buffer.from(bytes).toString('base64') : qEncode(bytes);
    words.push(`=?UTF-8?${encoding}?${payload}?=`);
    pending = [];
    pendingLength = 0;
  };
  for (const char of text) {
    const bytes = Buffer.from(char, 'utf8');
    const next = encoding === 'B' ? Math.ceil((pending.length + bytes.length) / 3) * 4 : pendingLength + qLength(bytes);
    // A word always takes at least one character, even when a tiny first slot cannot hold it.
    if (pending.length > 0 && next > Math.max(capacity(), 4)) flush();
    for (const byte of bytes) pending.push(byte);
    pendingLength = encoding === 'B' ? Math.ceil(pending.length / 3) * 4 : pendingLength + qLength(bytes);
  }
  if (pending.length > 0 || words.length === 0) flush();
  return words;
}

/** One encoded word for a short value (a file name in a `name` parameter, as the provider's samples do, R14). */
export function encodeHeaderWord(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return `=?UTF-8?B?${bytes.toString('base64')}?=`;
}
