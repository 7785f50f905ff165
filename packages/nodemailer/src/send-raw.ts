import {
  type EffectiveLimits,
  type LimitOverrides,
  lintMime,
  type MailClient,
  type MailIssue,
  QcloudMailError,
  type SendOutcome,
} from '@qcloudmail/core';
import { envelopeIssues } from '@qcloudmail/core/internal';
import { type FilePolicy, resolveContent } from './resolve-content.js';

function refuse(issues: readonly MailIssue[], message: string): QcloudMailError {
  return new QcloudMailError({ code: 'VALIDATION', rule: issues[0]?.rule, message, issues });
}

/**
 * Sends nodemailer's `raw` option (a message built elsewhere): reads it with the message size cap, lints it
 * against the service's rules (`lintMime`) and sends it only when clean, through the client's `sendRaw` (which
 * also needs a Message-ID header, R21). A custom envelope must repeat the message's sender and recipients.
 */
export async function sendRawMessage(
  client: MailClient,
  data: Readonly<Record<string, unknown>>,
  files: FilePolicy,
  signal: AbortSignal | undefined,
  limits: { overrides: LimitOverrides; effective: Pick<EffectiveLimits, 'maxMessageBytes' | 'maxRecipients'> },
): Promise<SendOutcome> {
  if (data.dkim !== undefined && data.dkim !== null && data.dkim !== false) {
    const message =
      'dkim: the service signs messages with DKIM for your verified domain itself; remove the dkim option';
    throw refuse([{ code: 'option_unsupported', path: ['dkim'], rule: 'HEADERS', message }], message);
  }
  const slot = {
    path: ['raw'],
    maxBytes: limits.effective.maxMessageBytes,
    tooLarge: 'message_too_large',
    rule: 'SIZES',
    signal,
  } as const;
  const content = await resolveContent(data.raw, slot, files);
  const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  if (raw === undefined || raw.length === 0) {
    const message = 'raw: give the message as a string, bytes, a stream or an allowed file path';
    throw refuse([{ code: 'body_required', path: ['raw'], rule: 'R10', message }], message);
  }
  const lint = lintMime(raw, { limits: limits.overrides });
  if (!lint.ok) {
    const first = lint.issues[0];
    throw refuse(
      lint.issues.map((issue) => ({ ...issue, path: ['raw', ...issue.path] })),
      `raw: the message breaks ${lint.issues.length} rule(s) of the service; first: ${first?.message ?? 'unknown'}`,
    );
  }
  const envelope = envelopeIssues(data.envelope, lint.summary.from, lint.summary.to, limits.effective);
  if (envelope.length > 0) throw refuse(envelope, envelope.map((issue) => issue.message).join('; '));
  return client.sendRaw(
    raw,
    { from: lint.summary.from ?? '', to: [...lint.summary.to] },
    signal === undefined ? undefined : { signal },
  );
}
