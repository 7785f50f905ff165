import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { formatPath, type IssuePath } from '../model/issue.js';
import type { MailIssue } from '../model/issues.js';
import { clipPath } from '../errors/clip-text.js';

/** Issues an `INVALID_EVENT` error lists in full; past this they are only counted. */
export const MAX_EVENT_ISSUES = 20;

/** One problem with a callback body, pointing at the field of R27 it breaks. */
export function eventIssue(path: IssuePath, message: string): MailIssue {
  // Keys are the sender's: clipped so that an issue never echoes a long one.
  const clipped = clipPath(path);
  return {
    code: 'invalid_type',
    path: clipped,
    rule: 'R27',
    message: `${formatPath(clipped, 'the event')}: ${message}`,
  };
}

/** The `INVALID_EVENT` error for `issues` (at least one), `more` of them counted but not listed. */
export function invalidEventError(issues: readonly MailIssue[], more = 0, cause?: unknown): QcloudMailError {
  const listed = issues.slice(0, MAX_EVENT_ISSUES);
  const total = issues.length + more;
  const others =
    total === 1
      ? ''
      : ` (${total} problems in all${total > listed.length ? `, ${total - listed.length} not listed` : ''})`;
  const first = listed[0]?.message ?? 'the body is not a delivery event';
  return new QcloudMailError({
    code: 'INVALID_EVENT',
    rule: 'R27',
    issues: listed,
    message: `The callback body is not a delivery event the provider documents (R27): ${first}${others}`,
    action: "Send the provider's JSON event (one object, or an array of them) as it was posted; see docs/rules.md#r27.",
    ...(cause === undefined ? {} : { cause }),
  });
}
