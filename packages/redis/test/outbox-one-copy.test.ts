// One copy per job, or OUTCOME_UNKNOWN (R19), through the outbox: the cases of issue #17 (item 2) that once let a
// send lost after its final dot look like a retryable connection failure, so that BullMQ sent the message again.
import { CAPPED_NAME, FAR_TO, USER } from '@qcloudmail/test-helpers';
import { describe, expect, it } from 'vitest';
import { interruptedSendError } from '../src/outbox/job-errors.js';
import { outboxSuite, record, until } from './outbox-suite.js';
import { probeRedis } from './redis-available.js';

const available = await probeRedis();

describe("the outbox builds OUTCOME_UNKNOWN with core's one builder", () => {
  it('says the service may have accepted it, to check before sending again, and that it was not retried', () => {
    const error = interruptedSendError('job-1');
    expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN', rule: 'R19', retryable: false });
    expect(error.message).toBe(
      "The worker sending outbox job job-1 stopped before recording the outcome: the service may have accepted it (R19). Check the recipient's inbox or the delivery status (GetSendEmailStatus, R15) before sending it again; it was not retried automatically.",
    );
    expect(error.action).toContain("then resolve it with resolveUnknown('job-1', 'resend' or 'drop')");
  });
});

describe.skipIf(!available)('outbox: one copy, or OUTCOME_UNKNOWN (R19)', () => {
  const suite = outboxSuite('outbox-one-copy');
  const { outbox } = suite;

  it('a Message-ID beyond 64 KiB of headers, lost after the final dot: unknown, one attempt, one copy', async () => {
    const box = outbox();
    const seen = record(box);
    suite.emulator.faults.add({ type: 'drop-after-data' });
    // Display names at the validation cap (R23), CJK so that each encoded word is about four times its text: with
    // 50 recipients (R8) the Message-ID comes after the 64 KiB of headers the old wire tap scanned.
    await box.enqueue(
      { from: { name: CAPPED_NAME, address: USER }, to: FAR_TO, subject: 'Far', text: 'Far down' },
      { id: 'far-message-id' },
    );
    box.startWorker();
    await until(() => seen.unknown.length === 1);
    expect(seen.unknown[0]?.error).toMatchObject({ code: 'OUTCOME_UNKNOWN', rule: 'R19', retryable: false });
    expect(seen.unknown[0]?.error.message).toContain('it was not retried automatically');
    expect(seen.retrying).toHaveLength(0);
    expect(await box.getJob('far-message-id')).toMatchObject({ state: 'unknown', attemptsMade: 1 });
    // Nothing comes after: the job is held, not retried.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(suite.emulator.messages).toHaveLength(1);
    expect(seen.retrying).toHaveLength(0);
  });

  it('two jobs in flight sharing a Message-ID are tracked apart: both unknown, one copy each', async () => {
    const box = outbox();
    const seen = record(box);
    suite.emulator.faults.add({ type: 'drop-after-data', count: 'always' });
    const shared = { from: USER, to: 'shared@example.org', subject: 'Shared', messageId: '<outbox-shared@x.org>' };
    await box.enqueue({ ...shared, text: 'first' }, { id: 'shared-a' });
    await box.enqueue({ ...shared, text: 'second' }, { id: 'shared-b' });
    box.startWorker({ concurrency: 2 });
    await until(() => seen.unknown.length === 2);
    expect(seen.unknown.map((event) => event.error.code)).toEqual(['OUTCOME_UNKNOWN', 'OUTCOME_UNKNOWN']);
    expect(await box.getJob('shared-a')).toMatchObject({ state: 'unknown', attemptsMade: 1 });
    expect(await box.getJob('shared-b')).toMatchObject({ state: 'unknown', attemptsMade: 1 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(suite.emulator.messages).toHaveLength(2);
    expect(seen.retrying).toHaveLength(0);
  });
});
