const REDACTED = '[redacted]';

// Each pattern keeps its lead-in (group 1) and replaces the secret after it.
const PATTERNS: readonly RegExp[] = [
  // AUTH PLAIN <base64> and AUTH LOGIN <base64 user>: the payload carries the password (R4).
  /(\bAUTH\s+(?:PLAIN|LOGIN|XOAUTH2|CRAM-MD5)\s+)\S+/gi,
  // pass=..., password: ..., "pass":"...", secret / token / apikey alike.
  /((?:["']?)\b(?:pass(?:word|wd)?|secret(?:key)?|token|api[_-]?key|authorization)\b["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi,
];
// After "AUTH LOGIN" the client sends user and password as lone base64 lines; a command that is nothing but
// base64 is such a line.
const LONE_BASE64 = /^[A-Za-z0-9+/]{4,}={0,2}$/;

/** Replaces credentials in a reply, command or message with `[redacted]` before it is logged or serialized. */
export function scrubSecrets(text: string): string;
export function scrubSecrets(text: string | undefined): string | undefined;
export function scrubSecrets(text: string | undefined): string | undefined {
  if (typeof text !== 'string') return text;
  const trimmed = text.trim();
  // Upper-case words such as STARTTLS are commands; a base64 secret has a lower-case letter, digit or + / =.
  if (trimmed.length >= 8 && LONE_BASE64.test(trimmed) && /[a-z0-9+/=]/.test(trimmed)) return REDACTED;
  let out = text;
  for (const pattern of PATTERNS) out = out.replace(pattern, `$1${REDACTED}`);
  return scrubUrlPasswords(out);
}

const SCHEME_CHAR = /[a-z0-9+.-]/i;
const SPACE = /\s/;

// smtps://user:password@host. Scanned by hand: the regex form of "scheme://user:password@" backtracks
// quadratically on a long run of scheme characters with no "://" after it.
function scrubUrlPasswords(text: string): string {
  let out = '';
  let copied = 0;
  let from = 0;
  for (let at = text.indexOf('://', from); at !== -1; at = text.indexOf('://', from)) {
    from = at + 3;
    if (!hasScheme(text, at)) continue;
    let i = at + 3;
    while (i < text.length && !isUserEnd(text[i] as string)) i++;
    if (i === at + 3 || text[i] !== ':') {
      from = Math.max(from, i);
      continue;
    }
    const start = i + 1;
    let end = start;
    while (end < text.length && !isPasswordEnd(text[end] as string)) end++;
    if (end > start && text[end] === '@') {
      out += `${text.slice(copied, start)}${REDACTED}`;
      copied = end;
    }
    // A ':' ending the password run may open the next "://".
    from = Math.max(from, end - 1);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

// The scheme is a run of scheme characters before "://" whose first character is a letter at a word start.
function hasScheme(text: string, at: number): boolean {
  let i = at;
  while (i > 0 && SCHEME_CHAR.test(text[i - 1] as string)) i--;
  for (; i < at; i++) {
    const c = text[i] as string;
    const before = i === 0 ? '' : (text[i - 1] as string);
    if (/[a-z]/i.test(c) && !/\w/.test(before)) return true;
  }
  return false;
}

function isUserEnd(c: string): boolean {
  return c === ':' || c === '/' || c === '@' || SPACE.test(c);
}

function isPasswordEnd(c: string): boolean {
  return c === '/' || c === '@' || SPACE.test(c);
}
