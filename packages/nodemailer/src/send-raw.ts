import {
  type EffectiveLimits,
  type LimitOverrides,
  lintMime,
  type MailClient,
  QcloudMailError,
  type SendOutcome,
} from '@qcloudmail/core';
import { checkEnvelope, checkUnsupportedOptions } from './check-options.js';
import { type ContentPolicy, readContent } from './read-content.js';
import { refusal } from './refusal.js';

/**
 * Sends nodemailer's `raw` option (a message built elsewhere): reads it with the message size cap, lints it
 * against the service's rules (`lintMime`) and sends it only when clean, through the client's `sendRaw` (which also needs a Message-ID header, R21).
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
  const envelope = { from: lint.summary.from ?? '', to: [...lint.summary.to] };
  return client.sendRaw(raw, envelope, policy.signal === undefined ? undefined : { signal: policy.signal });
}
