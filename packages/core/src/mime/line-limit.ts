import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { MailIssue } from '../model/issues.js';
import { quote } from '../model/issue.js';

/** RFC 5322's limit on a line, CRLF excluded; the service itself fails lines over 2000 ("too longer line"). */
export const MAX_LINE_OCTETS = 998;
// A UTF-16 code unit is at most 3 UTF-8 octets: shorter lines need no counting.
const ALWAYS_FITS = Math.floor(MAX_LINE_OCTETS / 3);

/**
 * Throws a `VALIDATION` error naming the field when `line` (without its CRLF) is longer than 998 octets: the
 * builder's last word, so that no input, validated or not, makes it emit a line the service may refuse.
 */
export function assertLineFits(line: string, field: string, path: MailIssue['path']): void {
  if (line.length <= ALWAYS_FITS) return;
  const octets = Buffer.byteLength(line, 'utf8');
  if (octets <= MAX_LINE_OCTETS) return;
  const message = `${field} would be written as a line of ${octets} octets; RFC 5322 allows at most ${MAX_LINE_OCTETS} and the service fails long lines ("too longer line"): shorten it, or put spaces where it can be folded`;
  throw new QcloudMailError({
    code: 'VALIDATION',
    rule: 'RFC5322',
    message,
    issues: [{ code: 'line_too_long', path, rule: 'RFC5322', message }],
  });
}

/** The name of a header for a message: quoted, and cut when a caller made it long. */
export function headerField(name: string): string {
  return `The ${quote(name, 60)} header`;
}
