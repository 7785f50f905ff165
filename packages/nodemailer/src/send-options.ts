import { type MailIssue, QcloudMailError, type SendOptions } from '@qcloudmail/core';

/**
 * The options of one send taken from nodemailer's `mail.data`: `signal` (nodemailer's own) and `ignoreSuppression`
 * (ours: send even to recipients on the client's suppression list, R30). Neither is part of the message.
 */
export function sendOptionsOf(
  data: Readonly<Record<string, unknown>>,
  signal: AbortSignal | undefined,
): SendOptions | undefined {
  const ignore = data.ignoreSuppression;
  if (ignore !== undefined && typeof ignore !== 'boolean') {
    const message = 'ignoreSuppression: give true to send to suppressed recipients (R30), or leave it out';
    const issue: MailIssue = { code: 'invalid_type', path: ['ignoreSuppression'], rule: 'R30', message };
    throw new QcloudMailError({ code: 'VALIDATION', rule: 'R30', message, issues: [issue] });
  }
  if (signal === undefined && ignore !== true) return undefined;
  return { ...(signal === undefined ? {} : { signal }), ...(ignore === true ? { ignoreSuppression: true } : {}) };
}
