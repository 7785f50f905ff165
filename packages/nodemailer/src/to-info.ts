import type { SendOutcome } from '@qcloudmail/core';
import type { QcloudMailSentMessageInfo } from './types.js';

/**
 * `sendMail`'s info: core's outcome as it is (`outcomeOf`), which already covers every message of a split or
 * chunked send (unions of `accepted`, `rejected` and `envelope.to`, the most `attempts`, each in `messages`).
 */
export function toInfo(outcome: SendOutcome): QcloudMailSentMessageInfo {
  return { ...outcome };
}
