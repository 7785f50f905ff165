import type { MailAttachmentInput } from '@qcloudmail/core';
import { type ContentPolicy, readContent } from './read-content.js';
import { refusal } from './refusal.js';

// Keys of a nodemailer attachment that describe a MIME part the service does not accept (R12).
const PART_KEYS = ['raw', 'headers'] as const;

function baseName(location: unknown): string | undefined {
  if (typeof location !== 'string' || /^data:/i.test(location)) return undefined;
  const name = location.split(/[/\\]/).pop()?.split('?')[0];
  return name === undefined || name === '' ? undefined : name;
}

function checkPart(attachment: Record<string, unknown>, index: number, attachDataUrls: boolean): void {
  for (const key of PART_KEYS) {
    const value = attachment[key];
    if (value === undefined || value === null || (key === 'headers' && Object.keys(value).length === 0)) continue;
    throw refusal({
      path: ['attachments', index, key],
      issue: 'header_unsupported',
      rule: 'R12',
      message: `custom attachment parts (${key}) are not supported: the service accepts only base64 attachment parts (R12)`,
    });
  }
  const transfer = attachment.contentTransferEncoding;
  if (transfer !== undefined && transfer !== null && String(transfer).toLowerCase() !== 'base64') {
    throw refusal({
      path: ['attachments', index, 'contentTransferEncoding'],
      issue: 'attachment_encoding_unsupported',
      rule: 'R12',
      message: 'attachments are always sent base64-encoded, the only encoding the service accepts (R12)',
    });
  }
  if (attachDataUrls && typeof attachment.cid === 'string') {
    throw refusal({
      path: ['attachDataUrls'],
      issue: 'content_id_unsupported',
      rule: 'R12',
      message:
        'turns data: images into inline attachments with a Content-ID, which the service does not support (R12); link the images by URL instead',
    });
  }
}

/**
 * Maps nodemailer's attachments to core's: content from strings (with `encoding`), bytes, streams, data: URIs,
 * and files when allowed, each read with the attachment size cap. `cid` and `contentDisposition` are passed on
 * for core to refuse (R12), so that the refusal is the same as for a direct client user.
 */
export async function mapAttachments(
  value: unknown,
  policy: ContentPolicy,
  maxAttachmentBytes: number,
  attachDataUrls: boolean,
): Promise<MailAttachmentInput[] | undefined> {
  if (value === undefined || value === null) return undefined;
  const list: unknown[] = Array.isArray(value) ? value : [value];
  const mapped: MailAttachmentInput[] = [];
  for (const [index, item] of list.entries()) {
    if (typeof item !== 'object' || item === null) {
      throw refusal({
        path: ['attachments', index],
        issue: 'invalid_type',
        rule: 'R12',
        message: 'expected an object such as { filename, content }',
      });
    }
    const attachment = item as Record<string, unknown>;
    checkPart(attachment, index, attachDataUrls);
    const slot = {
      path: ['attachments', index],
      maxBytes: maxAttachmentBytes,
      tooLarge: 'attachment_too_large',
      rule: 'R12',
    } as const;
    const content = await readContent(
      { content: attachment.content, path: attachment.path, href: attachment.href, encoding: attachment.encoding },
      slot,
      policy,
    );
    const filename =
      typeof attachment.filename === 'string' ? attachment.filename : baseName(attachment.path ?? attachment.href);
    mapped.push({
      content: content ?? '',
      ...(filename === undefined ? {} : { filename }),
      ...(typeof attachment.contentType === 'string' ? { contentType: attachment.contentType } : {}),
      ...(typeof attachment.cid === 'string' ? { cid: attachment.cid } : {}),
      ...(attachment.contentDisposition === undefined
        ? {}
        : { contentDisposition: attachment.contentDisposition as MailAttachmentInput['contentDisposition'] }),
    });
  }
  return mapped;
}
