import { lookupErrorCode, parseSesReply, type SesReplyCategory } from '@qcloudmail/core';
import { isKnownErrorCode } from '@qcloudmail/core/internal';
import type { StoredMessage } from './types.js';

/** What a refusal means, read with core's reply parser and error catalog, for the inbox and the JSON API. */
export interface ReplyExplanation {
  /** The reply the service gives for this message (R16-R21). */
  reply: string;
  /** False when the client never saw the reply because a fault or the size limit broke the connection. */
  clientSawReply: boolean;
  smtpCode: number | null;
  /** A stable code: the lint issue code for R17 content errors, else the provider code or a reply code. */
  code: string;
  providerCode: string | null;
  requestId: string | null;
  /** The English meaning: the provider's message for R17 content errors, else the catalog's meaning. */
  meaningEn: string;
  /** The Chinese meaning from the provider's error list (empty when the list has none). */
  meaningZh: string;
  /** What the sender should do about it. */
  action: string;
  category: SesReplyCategory;
  retryable: boolean;
  retryAfterMs: number | null;
  rule: string | null;
}

/** Explains a refused message's reply; null for accepted messages. */
export function explainMessage(message: StoredMessage): ReplyExplanation | null {
  if (message.status !== 'refused') return null;
  const reply = message.reply ?? message.verdict.reply;
  const parsed = parseSesReply(reply);
  const known = parsed.providerCode !== null && isKnownErrorCode(parsed.providerCode);
  const entry = known && parsed.providerCode !== null ? lookupErrorCode(parsed.providerCode) : undefined;
  // R17 content errors all share the bare FailedOperation code, whose catalog meaning ("Operation failed.")
  // says less than the provider's own message.
  const meaningEn = parsed.issueCode === null && entry !== undefined ? entry.meaningEn : parsed.message;
  return {
    reply,
    clientSawReply: message.reply !== null,
    smtpCode: parsed.smtpCode,
    code: parsed.code,
    providerCode: parsed.providerCode,
    requestId: parsed.requestId,
    meaningEn,
    meaningZh: parsed.messageZh ?? entry?.meaningZh ?? '',
    action: parsed.action,
    category: parsed.category,
    retryable: parsed.retryable,
    retryAfterMs: parsed.retryAfterMs,
    rule: parsed.rule,
  };
}
