import { resolveLimits } from '../limits/limits.js';
import type { MailIssue } from '../model/issues.js';
import { boundIssues, boundNotes } from './lint/bounded-issues.js';
import { lintTopHeaders } from './lint/lint-headers.js';
import { lintParts } from './lint/lint-parts.js';
import { defaultedTypeNotes, parsePart } from './lint/mime-tree.js';
import { scanLines } from './lint/raw-lines.js';
import type { LintNote, LintOptions, LintResult, LintSummary } from './types.js';

function lineIssues(raw: Buffer, maxLineOctets: number, maxServiceLine: number): MailIssue[] {
  const scan = scanLines(raw, maxLineOctets);
  const issues: MailIssue[] = [];
  for (const { line, length } of scan.longLines) {
    const service = length > maxServiceLine;
    issues.push({
      code: 'line_too_long',
      path: ['line', line],
      rule: service ? 'SIZES' : 'RFC5322',
      message: service
        ? `Line ${line} has ${length} octets; the service fails lines over ${maxServiceLine} ("too longer line", SIZES)`
        : `Line ${line} has ${length} octets; RFC 5322 allows at most ${maxLineOctets}`,
    });
  }
  if (scan.longLineCount > scan.longLines.length) {
    const more = scan.longLineCount - scan.longLines.length;
    issues.push({
      code: 'line_too_long',
      path: ['line'],
      rule: 'RFC5322',
      message: `${more} more lines are over ${maxLineOctets} octets`,
    });
  }
  for (const [kind, found] of [
    ['LF', scan.bareLf],
    ['CR', scan.bareCr],
  ] as const) {
    if (found.count > 0) {
      issues.push({
        code: 'bare_line_ending',
        path: ['line', found.firstLine],
        rule: 'RFC5322',
        message: `${found.count} bare ${kind} (first on line ${found.firstLine}); lines must end with CRLF (RFC 5322)`,
      });
    }
  }
  return issues;
}

/**
 * Checks a raw message built elsewhere (nodemailer's output, an .eml file) against the service's rules
 * and RFC 5322, in linear time; it never throws on malformed input, every problem becomes an issue.
 */
export function lintMime(raw: Buffer | Uint8Array | string, options: LintOptions = {}): LintResult {
  // Limit overrides are the caller's configuration: a bad one is an error, unlike anything in `raw`.
  const limits = resolveLimits(options.limits);
  const bytes =
    typeof raw === 'string' ? Buffer.from(raw, 'utf8') : Buffer.from(raw.buffer, raw.byteOffset, raw.length);
  const summary: LintSummary = { to: [], size: bytes.length, attachments: [] };
  const issues: MailIssue[] = [];
  let notes: LintNote[] = [];
  try {
    issues.push(...lineIssues(bytes, limits.maxLineOctets, limits.maxServiceLineLength));
    const root = parsePart(bytes, 0, bytes.length, []);
    // Line issues bound themselves; the others are bounded per code, so hostile input gets a small answer.
    issues.push(
      ...boundIssues([...lintTopHeaders(bytes, root, limits, summary), ...lintParts(bytes, root, limits, summary)]),
    );
    // Notes refuse nothing, so they stay out of `ok`; bounded like the issues.
    notes = boundNotes(defaultedTypeNotes(root));
  } catch (error) {
    // Only a bug of the linter itself can land here; report it instead of throwing at the caller.
    const detail = (error instanceof Error ? error.message : String(error)).slice(0, 200);
    issues.push({
      code: 'header_syntax',
      path: [],
      rule: 'RFC5322',
      message: `The message could not be read: ${detail}`,
    });
  }
  if (bytes.length > limits.maxMessageBytes) {
    issues.push({
      code: 'message_too_large',
      path: [],
      rule: 'SIZES',
      message: `The message has ${bytes.length} bytes; at most ${limits.maxMessageBytes} on the wire (SIZES)`,
    });
  }
  return { ok: issues.length === 0, issues, notes, summary };
}
