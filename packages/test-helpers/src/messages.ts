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
