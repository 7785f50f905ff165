const REDACTED = '[redacted]';

// Each pattern keeps its lead-in (group 1) and replaces the secret after it.
const PATTERNS: readonly RegExp[] = [
  // AUTH PLAIN <base64> and AUTH LOGIN <base64 user>: the payload carries the password (R4).
  /(\bAUTH\s+(?:PLAIN|LOGIN|XOAUTH2|CRAM-MD5)\s+)\S+/gi,
  // pass=..., password: ..., "pass":"...", secret / token / apikey alike.
  /((?:["']?)\b(?:pass(?:word|wd)?|secret(?:key)?|token|api[_-]?key|authorization)\b["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi,
  // smtps://user:password@host
  /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+(?=@)/gi,
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
  return out;
}
