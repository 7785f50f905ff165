import { lintMime } from '@qcloudmail/core';
import { CliUsageError, parseCommandArgs } from '../args.js';
import { type CliExitCode, EXIT_CODES } from '../exit-codes.js';
import { helpText } from '../help.js';
import { type CliIo, CliInputError, readInput } from '../io.js';
import {
  formatFileReport,
  formatTotals,
  type LintFileReport,
  type LintReportIssue,
  type LintReportNote,
} from '../lint/format-lint.js';
import { issueAdvice } from '../lint/issue-advice.js';
import { locateIssue, messageLines } from '../lint/locate-issue.js';
import { createStyle } from '../style.js';

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Lints one raw message: core's `lintMime`, each issue placed in the file and given its remedy, each note placed. */
export function lintRaw(file: string, raw: Buffer): LintFileReport {
  const result = lintMime(raw);
  // A clean message without notes has nothing to place: its lines are not indexed.
  const lines = messageLines(result.ok && result.notes.length === 0 ? Buffer.alloc(0) : raw);
  const issues = result.issues.map((issue): LintReportIssue => {
    const location = locateIssue(lines, issue.path);
    return {
      code: issue.code,
      rule: issue.rule,
      path: issue.path,
      location: location.text,
      line: location.line,
      message: issue.message,
      advice: issueAdvice(issue.code),
    };
  });
  const notes = result.notes.map((note): LintReportNote => {
    const location = locateIssue(lines, note.path);
    return { path: note.path, location: location.text, line: location.line, message: note.message };
  });
  return { file, ok: result.ok, issues, notes, summary: result.summary };
}

async function lintFile(name: string, io: CliIo): Promise<LintFileReport> {
  const file = name === '-' ? '<stdin>' : name;
  try {
    return lintRaw(file, await readInput(name, io));
  } catch (error) {
    if (!(error instanceof CliInputError)) throw error;
    return { file, ok: false, issues: [], notes: [], error: error.message };
  }
}

/** `qcloudmail lint`: exit 0 when every message is clean, 1 when one has issues, 2 when one is unreadable. */
export async function runLint(args: readonly string[], io: CliIo): Promise<CliExitCode> {
  const { values, positionals } = parseCommandArgs('lint', args, OPTIONS, true);
  if (values.help) {
    io.stdout.write(`${helpText('lint')}\n`);
    return EXIT_CODES.OK;
  }
  if (positionals.length === 0)
    throw new CliUsageError('lint', 'missing file: name one or more .eml files, or - for standard input');
  if (positionals.filter((name) => name === '-').length > 1)
    throw new CliUsageError('lint', 'standard input (-) can be read only once');

  const reports: LintFileReport[] = [];
  for (const name of positionals) reports.push(await lintFile(name, io));

  if (values.json) {
    io.stdout.write(`${JSON.stringify({ ok: reports.every((report) => report.ok), files: reports }, null, 2)}\n`);
  } else {
    const out = createStyle(io.stdout, io.env);
    const err = createStyle(io.stderr, io.env);
    for (const report of reports) {
      if (report.error !== undefined) io.stderr.write(formatFileReport(report, err));
      else io.stdout.write(formatFileReport(report, out));
    }
    if (reports.length > 1) io.stdout.write(formatTotals(reports, out));
  }
  if (reports.some((report) => report.error !== undefined)) return EXIT_CODES.USAGE;
  return reports.every((report) => report.ok) ? EXIT_CODES.OK : EXIT_CODES.FAILED;
}
