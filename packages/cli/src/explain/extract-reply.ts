import { SES_RESPONSE_JSON_MARKER } from '@qcloudmail/core/internal';

/** `##SES-response-json:` as log lines write it (any case, space around the colon); not global, so stateless. */
export const MARKER_PATTERN = /##\s*SES-response-json\s*:/i;
// Timestamps, levels and logger names that log lines put in front of the reply; removed from the start only.
// Sticky (`y`): each is tried at an offset into the text, so that stripping many prefixes copies nothing.
const PREFIXES: readonly RegExp[] = [
  /\[[^\]]{1,80}\]\s*/y, // [2024-05-01 10:00:00], [error], [mailer]
  /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\s*/y, // ISO 8601 and friends
  /\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?\s*/y, // Go's log package
  /[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \S+ [^:\s]+(?:\[\d+\])?:\s*/y, // syslog: "May  1 10:00:00 host app[42]:"
  /\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\s*/y,
  /(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|FATAL|CRIT)\b:?\s*/iy,
  /level=\w+\s*/y,
];
// A reply code where a reply starts: at the start, or after white space, a colon, a quote or ">".
const CODE_AT = /(?:^|[\s:"'>=])([2-5]\d\d)[ -](?=[A-Za-z#\d])/g;
// Fields of JSON log records (pino, winston, bunyan, nodemailer errors) that carry the reply, in preference order.
const REPLY_FIELDS = ['response', 'reply', 'smtpResponse', 'err', 'error', 'message', 'msg'] as const;

// Removes log prefixes from the start, as many as there are, but never the whole text.
function stripPrefixes(text: string): string {
  let offset = 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const prefix of PREFIXES) {
      prefix.lastIndex = offset;
      const match = prefix.exec(text);
      if (match === null || match[0] === '') continue;
      const next = offset + match[0].length;
      if (next < text.length) {
        offset = next;
        changed = true;
      }
    }
  }
  return text.slice(offset);
}

function fromJson(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null || depth > 3) return undefined;
  const record = value as Record<string, unknown>;
  // The SendEmail API's answer on its own, as copied out of a reply (R16, R20).
  if ('QcloudError' in record || ('Response' in record && depth === 0)) {
    return `${SES_RESPONSE_JSON_MARKER} ${JSON.stringify(value)}`;
  }
  // Each field is read once: reading them again for the second preference would multiply the work by depth.
  const found = REPLY_FIELDS.map((field) => fromJson(record[field], depth + 1));
  return (
    found.find((text) => text !== undefined && (MARKER_PATTERN.test(text) || /^[2-5]\d\d[ -]/.test(text.trim()))) ??
    found.find((text) => text !== undefined)
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// Where the SMTP reply starts inside a longer text: the last code before the marker, else the first code.
function replyStart(text: string): number {
  const marker = MARKER_PATTERN.exec(text);
  let first = -1;
  let beforeMarker = -1;
  for (const match of text.matchAll(CODE_AT)) {
    const at = match.index + match[0].indexOf(match[1] as string);
    if (first < 0) first = at;
    if (marker !== null && at < marker.index) beforeMarker = at;
  }
  if (marker !== null) return beforeMarker >= 0 ? beforeMarker : marker.index;
  return Math.max(first, 0);
}

/**
 * Finds the service's reply in what a user pasted: a bare reply, a log line with a timestamp and level in front,
 * a JSON log record, or the SendEmail API's JSON alone; returns the reply text for `parseSesReply`.
 */
export function extractReply(input: string): string {
  let text = input.trim();
  const quoted = /^(['"`])([\s\S]*)\1$/.exec(text);
  if (quoted) text = (quoted[2] ?? '').trim();
  const prefixed = stripPrefixes(text);
  const jsonStart = prefixed.startsWith('{') ? prefixed : undefined;
  if (jsonStart !== undefined) {
    const found = fromJson(parseJson(jsonStart));
    if (found !== undefined) return extractReply(found);
  }
  // A reply copied out of a JSON string keeps its escapes: {\"Response\":...}.
  if (MARKER_PATTERN.test(prefixed) && /:\s*\{\\"/.test(prefixed)) text = prefixed.replace(/\\(["\\/])/g, '$1');
  else text = prefixed;
  return text.slice(replyStart(text)).trim();
}
