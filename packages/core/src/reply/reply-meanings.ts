import { isKnownErrorCode, lookupErrorCode } from './error-catalog.js';
import type { ParsedSesReply } from './types.js';

/** A reply's meaning in both languages the service documents. */
export interface ReplyMeaning {
  en: string | null;
  zh: string | null;
}

// Replies without JSON (R15, R18, R21) and the R17 errors the gateway reports as plain FailedOperation have no
// entry in the provider's code list; their meanings are written here from the SPEC and the provider's document.
const MEANINGS: Readonly<Record<string, readonly [string, string]>> = {
  accepted: ['The service accepted the message for delivery (not yet delivered).', '邮件已被受理（尚未投递）。'],
  ok: ['The command succeeded.', '命令执行成功。'],
  continue: ['The service waits for more input.', '服务器等待后续输入。'],
  auth_failed: [
    'Authentication failed: wrong sender address or SMTP password.',
    '认证失败：发信地址或 SMTP 密码错误。',
  ],
  auth_required: ['The client sent mail before logging in.', '未认证即发信，请先登录。'],
  message_too_large: ['The message is larger than the service accepts.', '邮件大小超过服务上限。'],
  service_busy: ['The service is too busy right now.', '服务繁忙，请稍后重试。'],
  internal_error: ['The service failed internally.', '服务内部错误。'],
  service_unavailable: ['The service closed the session.', '服务暂不可用，连接已关闭。'],
  temporary_failure: ['A temporary failure of the service.', '服务暂时性故障。'],
  rejected: ['The service refused the command.', '服务拒绝了该命令。'],
  line_too_long: [
    'A line of the message is longer than the service reads (2000 characters).',
    '邮件中某行过长（超过 2000 字符）。',
  ],
  empty_reply: ['No reply text was received.', '未收到任何应答内容。'],
  connection_lost: [
    'The connection broke (EOF or broken pipe), often for a message that is too large.',
    '连接中断（EOF 或 broken pipe），常见于邮件过大。',
  ],
  timeout: ['The service did not answer in time.', '服务响应超时。'],
  connect_failed: ['No connection to the server could be made.', '无法连接到服务器。'],
  tls_failed: ['The TLS handshake failed.', 'TLS 握手失败。'],
  from_required: ['The message has no sender (From).', '发信人为空。'],
  subject_required: ['The message has no subject.', '邮件主题为空。'],
  body_required: ['The message has no body.', '邮件正文为空。'],
  attachment_encoding_unsupported: ['An attachment is not base64-encoded.', '附件编码必须为 base64。'],
  content_type_unsupported: [
    "The message's Content-Type is not one the service accepts.",
    '邮件的 Content-Type 不在允许范围内。',
  ],
  mime_version_unsupported: ['MIME-Version is not 1.0.', 'MIME-Version 必须为 1.0。'],
  body_too_large: ['The body is over 1 MB.', '邮件正文过大（超过 1 MB）。'],
  attachment_base64_invalid: ['An attachment is not valid base64.', '附件内容不是合法的 base64。'],
  attachments_too_large: ['The attachments are over the size limits.', '附件总大小或单个附件超过限制。'],
};

// The bare code says only "operation failed": the message, not the catalog, carries the meaning.
const GENERIC_CODES: ReadonlySet<string> = new Set(['FailedOperation']);

/** The English and Chinese meaning of a parsed reply: the provider's code list, else the table above. */
export function replyMeaning(reply: ParsedSesReply): ReplyMeaning {
  const local = MEANINGS[reply.code];
  if (reply.providerCode !== null && !GENERIC_CODES.has(reply.providerCode) && isKnownErrorCode(reply.providerCode)) {
    const entry = lookupErrorCode(reply.providerCode);
    return { en: entry.meaningEn || local?.[0] || null, zh: entry.meaningZh || reply.messageZh || local?.[1] || null };
  }
  return { en: local?.[0] ?? null, zh: reply.messageZh ?? local?.[1] ?? null };
}
