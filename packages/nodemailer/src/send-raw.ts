import {
  type EffectiveLimits,
  type LimitOverrides,
  lintMime,
  type MailClient,
  QcloudMailError,
  type SendOptions,
  type SendOutcome,
} from '@qcloudmail/core';
import { checkEnvelope, checkUnsupportedOptions } from './check-options.js';
import { type ContentPolicy, readContent } from './read-content.js';
import { refusal } from './refusal.js';

/** The raw-send method a client may offer: the bytes as they go on the wire, and their envelope. */
export type RawSender = (
  raw: Buffer,
  envelope: { from: string; to: string[] },
  options?: SendOptions,
) => Promise<SendOutcome>;

/** The client's `sendRaw`, when this version of core's client has one. */
export function rawSenderOf(client: MailClient): RawSender | undefined {
  const candidate: unknown = (client as MailClient & { sendRaw?: unknown }).sendRaw;
  return typeof candidate === 'function' ? (candidate as RawSender).bind(client) : undefined;
}

/**
 * Sends nodemailer's `raw` option (a message built elsewhere): reads it with the message size cap, lints it
 * against the service's rules (`lintMime`) and sends it only when clean, through the client's `sendRaw`.
 */
export async function sendRawMessage(
  client: MailClient,
  data: Readonly<Record<string, unknown>>,
  policy: ContentPolicy,
  limits: { overrides: LimitOverrides; effective: Pick<EffectiveLimits, 'maxMessageBytes'> },
): Promise<SendOutcome> {
  checkUnsupportedOptions({ dkim: data.dkim });
  const slot = {
    path: ['raw'],
    maxBytes: limits.effective.maxMessageBytes,
    tooLarge: 'message_too_large',
    rule: 'SIZES',
  } as const;
  const content = await readContent(data.raw, slot, policy);
  const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  if (raw === undefined || raw.length === 0) {
    throw refusal({ path: ['raw'], issue: 'body_required', rule: 'R10', message: 'is empty' });
  }
  const lint = lintMime(raw, { limits: limits.overrides });
  if (!lint.ok) {
    const first = lint.issues[0];
    throw new QcloudMailError({
      code: 'VALIDATION',
      ...(first === undefined ? {} : { rule: first.rule }),
      message: `raw: the message breaks ${lint.issues.length} rule(s) of the service; first: ${first?.message ?? 'unknown'}`,
      issues: lint.issues.map((issue) => ({ ...issue, path: ['raw', ...issue.path] })),
      nodemailerCode: 'EMESSAGE',
    });
  }
  const from = lint.summary.from === undefined ? [] : [lint.summary.from.toLowerCase()];
  const to = lint.summary.to.map((address) => address.toLowerCase());
  checkEnvelope(data.envelope, from, to);
  const sendRaw = rawSenderOf(client);
  if (sendRaw === undefined) {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      message:
        'raw: this version of the qcloudmail client cannot send raw messages (no sendRaw); pass the fields instead',
      action: 'Upgrade @qcloudmail/core, or send from, to, subject, text/html and attachments instead of raw.',
    });
  }
  const envelope = { from: lint.summary.from ?? '', to: [...lint.summary.to] };
  return sendRaw(raw, envelope, policy.signal === undefined ? undefined : { signal: policy.signal });
}
