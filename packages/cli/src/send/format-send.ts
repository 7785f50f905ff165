import type { BuiltMime, MailIssue, QcloudMailError, SendOutcome } from '@qcloudmail/core';
import { formatPath } from '@qcloudmail/core/internal';
import { retryAdvice } from '../explain/format-explain.js';
import { type CliStyle, padColumns } from '../style.js';

/** Every validation issue on its own line: rule id, field, code and message. */
export function formatIssues(issues: readonly MailIssue[], style: CliStyle): string {
  const head = style.red(
    `The message is not valid for Tencent Cloud SES (${issues.length} issue${issues.length === 1 ? '' : 's'}):`,
  );
  const lines = issues.map(
    (issue) =>
      `  ${style.yellow(issue.rule.padEnd(7))} ${formatPath(issue.path)}  ${style.dim(issue.code)}\n          ${issue.message}`,
  );
  return `${head}\n${lines.join('\n')}\n`;
}

/** A failed send: code, category, the provider's code and message, retry advice, what to do. */
export function formatSendError(error: QcloudMailError, style: CliStyle): string {
  if (error.code === 'VALIDATION' && error.issues.length > 0) return formatIssues(error.issues, style);
  const rows: Array<[string, string]> = [
    ['Error', style.bold(`${error.code} (${error.category})`)],
    ['Message', error.message],
  ];
  if (error.providerCode !== undefined) rows.push(['Provider', error.providerCode]);
  if (error.response !== undefined && error.response !== error.message) rows.push(['Reply', error.response]);
  rows.push([
    'Retry',
    retryAdvice({ ok: false, retryable: error.retryable, retryAfterMs: error.retryAfterMs ?? null }),
  ]);
  if (error.messageZh !== undefined) rows.push(['含义 (zh)', error.messageZh]);
  if (error.action !== undefined) rows.push(['Action', error.action]);
  if (error.rule !== undefined) rows.push(['Rule', error.rule]);
  if (error.requestId !== undefined) rows.push(['Request', error.requestId]);
  return `${style.red('Send failed.')}\n${rows.map(([label, value]) => `  ${style.dim(padColumns(`${label}:`, 11))}${value}`).join('\n')}\n`;
}

/** What a successful send prints: the Message-ID, the recipients and the service's reply (R15). */
export function formatSent(outcome: SendOutcome, target: string, style: CliStyle): string {
  const lines = outcome.messages.map(
    (sent) =>
      `${style.green('Accepted')} ${sent.messageId} for ${sent.accepted.join(', ') || '(none)'} by ${target}: ${sent.response}`,
  );
  const rejected = outcome.messages.flatMap((sent) => sent.rejected);
  if (rejected.length > 0) lines.push(style.yellow(`Rejected: ${rejected.join(', ')}`));
  lines.push(style.dim('Accepted is not delivered: the delivery status is read through the SES API (R15).'));
  return `${lines.join('\n')}\n`;
}

/** The note of a dry run, for standard error, while the MIME itself goes to standard output. */
export function formatDryRun(built: BuiltMime, style: CliStyle): string {
  return style.dim(
    `Dry run: valid, ${built.size} bytes, Message-ID ${built.messageId}, from ${built.envelope.from} to ${built.envelope.to.join(', ')}; nothing was sent.\n`,
  );
}
