import { LIMITS, type LimitOverrides, resolveLimits } from '../limits/limits.js';
import { lintMime } from '../mime/lint-mime.js';
import { parseAddress } from '../model/address.js';
import { envelopeIssues } from '../model/check-envelope.js';
import type { MailIssue } from '../model/issues.js';
import type { BuiltMessage } from './send-context.js';
import type { RawEnvelope } from './types.js';
import { loginIssue, validationError } from './validation-error.js';

// The given envelope's shape, checked before anything reads it: any value may arrive from JavaScript callers.
function envelopeShapeIssue(given: unknown): MailIssue | undefined {
  if (given === undefined) return undefined;
  const envelope = given as { from?: unknown; to?: unknown };
  const shaped =
    typeof given === 'object' &&
    given !== null &&
    // Only these two: a `cc` or `bcc` here would be recipients the upload never names (RCPT TO is `to`).
    Object.keys(given).every((key) => key === 'from' || key === 'to') &&
    (envelope.from === undefined || typeof envelope.from === 'string') &&
    Array.isArray(envelope.to) &&
    envelope.to.every((address) => typeof address === 'string');
  if (shaped) return undefined;
  return {
    code: 'invalid_type',
    path: ['envelope'],
    rule: 'R9',
    message: 'envelope: expected { from?: string, to: string[] }, the sender and every header recipient',
  };
}

function addressIssues(envelope: { from: string; to: readonly string[] }, issues: MailIssue[]): string[] {
  const to: string[] = [];
  // Past the cap the message is refused anyway (R8): the addresses beyond it are not worth parsing.
  envelope.to.slice(0, LIMITS.maxRecipients + 1).forEach((address, index) => {
    const parsed = parseAddress(address);
    if (parsed.ok) to.push(parsed.address.address);
    else
      issues.push({
        code: 'invalid_address',
        path: ['envelope', 'to', index],
        rule: 'RFC5322',
        message: `The envelope recipient ${parsed.reason}`,
      });
  });
  if (envelope.to.length === 0) {
    issues.push({
      code: 'to_required',
      path: ['envelope', 'to'],
      rule: 'HEADERS',
      message: 'Give at least one recipient',
    });
  }
  if (envelope.to.length > LIMITS.maxRecipients) {
    issues.push({
      code: 'too_many_recipients',
      path: ['envelope', 'to'],
      rule: 'R8',
      message: `${envelope.to.length} recipients; the service takes at most ${LIMITS.maxRecipients} in one message (R8)`,
    });
  }
  return to;
}

/**
 * Checks a message built elsewhere before it may be sent, the one lint of a raw message: clean under
 * `lintMime`, a Message-ID to return (R21), and an envelope of valid addresses, at most 50 recipients (R8).
 * Without `given`, the envelope is the message's From and To headers (a given one without `from` takes the From
 * header); a given envelope must name exactly those (R4: the sender is the account's; R9: envelope-only
 * recipients are Bcc, which the service lacks). The sender must be `login`, the address logged in with (R4).
 */
export function checkRawMessage(
  raw: Buffer | string,
  given: RawEnvelope | undefined,
  limits: LimitOverrides,
  login: string,
): BuiltMessage {
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  const lint = lintMime(bytes, { limits });
  const issues: MailIssue[] = [...lint.issues];
  if (lint.summary.messageId === undefined) {
    issues.push({
      code: 'header_syntax',
      path: ['headers', 'Message-ID'],
      rule: 'R21',
      message: 'A raw message needs a Message-ID header: the service gives no id back, so it is the only handle (R21)',
    });
  }
  const shape = envelopeShapeIssue(given);
  if (shape !== undefined) throw validationError([...issues, shape], { nodemailerCode: 'EMESSAGE' });
  const headerFrom = lint.summary.from;
  const envelope = { from: given?.from ?? headerFrom ?? '', to: given?.to ?? lint.summary.to };
  if (given !== undefined && headerFrom !== undefined) {
    issues.push(...envelopeIssues(envelope, headerFrom, lint.summary.to, resolveLimits(limits)));
  }
  const from = parseAddress(envelope.from);
  if (!from.ok) {
    issues.push({
      code: 'invalid_address',
      path: ['envelope', 'from'],
      rule: 'RFC5322',
      message: `The envelope sender ${from.reason}`,
    });
  }
  // The From header holds when it is there (a different envelope sender is refused above); else the envelope's.
  const sender = headerFrom === undefined ? loginIssue(envelope.from, login, ['envelope', 'from']) : undefined;
  const header = headerFrom === undefined ? undefined : loginIssue(headerFrom, login, ['headers', 'From']);
  if (sender !== undefined) issues.push(sender);
  if (header !== undefined) issues.push(header);
  const to = addressIssues(envelope, issues);
  if (issues.length > 0 || !from.ok) throw validationError(issues, { nodemailerCode: 'EMESSAGE' });
  return {
    raw: bytes,
    messageId: lint.summary.messageId as string,
    envelope: { from: from.address.address, to },
    size: bytes.length,
  };
}
