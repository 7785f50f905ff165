import { describe, expect, it } from 'vitest';
import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { collectOutcome, outcomeOf } from './collect-outcome.js';
import { QcloudMailPartialSendError } from './partial-failure.js';
import type { BuiltMessage } from './send-context.js';
import type { SendResult } from './types.js';

function result(id: string, to: string[], accepted: string[], rejected: string[] = [], attempts = 1): SendResult {
  return {
    messageId: `<${id}@example.org>`,
    envelope: { from: 'noreply@mail.example.com', to },
    accepted,
    rejected,
    response: `250 2.0.0 OK: queued ${id}`,
    attempts,
    size: 100,
    timings: { queuedMs: 0, buildMs: 0, transmitMs: 1, totalMs: 1 },
  };
}

function built(to: string[]): BuiltMessage {
  return { raw: '', messageId: '<x@example.org>', envelope: { from: 'noreply@mail.example.com', to }, size: 0 };
}

describe('outcomeOf', () => {
  it('is the single message itself, listed once, under the single policy', () => {
    const only = result('a', ['a@example.org'], ['a@example.org']);
    expect(outcomeOf([only])).toEqual({ ...only, messages: [only] });
  });

  it('takes the unions of accepted, rejected and envelope recipients, first seen first, and the most attempts', () => {
    const first = result('a', ['a@example.org', 'b@example.org'], ['a@example.org'], ['b@example.org']);
    const second = result('c', ['c@example.org', 'b@example.org'], ['c@example.org'], ['b@example.org'], 3);
    const outcome = outcomeOf([first, second]);
    expect(outcome.accepted).toEqual(['a@example.org', 'c@example.org']);
    expect(outcome.rejected).toEqual(['b@example.org']);
    expect(outcome.envelope.to).toEqual(['a@example.org', 'b@example.org', 'c@example.org']);
    expect(outcome.attempts).toBe(3);
    expect(outcome.messageId).toBe(first.messageId);
    expect(outcome.response).toBe(first.response);
    expect(outcome.messages).toEqual([first, second]);
  });
});

describe('collectOutcome', () => {
  const toError = (reason: unknown) =>
    reason instanceof QcloudMailError ? reason : new QcloudMailError({ code: 'UNKNOWN', message: String(reason) });

  it('throws the one failure of a single message as is', () => {
    const error = new QcloudMailError({ code: 'AUTH', message: 'no' });
    expect(() => collectOutcome([built(['a@example.org'])], [{ status: 'rejected', reason: error }], toError)).toThrow(
      error,
    );
  });

  it('throws a partial send error holding what went out and what did not, by position', () => {
    const sent = result('a', ['a@example.org'], ['a@example.org']);
    const error = new QcloudMailError({ code: 'TIMEOUT', retryable: true, message: 'slow' });
    let thrown: unknown;
    try {
      collectOutcome(
        [built(['a@example.org']), built(['b@example.org'])],
        [
          { status: 'fulfilled', value: sent },
          { status: 'rejected', reason: error },
        ],
        toError,
      );
    } catch (caught) {
      thrown = caught;
    }
    expect(thrown).toBeInstanceOf(QcloudMailPartialSendError);
    const partial = thrown as QcloudMailPartialSendError;
    expect(partial.sent).toEqual([sent]);
    expect(partial.failures).toEqual([{ index: 1, to: ['b@example.org'], error }]);
    expect(partial.retryable).toBe(false);
  });
});
