import type { EffectiveLimits } from '../../limits/limits.js';
import type { MailIssue } from '../../model/issues.js';
import { checkAttachmentName } from '../../model/attachment-rules.js';
import { createIssueSink, quote } from '../../model/issue.js';
import type { LintSummary } from '../types.js';
import { scanBase64 } from './base64-scan.js';
import { decodeEncodedWords } from './decode-words.js';
import { headerValue, parseStructured } from './header-block.js';
import { leafParts, type MimePart } from './mime-tree.js';

const CONTENT_ID_HEADERS = ['Content-ID', 'Content-Location', 'Content-Base'];

/**
 * A leaf is an attachment when it says so (disposition `attachment`, or a file name) or is not text.
 * Text parts without a name are the body, whatever their disposition.
 */
function isAttachment(part: MimePart, root: MimePart): boolean {
  if (part === root) return false;
  const disposition = parseStructured(headerValue(part.block.headers, 'content-disposition'));
  if (disposition.value === 'attachment' || disposition.params.has('filename') || part.contentType.params.has('name')) {
    return true;
  }
  return part.typed && !part.contentType.value.startsWith('text/');
}

/** Decoded size of a body part, near enough for the 1 MiB body limit. */
function bodyBytes(raw: Buffer, part: MimePart): number {
  const encoding = headerValue(part.block.headers, 'content-transfer-encoding')?.toLowerCase();
  const length = part.bodyEnd - part.bodyStart;
  if (encoding === 'base64') return scanBase64(raw, part.bodyStart, part.bodyEnd).decodedBytes;
  if (encoding !== 'quoted-printable') return length;
  let escapes = 0;
  for (let at = raw.indexOf(61, part.bodyStart); at >= 0 && at < part.bodyEnd; at = raw.indexOf(61, at + 1)) escapes++;
  return length - escapes * 2;
}

function lintAttachment(
  raw: Buffer,
  part: MimePart,
  limits: EffectiveLimits,
  issues: MailIssue[],
): LintSummary['attachments'][number] {
  const headers = part.block.headers;
  const disposition = parseStructured(headerValue(headers, 'content-disposition'));
  const filename = decodeEncodedWords(disposition.params.get('filename') ?? part.contentType.params.get('name') ?? '');
  const encoding = headerValue(headers, 'content-transfer-encoding');
  const at = (header: string) => [...part.path, 'headers', header];
  if (encoding?.toLowerCase() !== 'base64') {
    issues.push({
      code: 'attachment_encoding_unsupported',
      path: at('Content-Transfer-Encoding'),
      rule: 'R12',
      message: `Attachment ${quote(filename)} has Content-Transfer-Encoding ${quote(encoding ?? '(none)')}; the service accepts only base64 (R12)`,
    });
  }
  if (disposition.value !== 'attachment') {
    issues.push({
      code: 'attachment_disposition_unsupported',
      path: at('Content-Disposition'),
      rule: 'R12',
      message: `Attachment ${quote(filename)} has disposition ${quote(disposition.value || '(none)')}; the service silently drops attachments that are not "attachment" (R12)`,
    });
  }
  const scan = scanBase64(raw, part.bodyStart, part.bodyEnd);
  if (encoding?.toLowerCase() === 'base64' && !scan.valid) {
    issues.push({
      code: 'attachment_base64_invalid',
      path: [...part.path, 'body'],
      rule: 'R13',
      message: `Attachment ${quote(filename)} is not valid base64: ${scan.problem} (R13)`,
    });
  }
  const size = encoding?.toLowerCase() === 'base64' ? scan.decodedBytes : part.bodyEnd - part.bodyStart;
  if (size > limits.maxAttachmentBytes) {
    issues.push({
      code: 'attachment_too_large',
      path: part.path,
      rule: 'SIZES',
      message: `Attachment ${quote(filename)} has ${size} bytes; at most ${limits.maxAttachmentBytes} (SIZES)`,
    });
  }
  // R22 lives in the model's rules, shared with validation.
  const nameIssues = createIssueSink();
  checkAttachmentName(nameIssues, filename, at('Content-Disposition'), limits);
  issues.push(...nameIssues.issues);
  return { filename, contentType: part.contentType.value || 'text/plain', size };
}

