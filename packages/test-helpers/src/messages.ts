import { USER } from './credentials.js';

let counter = 0;

/** A recipient of its own per call, so that no test meets another's per-recipient limit (R6). */
export function recipient(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}@example.org`;
}

/** A valid message from USER to `to`; `extra` adds or replaces fields. */
export function message(to: string | string[] = 'user@example.org', extra: Record<string, unknown> = {}) {
  return { from: USER, to, subject: 'Hello', text: 'Hello from the tests', ...extra };
}

/**
 * A plain raw message from USER to raw@example.org: `messageIdLines` as written (folded, with a comment, or none)
 * and `before` it any header lines (padding that pushes the Message-ID far down).
 */
export function rawMessage(messageIdLines: string, options: { before?: string; subject?: string } = {}): string {
  return [
    `From: ${USER}`,
    'To: raw@example.org',
    `Subject: ${options.subject ?? 'One copy'}`,
    `${options.before ?? ''}${messageIdLines}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    'Hello from a raw message',
    '',
  ].join('\r\n');
}

// The one-copy cases of issue #17 (item 2) put a Message-ID beyond the 64 KiB of headers the old wire tap scanned.
/** A display name at the validation cap (256 characters, R23), in CJK: each encoded word is about four times it. */
export const CAPPED_NAME = '邮'.repeat(256);
/** 50 recipients (R8) with capped display names: headers long enough to put the Message-ID beyond 64 KiB. */
export const FAR_TO = Array.from({ length: 50 }, (_, i) => ({ name: CAPPED_NAME, address: `user${i}@example.org` }));
/** 80 header lines of 900 characters, about 72 KiB, to put before a raw message's Message-ID. */
export const PADDING = Array.from({ length: 80 }, (_, i) => `X-Pad-${i}: ${'p'.repeat(900)}\r\n`).join('');
