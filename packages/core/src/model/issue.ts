import type { RuleId } from '../rules.js';
import type { MailIssue, MailIssueCode } from './issues.js';

/** A field path as issues carry it. */
export type IssuePath = ReadonlyArray<string | number>;

/** How many issues a validation keeps; the others are only counted, so that hostile input gets a small answer. */
export const MAX_REPORTED_ISSUES = 20;
/** The longest issue message kept; longer ones are cut (a backstop: messages quote input through `quote`). */
export const MAX_ISSUE_MESSAGE_LENGTH = 600;
// Path parts are caller keys (header names); a 100 kB key must not come back whole.
const MAX_PATH_PART_LENGTH = 100;
const MAX_QUOTED_LENGTH = 80;

/** Where validation collects issues, with what it needs to judge them. */
export interface IssueSink {
  /** The first `MAX_REPORTED_ISSUES` issues, in the order found. */
  issues: MailIssue[];
  /** How many issues were added in all, kept or not. */
  readonly count: number;
  add(code: MailIssueCode, path: IssuePath, rule: RuleId, message: string): void;
  /** Forgets every issue added after the first `count` (to take back the issues of a step that failed). */
  truncate(count: number): void;
  /** Stops recording issues of these codes (a field already reported as mistyped is not also missing). */
  suppress(codes: ReadonlySet<MailIssueCode>): void;
}

// The first `max` UTF-16 units of `text`, one fewer when the cut would split a surrogate pair.
function head(text: string, max: number): string {
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${head(text, max)}… (${text.length} characters)`;
}

/** `text` as a JSON string for a message, cut to a few dozen characters so that no input is echoed whole. */
export function quote(text: string, max = MAX_QUOTED_LENGTH): string {
  return text.length <= max ? JSON.stringify(text) : `${JSON.stringify(head(text, max))}… (${text.length} characters)`;
}

// A class, not an object of closures: validation creates one sink per message, on the hot path.
class BoundedIssueSink implements IssueSink {
  readonly issues: MailIssue[] = [];
  count = 0;
  private suppressed: ReadonlySet<MailIssueCode> | undefined;

  constructor(private readonly max: number) {}

  add(code: MailIssueCode, path: IssuePath, rule: RuleId, message: string): void {
    if (this.suppressed?.has(code)) return;
    this.count++;
    if (this.issues.length >= this.max) return;
    const boundedPath = path.map((part) => (typeof part === 'string' ? cut(part, MAX_PATH_PART_LENGTH) : part));
    this.issues.push({ code, path: boundedPath, rule, message: cut(message, MAX_ISSUE_MESSAGE_LENGTH) });
  }

  truncate(before: number): void {
    if (before >= this.count) return;
    this.count = before;
    if (this.issues.length > before) this.issues.length = before;
  }

  suppress(codes: ReadonlySet<MailIssueCode>): void {
    this.suppressed = codes;
  }
}

/** A new, empty issue collector that keeps at most `max` issues and counts the rest. */
export function createIssueSink(max = MAX_REPORTED_ISSUES): IssueSink {
  return new BoundedIssueSink(max);
}

// A part an issue already carries was cut when the sink added it; cutting it again would misstate its length.
function alreadyCut(text: string): boolean {
  return text.length <= MAX_PATH_PART_LENGTH + 32 && text.endsWith(' characters)') && text.includes('… (');
}

/**
 * The one field-path formatter: writes `path` as users write it (`attachments[0].filename`), each long key cut
 * so that no input is echoed whole; `whole` names the empty path (`message`, or `the body` for the HTTP route).
 */
export function formatPath(path: IssuePath, whole = 'message'): string {
  let out = '';
  for (const part of path) {
    const text = typeof part !== 'string' || alreadyCut(part) ? part : cut(part, MAX_PATH_PART_LENGTH);
    out += typeof text === 'number' ? `[${text}]` : out === '' ? text : `.${text}`;
  }
  return out === '' ? whole : out;
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