/** Checks the body and attachment parts: R10, R12, R13, R22 and the size limits. */
export function lintParts(raw: Buffer, root: MimePart, limits: EffectiveLimits, summary: LintSummary): MailIssue[] {
  const issues: MailIssue[] = [];
  const visit = (part: MimePart) => {
    for (const name of CONTENT_ID_HEADERS) {
      if (headerValue(part.block.headers, name) !== undefined) {
        issues.push({
          code: 'content_id_unsupported',
          path: [...part.path, 'headers', name],
          rule: 'R12',
          message: `${name} is not supported by the service (R12); inline images are not possible`,
        });
      }
    }
    if (part !== root) {
      for (const problem of part.block.syntax) {
        issues.push({
          code: 'header_syntax',
          path: [...part.path, 'headers'],
          rule: 'R11',
          message: `Line ${problem.line} of the part's headers: ${problem.problem} (R11)`,
        });
      }
    }
    part.children.forEach(visit);
  };
  visit(root);
  let bodySize = 0;
  let hasBody = false;
  for (const leaf of leafParts(root)) {
    if (isAttachment(leaf, root)) {
      summary.attachments.push(lintAttachment(raw, leaf, limits, issues));
      continue;
    }
    if (leaf.contentType.value.startsWith('multipart/')) continue;
    const bytes = bodyBytes(raw, leaf);
    bodySize += bytes;
    if (!hasBody && !decodesEmpty(raw, leaf, leaf === root)) hasBody = true;
  }
  if (!hasBody) {
    issues.push({
      code: 'body_required',
      path: ['body'],
      rule: 'R10',
      message: 'The message has no text or html body (msg.Body is null, R10)',
    });
  }
  if (bodySize > limits.maxBodyBytes) {
    issues.push({
      code: 'body_too_large',
      path: ['body'],
      rule: 'SIZES',
      message: `The body has about ${bodySize} bytes; at most ${limits.maxBodyBytes} without attachments (SIZES)`,
    });
  }
  const count = summary.attachments.length;
  if (count > limits.maxAttachments) {
    issues.push({
      code: 'too_many_attachments',
      path: ['attachments'],
      rule: 'SIZES',
      message: `${count} attachments; at most ${limits.maxAttachments} (SIZES)`,
    });
  }
  const total = summary.attachments.reduce((sum, attachment) => sum + attachment.size, 0);
  if (total > limits.maxTotalAttachmentBytes) {
    issues.push({
      code: 'attachments_too_large',
      path: ['attachments'],
      rule: 'SIZES',
      message: `Attachments total ${total} bytes; at most ${limits.maxTotalAttachmentBytes} (SIZES)`,
    });
  }
  return issues;
}

/**
 * Whether a body part decodes to nothing ("msg.Body is null", R10). A lone line break is content; the
 * soft breaks of quoted-printable and, for a single-part message, its final CRLF are not.
 */
function decodesEmpty(raw: Buffer, part: MimePart, root: boolean): boolean {
  let end = part.bodyEnd;
  if (root && raw[end - 1] === 10) end -= raw[end - 2] === 13 ? 2 : 1;
  const encoding = headerValue(part.block.headers, 'content-transfer-encoding')?.toLowerCase();
  if (encoding === 'base64') return scanBase64(raw, part.bodyStart, end).decodedBytes === 0;
  if (encoding !== 'quoted-printable') return end <= part.bodyStart;
  for (let i = part.bodyStart; i < end; i++) {
    if (raw[i] !== 61) return false;
    let next = i + 1;
    while (raw[next] === 32 || raw[next] === 9) next++;
    if (next < end && raw[next] === 13) next++;
    if (next < end && raw[next] !== 10) return false;
    i = next;
  }
  return true;
}
