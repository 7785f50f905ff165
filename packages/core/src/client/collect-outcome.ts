import type { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { QcloudMailPartialSendError, type SendFailure } from './partial-failure.js';
import type { BuiltMessage } from './send-context.js';
import type { SendOutcome, SendResult } from './types.js';

/**
 * The outcome of a send once each of its messages settled: every message sent, or the one failure of a single
 * message, or a `QcloudMailPartialSendError` holding both what went out and what did not.
 */
export function collectOutcome(
  built: readonly BuiltMessage[],
  settled: ReadonlyArray<PromiseSettledResult<SendResult>>,
  toError: (reason: unknown) => QcloudMailError,
): SendOutcome {
  const sent: SendResult[] = [];
  const failures: SendFailure[] = [];
  settled.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') sent.push(outcome.value);
    else failures.push({ index, to: built[index]?.envelope.to ?? [], error: toError(outcome.reason) });
  });
  if (failures.length > 0) {
    if (built.length === 1) throw failures[0]?.error;
    throw new QcloudMailPartialSendError(sent, failures);
  }
  return outcomeOf(sent);
}

function union(lists: ReadonlyArray<readonly string[]>): string[] {
  return [...new Set(lists.flat())];
}

/**
 * The one definition of a send's outcome over its messages (in plan order, at least one): `accepted`,
 * `rejected` and `envelope.to` are the unions over every message (first seen first, no repeats), `attempts` the
 * most any message needed, `messages` every message's own result; `messageId`, `response`, `size` and `timings`
 * are the first message's. Every door (client, HTTP handler, outbox, nodemailer transport) reports this as is.
 */
export function outcomeOf(messages: readonly SendResult[]): SendOutcome {
  const first = messages[0] as SendResult;
  return {
    ...first,
    envelope: { from: first.envelope.from, to: union(messages.map((message) => message.envelope.to)) },
    accepted: union(messages.map((message) => message.accepted)),
    rejected: union(messages.map((message) => message.rejected)),
    attempts: Math.max(...messages.map((message) => message.attempts)),
    messages: [...messages],
  };
}
