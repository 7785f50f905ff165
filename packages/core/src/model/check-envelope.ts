import type { EffectiveLimits } from '../limits/limits.js';
import { parseAddress, parseAddressListAtMost } from './address.js';
import { createIssueSink, type IssueSink } from './issue.js';
import type { MailIssue } from './issues.js';
import { envelopeInputSchema, type MailAddressInput, type MailAddressListInput } from './message-schema.js';

/** nodemailer's custom envelope, as the schema typed it. */
export interface EnvelopeInput {
  from?: MailAddressInput | false | undefined;
  to?: MailAddressListInput | undefined;
  cc?: MailAddressListInput | undefined;
  bcc?: MailAddressListInput | undefined;
}

function bare(input: MailAddressInput): string | undefined {
  const result = parseAddress(input);
  return result.ok ? result.address.address.toLowerCase() : undefined;
}

// The bare addresses of a list, or undefined when one does not parse or there are more than `max`.
function bareList(input: MailAddressListInput | undefined, max: number): string[] | undefined {
  if (input === undefined) return [];
  const parsed = parseAddressListAtMost(input, max);
  if (parsed.tooMany !== undefined) return undefined;
  const out: string[] = [];
  for (const result of parsed.results) {
    if (!result.ok) return undefined;
    out.push(result.address.address.toLowerCase());
  }
  return out;
}

function sameSet(left: readonly string[], right: readonly string[]): boolean {
  const a = new Set(left);
  const b = new Set(right);
  return a.size === b.size && [...a].every((item) => b.has(item));
}

/** Refuses a `sender` other than the from address: the service sends as the authenticated sender (R4). */
export function checkSender(sink: IssueSink, sender: MailAddressInput | undefined, from: string | undefined): void {
  if (sender === undefined) return;
  if (from !== undefined && bare(sender) === from.toLowerCase()) return;
  sink.add(
    'invalid_address',
    ['sender'],
    'R4',
    'sender: the service sends as the authenticated sender address (R4); a Sender other than from cannot be set, leave it out',
  );
}

/**
 * Refuses a custom envelope unless it names exactly the from address and the header recipients: envelope-only
 * recipients are Bcc, which the service does not support (R9), and the sender is the account's (R4).
 */
export function checkEnvelope(
  sink: IssueSink,
  envelope: EnvelopeInput | undefined,
  from: string | undefined,
  recipients: readonly string[],
  limits: Pick<EffectiveLimits, 'maxRecipients'>,
): void {
  if (envelope === undefined) return;
  if (envelope.from !== undefined && envelope.from !== false) {
    if (from === undefined || bare(envelope.from) !== from.toLowerCase()) {
      sink.add(
        'invalid_address',
        ['envelope', 'from'],
        'R4',
        'envelope.from must be the from address: the service sends as the authenticated sender (R4)',
      );
    }
  }
  // More addresses than the service takes cannot be the header recipients, which are capped too (R8).
  const max = limits.maxRecipients * 3;
  const lists = [bareList(envelope.to, max), bareList(envelope.cc, max), bareList(envelope.bcc, max)];
  const given = lists.every((list) => list !== undefined) ? lists.flat() : undefined;
  if (
    given === undefined ||
    !sameSet(
      given as string[],
      recipients.map((address) => address.toLowerCase()),
    )
  ) {
    sink.add(
      'bcc_unsupported',
      ['envelope', 'to'],
      'R9',
      'envelope.to must list exactly the header recipients: envelope-only recipients are Bcc, which the service does not support (R9)',
    );
  }
}

/** The issues of a custom envelope (any value) against a message's sender and recipients (raw messages, R4, R9). */
export function envelopeIssues(
  envelope: unknown,
  from: string | undefined,
  recipients: readonly string[],
  limits: Pick<EffectiveLimits, 'maxRecipients'>,
): MailIssue[] {
  const sink = createIssueSink();
  if (envelope === undefined || envelope === null) return [];
  const parsed = envelopeInputSchema.safeParse(envelope);
  if (!parsed.success) {
    sink.add('invalid_type', ['envelope'], 'R9', 'envelope: expected { from, to } with addresses');
    return sink.issues;
  }
  checkEnvelope(sink, parsed.data, from, recipients, limits);
  return sink.issues;
}
