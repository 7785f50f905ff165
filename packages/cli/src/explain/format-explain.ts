import type { ParsedSesReply } from '@qcloudmail/core';
import { ruleReference } from '../rule-reference.js';
import { type CliStyle, padColumns } from '../style.js';
import type { CodeStanding } from './code-standing.js';
import type { ReplyMeaning } from '@qcloudmail/core/internal';

/** A duration for people: `800 ms`, `5 s`, `10 min`, `1 h`. */
export function formatDelay(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

/** Whether and when to send again, in words. */
export function retryAdvice(reply: Pick<ParsedSesReply, 'ok' | 'retryable' | 'retryAfterMs'>): string {
  if (reply.ok) return 'not needed: the service accepted it';
  if (!reply.retryable) return 'no: sending the same message again fails the same way; fix the cause first';
  if (reply.retryAfterMs === null) return 'yes, after a short back-off';
  return `yes, after ${formatDelay(reply.retryAfterMs)}`;
}

// What follows the code: the provider's code when the stable code differs, and whether the list has it (R24).
function codeNotes(reply: ParsedSesReply & CodeStanding): string {
  const notes: string[] = [];
  if (reply.providerCode !== null && reply.providerCode !== reply.code) notes.push(`provider: ${reply.providerCode}`);
  if (reply.unknownCode) {
    notes.push(reply.fallbackCode === null ? 'unknown code' : `unknown code; meaning of ${reply.fallbackCode}`);
  }
  return notes.length === 0 ? '' : ` (${notes.join(', ')})`;
}

/** The explanation of one reply, one labelled line per fact, for a terminal. */
export function formatExplanation(
  reply: ParsedSesReply & CodeStanding,
  meaning: ReplyMeaning,
  style: CliStyle,
): string {
  const rows: Array<[string, string]> = [];
  const status = [reply.smtpCode, reply.enhancedStatus].filter((part) => part !== null).join(' ');
  rows.push(['Reply', status === '' ? '(no SMTP code)' : status]);
  rows.push(['Code', `${style.bold(reply.code)}${codeNotes(reply)}`]);
  const category = reply.category === 'success' ? style.green(reply.category) : style.red(reply.category);
  rows.push(['Category', category]);
  const retry = retryAdvice(reply);
  rows.push(['Retry', reply.retryable ? style.yellow(retry) : retry]);
  if (reply.message !== '') rows.push(['Message', reply.message]);
  if (meaning.en !== null) rows.push(['Meaning', meaning.en]);
  if (meaning.zh !== null) rows.push(['含义 (zh)', meaning.zh]);
  rows.push(['Action', reply.action]);
  if (reply.rule !== null) rows.push(['Rule', ruleReference(reply.rule)]);
  if (reply.requestId !== null) rows.push(['Request', reply.requestId]);
  return `${rows.map(([label, value]) => `${style.dim(padColumns(`${label}:`, 11))}${value}`).join('\n')}\n`;
}
