import type { MailIssue, MailIssueCode } from '../../model/issues.js';
import type { LintNote } from '../types.js';

/** Issues of one code that a lint reports; the others are counted in one closing issue of that code. */
export const MAX_LINT_ISSUES_PER_CODE = 20;

/**
 * Keeps the first few issues of each code, in order, and says how many more there were: a message with
 * 100,000 bad parts gets a small answer, and every kind of problem stays visible.
 */
export function boundIssues(issues: readonly MailIssue[], max = MAX_LINT_ISSUES_PER_CODE): MailIssue[] {
  const counts = new Map<MailIssueCode, { count: number; first: MailIssue }>();
  const kept: MailIssue[] = [];
  for (const issue of issues) {
    const seen = counts.get(issue.code);
    if (seen === undefined) counts.set(issue.code, { count: 1, first: issue });
    else seen.count++;
    if ((seen?.count ?? 1) <= max) kept.push(issue);
  }
  for (const [code, { count, first }] of counts) {
    if (count <= max) continue;
    kept.push({
      code,
      path: [],
      rule: first.rule,
      message: `${count - max} more ${code} issues are not listed (${count} in all)`,
    });
  }
  return kept;
}

/** Keeps the first few notes and says how many more there were, as `boundIssues` does for one code. */
export function boundNotes(notes: readonly LintNote[], max = MAX_LINT_ISSUES_PER_CODE): LintNote[] {
  if (notes.length <= max) return [...notes];
  return [
    ...notes.slice(0, max),
    { path: [], message: `${notes.length - max} more notes are not listed (${notes.length} in all)` },
  ];
}
