import type { LintSummary, MailIssue, RuleId } from '@qcloudmail/core';
import { ruleReference } from '../rule-reference.js';
import type { CliStyle } from '../style.js';

/** One issue as the lint command reports it: the core issue plus where it is and what to do. */
export interface LintReportIssue {
  code: MailIssue['code'];
  rule: RuleId;
  path: ReadonlyArray<string | number>;
  location: string;
  line?: number;
  message: string;
  advice: string;
}

/** One note as the lint command reports it: what was read by a default, placed in the file; it refuses nothing. */
export interface LintReportNote {
  path: ReadonlyArray<string | number>;
  location: string;
  line?: number;
  message: string;
}

/** The lint result of one file; `error` instead of issues when the file could not be read. */
export interface LintFileReport {
  file: string;
  ok: boolean;
  issues: LintReportIssue[];
  notes: LintReportNote[];
  summary?: LintSummary;
  error?: string;
}

function size(bytes: number): string {
  return bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${(bytes / 1048576).toFixed(1)} MiB`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function place(location: string, line: number | undefined): string {
  return line === undefined || location.startsWith('line ') ? location : `${location}, line ${line}`;
}

// Notes come after the issues, dim: they explain a reading and ask for nothing.
function noteLines(notes: readonly LintReportNote[], style: CliStyle): string[] {
  return notes.flatMap((note) => [
    `  ${style.dim(`${'note'.padEnd(7)} ${place(note.location, note.line)}`)}`,
    `          ${style.dim(note.message)}`,
  ]);
}

/**
 * The human-readable report of one file: a heading, then each issue with rule, place, problem and remedy,
 * then the notes.
 */
export function formatFileReport(report: LintFileReport, style: CliStyle): string {
  if (report.error !== undefined) return `${style.bold(report.file)}: ${style.red(report.error)}\n`;
  const summary = report.summary;
  if (report.ok) {
    const details = summary
      ? ` (${plural(summary.to.length, 'recipient')}, ${plural(summary.attachments.length, 'attachment')}, ${size(summary.size)})`
      : '';
    const heading = `${style.bold(report.file)}: ${style.green('ok')}${style.dim(details)}`;
    return `${[heading, ...noteLines(report.notes, style)].join('\n')}\n`;
  }
  const lines = [`${style.bold(report.file)}: ${style.red(plural(report.issues.length, 'issue'))}`];
  for (const issue of report.issues) {
    lines.push(
      `  ${style.yellow(issue.rule.padEnd(7))} ${place(issue.location, issue.line)}  ${style.dim(issue.code)}`,
    );
    lines.push(`          ${issue.message}`);
    lines.push(`          ${style.cyan('→')} ${issue.advice}`);
    lines.push(`          ${style.dim(ruleReference(issue.rule))}`);
  }
  lines.push(...noteLines(report.notes, style));
  return `${lines.join('\n')}\n`;
}

/** The closing line when several files were linted: how many were clean, had issues, or could not be read. */
export function formatTotals(reports: readonly LintFileReport[], style: CliStyle): string {
  const unreadable = reports.filter((report) => report.error !== undefined).length;
  const clean = reports.filter((report) => report.ok).length;
  const failing = reports.length - clean - unreadable;
  const parts = [`${clean} clean`, `${failing} with issues`];
  if (unreadable > 0) parts.push(`${unreadable} unreadable`);
  return style.bold(`${plural(reports.length, 'file')}: ${parts.join(', ')}\n`);
}
