import type { EffectiveLimits } from '../limits/limits.js';
import { checkInjection, type IssueSink } from './issue.js';
import { bracketedMessageId } from './message-id.js';

/** Checks the subject: required (HEADERS), at most 998 characters (R23), no line breaks (RFC 5322). */
export function checkSubject(sink: IssueSink, subject: string | undefined, limits: EffectiveLimits): string {
  if (subject === undefined || subject.trim() === '') {
    sink.add('subject_required', ['subject'], 'HEADERS', 'subject is required and must not be blank (HEADERS, R23)');
    return subject ?? '';
  }
  checkInjection(sink, subject, ['subject'], 'The subject');
  // Code points are counted only when the UTF-16 length could exceed the limit.
  if (subject.length > limits.maxSubjectLength) {
    let length = 0;
    for (const _ of subject) length++;
    if (length > limits.maxSubjectLength) {
      sink.add(
        'subject_too_long',
        ['subject'],
        'R23',
        `The subject has ${length} characters; the service allows at most ${limits.maxSubjectLength} (R23, under ${limits.recommendedSubjectLength} recommended)`,
      );
    }
  }
  return subject;
}

/** Checks the body: text or html not empty (R10), and their UTF-8 bytes together within the limit (SIZES). */
export function checkBody(
  sink: IssueSink,
  text: string | undefined,
  html: string | undefined,
  limits: EffectiveLimits,
): void {
  if (!text && !html) {
    sink.add('body_required', ['text'], 'R10', 'The message needs a body: give text or html, not empty (R10)');
    return;
  }
  const chars = (text?.length ?? 0) + (html?.length ?? 0);
  // One UTF-16 unit is at most 3 UTF-8 bytes, so short bodies need no byte count.
  if (chars * 3 <= limits.maxBodyBytes) return;
  const bytes = Buffer.byteLength(text ?? '', 'utf8') + Buffer.byteLength(html ?? '', 'utf8');
  if (bytes > limits.maxBodyBytes) {
    sink.add(
      'body_too_large',
      [html && !text ? 'html' : 'text'],
      'SIZES',
      `text and html together are ${bytes} bytes; the service allows at most ${limits.maxBodyBytes} without attachments (SIZES); move content into an attachment or shorten it`,
    );
  }
}

// RFC 5322 msg-id: id-left is a dot-atom-text, id-right a dot-atom-text or a no-fold-literal ("[...]").
// "." and "[" are not in the classes they follow, so neither pattern can backtrack.
const DOT_ATOM_TEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const NO_FOLD_LITERAL = /^\[[\x21-\x5a\x5e-\x7e]*\]$/;

function isMsgId(id: string): boolean {
  const at = id.lastIndexOf('@');
  if (at < 0) return false;
  const left = id.slice(0, at);
  const right = id.slice(at + 1);
  return DOT_ATOM_TEXT.test(left) && (DOT_ATOM_TEXT.test(right) || NO_FOLD_LITERAL.test(right));
}

/**
 * Checks a caller's Message-ID (RFC 5322 msg-id, with or without angle brackets: no white space, comments or
 * quotes) and its length (`Message-ID: <...>` is one line that cannot fold), and returns it in angle brackets.
 */
export function checkMessageId(
  sink: IssueSink,
  messageId: string | undefined,
  limits: EffectiveLimits,
): string | undefined {
  if (messageId === undefined) return undefined;
  if (checkInjection(sink, messageId, ['messageId'], 'The Message-ID')) return undefined;
  const trimmed = messageId.trim();
  const bracketed = bracketedMessageId(trimmed);
  if (bracketed.length > limits.maxMessageIdLength) {
    sink.add(
      'line_too_long',
      ['messageId'],
      'RFC5322',
      `messageId has ${bracketed.length} characters with its angle brackets; at most ${limits.maxMessageIdLength} fit the one ${limits.maxLineOctets}-octet Message-ID line (RFC 5322; the service fails long lines after the upload, SIZES, R19)`,
    );
    return undefined;
  }
  // A bracket on one side only is refused, not completed: the caller may have cut the id.
  if (trimmed.startsWith('<') !== trimmed.endsWith('>') || !isMsgId(bracketed.slice(1, -1))) {
    sink.add(
      'invalid_type',
      ['messageId'],
      'RFC5322',
      'messageId must look like <id@domain> (RFC 5322 msg-id: dot-atom text on each side of one "@", no white space, comments or quotes)',
    );
    return undefined;
  }
  return bracketed;
}

/** Checks `date`: a valid Date, or a string that `Date.parse` understands. */
export function checkDate(sink: IssueSink, date: Date | string | undefined): Date | undefined {
  if (date === undefined) return undefined;
  const value = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(value.getTime())) {
    sink.add('invalid_type', ['date'], 'HEADERS', 'date must be a valid Date or a parsable date string');
    return undefined;
  }
  // RFC 5322 writes a year as four or more digits, which a year before 0 has no form of (the builder refuses it).
  if (value.getUTCFullYear() < 0) {
    sink.add('invalid_type', ['date'], 'HEADERS', 'date must not be before the year 0 (RFC 5322 date-time)');
    return undefined;
  }
  return value;
}
