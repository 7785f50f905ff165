import type { SendOutcome } from '@qcloudmail/core';
import type { QcloudMailSentMessageInfo } from './types.js';

function union(lists: ReadonlyArray<readonly string[]>): string[] {
  return [...new Set(lists.flat())];
}

/**
 * Builds `sendMail`'s info from the client's outcome. For a split or chunked send (several messages) the
 * top-level `accepted`, `rejected` and `envelope.to` cover all messages, as nodemailer's single message would,
 * and `attempts` is the most any message needed; `messages` keeps each message's own result.
 */
export function toInfo(outcome: SendOutcome): QcloudMailSentMessageInfo {
  const messages = outcome.messages.length > 0 ? outcome.messages : [outcome];
  return {
    ...outcome,
    envelope: { from: outcome.envelope.from, to: union(messages.map((message) => message.envelope.to)) },
    accepted: union(messages.map((message) => message.accepted)),
    rejected: union(messages.map((message) => message.rejected)),
    attempts: Math.max(...messages.map((message) => message.attempts)),
    messages,
  };
}
