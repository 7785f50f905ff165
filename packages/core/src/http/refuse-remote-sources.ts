import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { MailIssue } from '../model/issues.js';

const REMOTE_SOURCE_KEYS = ['path', 'href'] as const;

/**
 * Refuses attachments that name a file path or a URL instead of carrying their bytes: a send route that
 * followed them would let any caller read the server's files or make it fetch from its network. The core
 * schema ignores unknown keys, so these are refused here, before the message reaches the client.
 */
export function refuseRemoteSources(body: unknown): QcloudMailError | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const attachments = (body as { attachments?: unknown }).attachments;
  if (!Array.isArray(attachments)) return undefined;
  const issues: MailIssue[] = [];
  attachments.forEach((attachment: unknown, index) => {
    if (typeof attachment !== 'object' || attachment === null) return;
    for (const key of REMOTE_SOURCE_KEYS) {
      if (Object.hasOwn(attachment, key)) {
        issues.push({
          code: 'invalid_type',
          path: ['attachments', index, key],
          rule: 'R13',
          message: `attachments[${index}].${key} is not accepted: send the file as base64 \`content\` with \`encoding: 'base64'\``,
        });
      }
    }
  });
  if (issues.length === 0) return undefined;
  return new QcloudMailError({
    code: 'VALIDATION',
    rule: 'R13',
    issues,
    message: 'Attachments must carry their content as base64; file paths and URLs are not accepted',
  });
}
