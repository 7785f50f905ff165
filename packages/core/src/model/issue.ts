import type { RuleId } from '../rules.js';
import type { MailIssue, MailIssueCode } from './issues.js';

/** A field path as issues carry it. */
export type IssuePath = ReadonlyArray<string | number>;

/** Where validation collects issues, with what it needs to judge them. */
export interface IssueSink {
  issues: MailIssue[];
  add(code: MailIssueCode, path: IssuePath, rule: RuleId, message: string): void;
}

/** A new, empty issue collector. */
export function createIssueSink(): IssueSink {
  const issues: MailIssue[] = [];
  return {
    issues,
    add(code, path, rule, message) {
      issues.push({ code, path, rule, message });
    },
  };
}

/** Renders a path as `attachments[0].filename` for messages. */
export function formatPath(path: IssuePath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out === '' ? 'message' : out;
}

// Any of these in a value that becomes a header would end the header early and start another.
const LINE_BREAK = /[\r\n\0]/;

/** True when `value` contains CR, LF or NUL, reporting it as header injection (RFC 5322) at `path`. */
export function checkInjection(sink: IssueSink, value: string, path: IssuePath, what: string): boolean {
  if (!LINE_BREAK.test(value)) return false;
  sink.add(
    'header_injection',
    path,
    'RFC5322',
    `${what} (${formatPath(path)}) contains a CR, LF or NUL character, which would let it write headers of its own; remove line breaks`,
  );
  return true;
}
