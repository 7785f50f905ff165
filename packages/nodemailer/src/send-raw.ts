import {
  type EffectiveLimits,
  type MailClient,
  type MailIssue,
  QcloudMailError,
  type RawEnvelope,
  type SendOptions,
  type SendOutcome,
} from '@qcloudmail/core';
import { type FilePolicy, resolveContent } from './resolve-content.js';
import type { TransportMail } from './types.js';

function refuse(issues: readonly MailIssue[], message: string): QcloudMailError {
  return new QcloudMailError({ code: 'VALIDATION', rule: issues[0]?.rule, message, issues });
}

// An address as nodemailer takes it (text or `{ name, address }`) as text; anything else is passed on for core to
// refuse by its field.
function addressOf(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'address' in value) return (value as { address: unknown }).address;
  return value;
}

function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(addressOf);
}

/**
 * nodemailer's custom envelope (`from`, and `to`, `cc`, `bcc`, each an address, a comma-separated text or a list)
 * in core's shape: as nodemailer parsed it into one recipient list (its RCPT TO), when the compiled message is at
 * hand; core checks it against the message (`sendRaw`, R4, R9). An envelope without a sender is given as an
 * empty one, which core refuses by name: the service sends only as the account's sender (R4).
 */
function envelopeOf(mail: TransportMail): RawEnvelope | undefined {
  const { envelope } = mail.data as { envelope?: unknown };
  if (envelope === undefined || envelope === null) return undefined;
  if (typeof envelope !== 'object' || Array.isArray(envelope)) {
    const message = 'envelope: expected { from, to } with addresses';
    throw refuse([{ code: 'invalid_type', path: ['envelope'], rule: 'R9', message }], message);
  }
  const parsed = mail.message?.getEnvelope();
  const given = envelope as Record<string, unknown>;
  const from = parsed === undefined ? addressOf(given.from) : parsed.from;
  const to = parsed?.to ?? [...listOf(given.to), ...listOf(given.cc), ...listOf(given.bcc)];
  return { from: (from === undefined || from === false ? '' : from) as string, to: to as string[] };
}

/**
 * Sends nodemailer's `raw` option (a message built elsewhere): reads it with the message size cap (a stream or
 * file is never held past it) and hands it to the client's `sendRaw`, the one lint of a raw message (R19, R21):
 * the refusals are core's, with core's issue paths, as at every other door. A custom envelope is passed on for
 * core to check against the message's sender and recipients (R4, R9).
 */
export async function sendRawMessage(
  client: MailClient,
  mail: TransportMail,
  files: FilePolicy,
  signal: AbortSignal | undefined,
  limits: Pick<EffectiveLimits, 'maxMessageBytes'>,
  sendOptions?: SendOptions,
): Promise<SendOutcome> {
  const data = mail.data as Readonly<Record<string, unknown>>;
  if (data.dkim !== undefined && data.dkim !== null && data.dkim !== false) {
    const message =
      'dkim: the service signs messages with DKIM for your verified domain itself; remove the dkim option';
    throw refuse([{ code: 'option_unsupported', path: ['dkim'], rule: 'HEADERS', message }], message);
  }
  const slot = {
    path: ['raw'],
    maxBytes: limits.maxMessageBytes,
    tooLarge: 'message_too_large',
    rule: 'SIZES',
    signal,
  } as const;
  const raw = await resolveContent(data.raw, slot, files);
  if (raw === undefined) {
    const message = 'raw: give the message as a string, bytes, a stream or an allowed file path';
    throw refuse([{ code: 'body_required', path: ['raw'], rule: 'R10', message }], message);
  }
  return client.sendRaw(raw, envelopeOf(mail), sendOptions);
}
