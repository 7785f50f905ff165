import { LIMITS } from '../limits/limits.js';
import type { RuleId } from '../rules.js';
import { checkInjection, type IssuePath, type IssueSink, quote } from './issue.js';
import type { MailHeadersInput } from './message-schema.js';
import type { MailHeader } from './message.js';

/** RFC 5322 field-name: printable ASCII except ":". */
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

/**
 * Headers that core writes itself or that the service refuses, lower case, with the rule and the advice.
 * A custom header of these names would duplicate, contradict or smuggle what core controls.
 */
const OWNED: ReadonlyMap<string, { rule: RuleId; advice: string }> = new Map([
  ['from', { rule: 'HEADERS', advice: 'use the from field' }],
  ['to', { rule: 'HEADERS', advice: 'use the to field' }],
  ['cc', { rule: 'R9', advice: 'the service does not support Cc (R9)' }],
  ['bcc', { rule: 'R9', advice: 'the service does not support Bcc (R9)' }],
  ['reply-to', { rule: 'HEADERS', advice: 'use the replyTo field' }],
  ['subject', { rule: 'HEADERS', advice: 'use the subject field' }],
  ['date', { rule: 'HEADERS', advice: 'use the date field' }],
  ['message-id', { rule: 'HEADERS', advice: 'use the messageId field' }],
  ['sender', { rule: 'R4', advice: 'the sender is the authenticated from address (R4)' }],
  ['return-path', { rule: 'HEADERS', advice: 'the receiving server sets it' }],
  ['received', { rule: 'HEADERS', advice: 'the receiving server sets it' }],
  ['delivered-to', { rule: 'HEADERS', advice: 'the receiving server sets it' }],
  ['mime-version', { rule: 'HEADERS', advice: 'core writes MIME-Version: 1.0' }],
  ['content-type', { rule: 'HEADERS', advice: 'core picks a Content-Type the service accepts' }],
  ['content-transfer-encoding', { rule: 'HEADERS', advice: 'core encodes the parts' }],
  ['content-disposition', { rule: 'R12', advice: 'attachments are always sent as attachment (R12)' }],
  ['content-id', { rule: 'R12', advice: 'the service does not support Content-ID (R12)' }],
  ['content-location', { rule: 'R12', advice: 'the service does not support Content-Location (R12)' }],
  ['content-base', { rule: 'R12', advice: 'the service does not support Content-Base (R12)' }],
]);

/** True for a header that core writes itself or that the service refuses (case-insensitive). */
export function isOwnedHeader(key: string): boolean {
  return OWNED.has(key.toLowerCase());
}

const PRINTABLE = /^[\x20-\x7e\t]*$/;

/**
 * The longest piece of a printable ASCII value that the builder must keep on one line: a word with the white
 * space before it (the builder folds only before white space). Non-ASCII values become encoded words, which
 * always fold, so they have no such piece. A hand-written scan, linear in the value.
 */
function longestUnfoldable(value: string): number {
  if (!PRINTABLE.test(value) || value.trim() === '') return 0;
  let longest = 0;
  let run = 0;
  let inWord = false;
  for (let i = 0; i < value.length; i++) {
    const blank = value[i] === ' ' || value[i] === '\t';
    if (blank && inWord) {
      longest = Math.max(longest, run);
      run = 0;
    }
    inWord = !blank;
    run++;
  }
  // Trailing white space belongs to no word; it only counts when no word follows it.
  return inWord ? Math.max(longest, run) : longest;
}

function checkValueFolds(sink: IssueSink, key: string, value: string, path: IssuePath): void {
  const longest = longestUnfoldable(value);
  if (longest + key.length + 2 <= LIMITS.maxLineOctets) return;
  sink.add(
    'line_too_long',
    path,
    'RFC5322',
    `The value of header ${quote(key)} has a word of ${longest} characters that cannot be folded into a line of at most ${LIMITS.maxLineOctets} octets (RFC 5322; the service fails long lines, SIZES); break it with spaces or shorten it`,
  );
}

function entries(headers: MailHeadersInput): MailHeader[] {
  if (Array.isArray(headers)) return headers.map(({ key, value }) => ({ key, value }));
  return Object.entries(headers).map(([key, value]) => ({ key, value }));
}

/** Checks custom headers (names, values, headers core owns) and returns them in order. */
export function checkHeaders(sink: IssueSink, headers: MailHeadersInput | undefined): MailHeader[] {
  if (headers === undefined) return [];
  const list = entries(headers);
  const pathOf = (index: number, key: string, part: 'key' | 'value') =>
    Array.isArray(headers) ? ['headers', index, part] : ['headers', key];
  list.forEach(({ key, value }, index) => {
    const keyPath = pathOf(index, key, 'key');
    const keyInjected = checkInjection(sink, key, keyPath, 'The header name');
    const keyTooLong = key.length > LIMITS.maxHeaderNameLength;
    if (keyTooLong) {
      sink.add(
        'line_too_long',
        keyPath,
        'RFC5322',
        `Header name ${quote(key)} has ${key.length} characters; at most ${LIMITS.maxHeaderNameLength} are accepted, so that the name and a folded word fit one line (RFC 5322)`,
      );
    } else if (!keyInjected && !FIELD_NAME.test(key)) {
      sink.add(
        'header_unsupported',
        keyPath,
        'RFC5322',
        `Header name ${quote(key)} is not an RFC 5322 field name (printable ASCII without ":" or spaces)`,
      );
    }
    const owned = OWNED.get(key.toLowerCase());
    if (owned) {
      sink.add('header_unsupported', keyPath, owned.rule, `Custom header ${key} is not allowed: ${owned.advice}`);
    }
    const valuePath = pathOf(index, key, 'value');
    // A name too long already made the line too long: one issue for it, not a second one for its value.
    if (!checkInjection(sink, value, valuePath, `The value of header ${quote(key)}`) && !keyTooLong) {
      checkValueFolds(sink, key, value, valuePath);
    }
  });
  return list;
}
