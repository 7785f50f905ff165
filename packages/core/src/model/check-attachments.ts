import { type EffectiveLimits, LIMITS } from '../limits/limits.js';
import { contentTypeProblem } from './attachment-content-type.js';
import { checkAttachmentName } from './attachment-rules.js';
import { checkInjection, formatPath, type IssuePath, type IssueSink } from './issue.js';
import type { MailAttachmentInput } from './message-schema.js';
import type { MailAttachment } from './message.js';

// The builder writes `Content-Type: <type>;` as one unfoldable piece, which must fit one line; checked before parsing.
const MAX_CONTENT_TYPE_LENGTH = LIMITS.maxLineOctets - 'Content-Type: ;'.length;

// Padding is optional, but a lone sixth bit group (length % 4 === 1) cannot be a whole byte.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const HEX = /^(?:[0-9A-Fa-f]{2})*$/;

function isBase64(text: string): boolean {
  const compact = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
  if (!BASE64.test(compact) || compact.length % 4 === 1) return false;
  return !compact.includes('=') || compact.length % 4 === 0;
}

/** The attachment's bytes, or undefined after reporting why its string content cannot be decoded (R13). */
function decode(sink: IssueSink, attachment: MailAttachmentInput, path: IssuePath): Buffer | undefined {
  const { content } = attachment;
  if (typeof content !== 'string') {
    return Buffer.isBuffer(content) ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  }
  const encoding = attachment.encoding ?? 'utf-8';
  if (encoding === 'base64' && !isBase64(content)) {
    sink.add(
      'attachment_base64_invalid',
      [...path, 'content'],
      'R13',
      `${formatPath(path)}: content is not valid base64 (encoding: 'base64'); give the bytes or valid base64 (R13)`,
    );
    return undefined;
  }
  if (encoding === 'hex' && !HEX.test(content)) {
    sink.add(
      'invalid_type',
      [...path, 'content'],
      'R13',
      `${formatPath(path)}: content is not valid hex (encoding: 'hex')`,
    );
    return undefined;
  }
  return Buffer.from(content, encoding);
}

function checkOne(sink: IssueSink, attachment: MailAttachmentInput, path: IssuePath, limits: EffectiveLimits) {
  checkAttachmentName(sink, attachment.filename, [...path, 'filename'], limits);
  if (attachment.cid !== undefined) {
    sink.add(
      'content_id_unsupported',
      [...path, 'cid'],
      'R12',
      `${formatPath(path)}: the service supports no Content-ID, so images cannot be embedded with cid: (R12); link them by https URL or attach them`,
    );
  }
  if (attachment.contentDisposition === 'inline') {
    sink.add(
      'content_id_unsupported',
      [...path, 'contentDisposition'],
      'R12',
      `${formatPath(path)}: the service only sends attachments with Content-Disposition: attachment, and silently drops inline parts (R12)`,
    );
  }
  const { contentType } = attachment;
  if (contentType !== undefined && !checkInjection(sink, contentType, [...path, 'contentType'], 'The content type')) {
    const problem =
      contentType.trim().length > MAX_CONTENT_TYPE_LENGTH
        ? `contentType has ${contentType.trim().length} characters; at most ${MAX_CONTENT_TYPE_LENGTH} fit the part's Content-Type line (RFC 5322: ${LIMITS.maxLineOctets} octets)`
        : contentTypeProblem(contentType.trim());
    if (problem !== undefined)
      sink.add('invalid_type', [...path, 'contentType'], 'R12', `${formatPath(path)}: ${problem}`);
  }
  const content = decode(sink, attachment, path);
  if (content !== undefined && content.length > limits.maxAttachmentBytes) {
    sink.add(
      'attachment_too_large',
      [...path, 'content'],
      'SIZES',
      `${formatPath(path)} is ${content.length} bytes; one attachment may be at most ${limits.maxAttachmentBytes} bytes (SIZES); send a link instead`,
    );
  }
  return content;
}

/** Checks the attachments (R12, R13, R22, SIZES) and returns their decoded form. */
export function checkAttachments(
  sink: IssueSink,
  attachments: ReadonlyArray<MailAttachmentInput | undefined> | undefined,
  limits: EffectiveLimits,
): MailAttachment[] {
  if (attachments === undefined) return [];
  // Counted before any is read: 250,000 attachments are one issue, not one each.
  if (attachments.length > limits.maxAttachments) {
    sink.add(
      'too_many_attachments',
      ['attachments'],
      'SIZES',
      `The message has ${attachments.length} attachments; the service allows at most ${limits.maxAttachments} (SIZES); zip them together`,
    );
    return [];
  }
  const result: MailAttachment[] = [];
  let total = 0;
  attachments.forEach((attachment, index) => {
    // An attachment that failed its schema was already reported as invalid_type.
    if (attachment === undefined) return;
    const content = checkOne(sink, attachment, ['attachments', index], limits);
    if (content === undefined) return;
    total += content.length;
    const out: MailAttachment = { filename: attachment.filename ?? '', content };
    if (attachment.contentType !== undefined) out.contentType = attachment.contentType.trim();
    result.push(out);
  });
  if (total > limits.maxTotalAttachmentBytes) {
    sink.add(
      'attachments_too_large',
      ['attachments'],
      'SIZES',
      `The attachments are ${total} bytes together; the service allows at most ${limits.maxTotalAttachmentBytes} (SIZES)`,
    );
  }
  return result;
}
