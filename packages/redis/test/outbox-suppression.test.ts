// The outbox's workers send through core's client, so its suppression list (R30) applies: split sends leave the
// suppressed recipients out and say so on the job; a job whose every recipient is suppressed fails at once.
import { USER } from '@qcloudmail/test-helpers';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisSuppressionList } from '../src/index.js';
import { outboxSuite, record, until } from './outbox-suite.js';
import { deleteKeys, probeRedis, REDIS_URL, uniquePrefix } from './redis-available.js';

const available = await probeRedis();

describe.skipIf(!available)('the outbox and the suppression list', () => {
  const suite = outboxSuite('outbox-suppression');

  const prefix = uniquePrefix('outbox-suppression-list');
  afterAll(async () => deleteKeys(suite.redis, prefix));

  const suppressedOutbox = () => {
    const suppression = createRedisSuppressionList({ redis: REDIS_URL, prefix });
    const box = suite.outbox({
      client: suite.client({ recipients: 'split', suppression }),
      validate: { recipients: 'split' },
    });
    return { box, suppression };
  };

  it('leaves suppressed recipients out of a split job and lists them on its result', async () => {
    const { box, suppression } = suppressedOutbox();
    await suppression.add({ address: 'bounced@example.org', reason: 'hard_bounce' });
    const seen = record(box);
    await box.enqueue(
      { from: USER, to: ['ok@example.org', 'Bounced@example.org'], subject: 'S', text: 'T' },
      { id: 'split-1' },
    );
    box.startWorker();
    await until(() => seen.sent.length === 1);
    expect(seen.sent[0]?.result).toMatchObject({
      accepted: ['ok@example.org'],
      suppressed: [{ address: 'bounced@example.org', reason: 'hard_bounce' }],
    });
    expect(suite.emulator.messages).toHaveLength(1);
    await suppression.close();
  });

  it('fails a job whose every recipient is suppressed at once, with SUPPRESSED and nothing sent', async () => {
    const { box, suppression } = suppressedOutbox();
    await suppression.add({ address: 'gone@example.org', reason: 'unsubscribe' });
    const seen = record(box);
    await box.enqueue({ from: USER, to: 'gone@example.org', subject: 'S', text: 'T' }, { id: 'all-suppressed' });
    box.startWorker();
    await until(() => seen.failed.length === 1);
    expect(seen.failed[0]?.error).toMatchObject({ code: 'SUPPRESSED', rule: 'R30', retryable: false });
    expect(seen.retrying).toHaveLength(0);
    expect((await box.getJob('all-suppressed'))?.attemptsMade).toBe(1);
    expect(suite.emulator.messages).toHaveLength(0);
    await suppression.close();
  });
});
