import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { LIMITS, type LimitOverrides, resolveLimits } from '../limits/limits.js';
import { envelopeIssues } from '../model/check-envelope.js';
import type { MailIssue } from '../model/issues.js';
import { lintMime } from '../mime/lint-mime.js';
import { parseAddress } from '../model/address.js';
import type { BuiltMessage } from './send-context.js';
import type { RawEnvelope } from './types.js';

/**
 * Checks a message built elsewhere before it may be sent, the one lint of a raw message: clean under
 * `lintMime`, a Message-ID to return (R21), and an envelope of valid addresses, at most 50 recipients (R8).
 * Without `given`, the envelope is the message's From and To headers; a given envelope must name exactly
 * those (R4: the sender is the account's; R9: envelope-only recipients are Bcc, which the service lacks).
 */
export function checkRawMessage(
  raw: Buffer | string,
  given: RawEnvelope | undefined,
  limits: LimitOverrides,
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
  const envelope: RawEnvelope = given ?? { from: lint.summary.from ?? '', to: lint.summary.to };
  if (given !== undefined && lint.summary.from !== undefined) {
    issues.push(...envelopeIssues(given, lint.summary.from, lint.summary.to, resolveLimits(limits)));
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
  const to: string[] = [];
  envelope.to.forEach((address, index) => {
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
  if (issues.length > 0 || !from.ok) {
    throw new QcloudMailError({
      code: 'VALIDATION',
      nodemailerCode: 'EMESSAGE',
      issues,
      message: `The raw message would be refused: ${issues.map((issue) => `${issue.message}`).join('; ')}`,
    });
  }
  return {
    raw: bytes,
    messageId: lint.summary.messageId as string,
    envelope: { from: from.address.address, to },
    size: bytes.length,
  };
}
