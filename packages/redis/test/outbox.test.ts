import { type TemplateRenderer, templateError } from '@qcloudmail/core';
import { USER } from '@qcloudmail/test-helpers';
import { describe, expect, it } from 'vitest';
import { outboxSuite, record, until } from './outbox-suite.js';
import { probeRedis } from './redis-available.js';

const available = await probeRedis();

function message(n: number, extra: Record<string, unknown> = {}) {
  return { from: USER, to: `user${n}@example.org`, subject: `Outbox ${n}`, text: `Body ${n}`, ...extra };
}

describe.skipIf(!available)('createOutbox', () => {
  const suite = outboxSuite('outbox');
  const { outbox } = suite;

  it('refuses an invalid message at enqueue with VALIDATION, storing nothing', async () => {
    const box = outbox();
    await expect(box.enqueue({ from: USER, to: 'a@example.org', text: 'no subject' })).rejects.toMatchObject({
      name: 'QcloudMailError',
      code: 'VALIDATION',
      issues: [expect.objectContaining({ code: 'subject_required', path: ['subject'] })],
    });
    await expect(box.enqueue(message(1), { id: 'has:colon' })).rejects.toMatchObject({ code: 'CONFIGURATION' });
    expect(await box.counts()).toEqual({ waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0, unknown: 0 });
  });

  it('keeps one job for one id, and sends it once with its attachment bytes intact', async () => {
    const box = outbox();
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 255, 10, 13]);
    const attachments = [{ filename: 'data.bin', content: bytes }];
    expect(await box.enqueue(message(2, { attachments }), { id: 'order-2' })).toBe('order-2');
    expect(await box.enqueue(message(2, { subject: 'changed', attachments }), { id: 'order-2' })).toBe('order-2');
    expect((await box.counts()).waiting).toBe(1);
    const seen = record(box);
    box.startWorker();
    await until(() => seen.sent.length === 1);
    const job = await box.getJob('order-2');
    expect(job).toMatchObject({ state: 'completed', attemptsMade: 1 });
    expect(job?.result).toMatchObject({ response: expect.stringMatching(/^250/), possibleDuplicate: false });
    expect(suite.emulator.messages).toHaveLength(1);
    expect(suite.emulator.messages[0]?.parsed.subject).toBe('Outbox 2');
    expect(suite.emulator.messages[0]?.parsed.attachments[0]?.content.equals(bytes)).toBe(true);
  });

  it('renders a templated message at enqueue and stores it rendered; a template error reaches the caller', async () => {
    const templates: TemplateRenderer = {
      engine: 'own',
      render: ({ template, context }) => {
        if (context.order === undefined) {
          throw templateError({ template, engine: 'own', variable: 'order' }, { reason: 'missing variable' });
        }
        return { html: `<p>Order ${String(context.order)}</p>` };
      },
    };
    const box = outbox({ templates });
    const templated = { from: USER, to: 'tpl@example.org', subject: 'Your order', template: 'shipped' };
    await expect(box.enqueue(templated)).rejects.toMatchObject({ code: 'TEMPLATE', details: { variable: 'order' } });
    await expect(outbox().enqueue({ ...templated, context: { order: 7 } })).rejects.toMatchObject({
      code: 'TEMPLATE',
      category: 'configuration',
    });
    expect((await box.counts()).waiting).toBe(0);
    const id = await box.enqueue({ ...templated, context: { order: 7 } });
    const stored = await suite.redis.hget(suite.jobKey(box, id), 'data');
    expect(stored).toContain('<p>Order 7</p>');
    expect(stored).not.toContain('shipped');
    const seen = record(box);
    box.startWorker();
    await until(() => seen.sent.length === 1);
    expect(suite.emulator.messages[0]?.parsed).toMatchObject({ html: '<p>Order 7</p>', text: 'Order 7' });
  });

  it('fails a permanent provider error at once, with the parsed error kept on the job', async () => {
    const box = outbox();
    const seen = record(box);
    suite.emulator.faults.add({ type: 'provider-error', code: 'FailedOperation.EmailAddrInBlacklist' });
    await box.enqueue(message(3), { id: 'blocked' });
    box.startWorker();
    await until(() => seen.failed.length === 1);
    expect(seen.failed[0]?.error).toMatchObject({
      code: 'PROVIDER',
      providerCode: 'FailedOperation.EmailAddrInBlacklist',
    });
    expect(seen.retrying).toHaveLength(0);
    const job = await box.getJob('blocked');
    expect(job?.state).toBe('failed');
    expect(job?.attemptsMade).toBe(1);
    expect(job?.error).toMatchObject({ code: 'PROVIDER', providerCode: 'FailedOperation.EmailAddrInBlacklist' });
    expect(await box.counts()).toMatchObject({ failed: 1, unknown: 0, completed: 0 });
    expect(suite.emulator.messages).toHaveLength(0);
  });

  it('retries a retryable failure with backoff, then sends', async () => {
    const box = outbox();
    const seen = record(box);
    suite.emulator.faults.add({ type: 'provider-error', code: 'RequestLimitExceeded.SmtpRateLimit' });
    suite.emulator.faults.add({ type: 'reply', reply: '421 4.0.0 Internal server error' });
    await box.enqueue(message(4), { id: 'busy' });
    box.startWorker();
    await until(() => seen.sent.length === 1);
    expect(seen.retrying.map((event) => event.error.code)).toHaveLength(2);
    expect(seen.retrying[0]?.error.providerCode).toBe('RequestLimitExceeded.SmtpRateLimit');
    // The backoff never comes before the wait the failure asked for.
    for (const event of seen.retrying) expect(event.delayMs).toBeGreaterThanOrEqual(event.error.retryAfterMs ?? 0);
    expect(seen.sent[0]?.result.attempts).toBe(3);
    expect(await box.getJob('busy')).toMatchObject({ state: 'completed', attemptsMade: 3 });
    expect(suite.emulator.messages).toHaveLength(1);
  });

  it('stops after the last attempt when the failure persists', async () => {
    const box = outbox({ retry: { attempts: 2, baseDelayMs: 20, maxDelayMs: 50 } });
    const seen = record(box);
    suite.emulator.faults.add({ type: 'reply', reply: '421 4.0.0 Internal server error', count: 'always' });
    await box.enqueue(message(5), { id: 'always-busy' });
    box.startWorker();
    await until(() => seen.failed.length === 1);
    expect(seen.retrying).toHaveLength(1);
    expect(await box.getJob('always-busy')).toMatchObject({ state: 'failed', attemptsMade: 2 });
  });

  it('reports OUTCOME_UNKNOWN without retrying it, and lets it be resent on request (R19)', async () => {
    const box = outbox();
    const seen = record(box);
    suite.emulator.faults.add({ type: 'drop-after-data' });
    await box.enqueue(message(6), { id: 'lost-reply' });
    box.startWorker();
    await until(() => seen.unknown.length === 1);
    expect(seen.unknown[0]?.error).toMatchObject({ code: 'OUTCOME_UNKNOWN', rule: 'R19' });
    expect(seen.retrying).toHaveLength(0);
    expect(await box.counts()).toMatchObject({ failed: 0, unknown: 1 });
    const unknown = await box.listUnknown();
    expect(unknown.map((job) => [job.id, job.state, job.error?.code])).toEqual([
      ['lost-reply', 'unknown', 'OUTCOME_UNKNOWN'],
    ]);
    // The service took the message in: it arrived once, and nothing sent it again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(suite.emulator.messages).toHaveLength(1);
    await box.resolveUnknown('lost-reply', 'resend');
    await until(() => seen.sent.length === 1);
    expect(suite.emulator.messages).toHaveLength(2);
    expect(await box.counts()).toMatchObject({ unknown: 0, completed: 1 });
    await expect(box.resolveUnknown('lost-reply', 'drop')).rejects.toMatchObject({ code: 'CONFIGURATION' });
  });

  it('after a worker died mid-send, resends flagged possibleDuplicate, or holds it as unknown', async () => {
    const resend = outbox();
    const hold = outbox({ onInterruptedSend: 'hold' });
    const resendSeen = record(resend);
    const holdSeen = record(hold);
    await resend.enqueue(message(7), { id: 'cut-a' });
    await hold.enqueue(message(8), { id: 'cut-b' });
    // What a dying worker leaves behind: the marker of a send started in the current attempt.
    await suite.redis.hset(
      suite.jobKey(resend, 'cut-a'),
      'progress',
      JSON.stringify({ phase: 'sending', attempt: 0, startedAt: 1 }),
    );
    await suite.redis.hset(
      suite.jobKey(hold, 'cut-b'),
      'progress',
      JSON.stringify({ phase: 'sending', attempt: 0, startedAt: 1 }),
    );
    resend.startWorker();
    hold.startWorker();
    await until(() => resendSeen.sent.length === 1 && holdSeen.unknown.length === 1);
    expect(resendSeen.sent[0]?.result.possibleDuplicate).toBe(true);
    expect(holdSeen.unknown[0]?.error).toMatchObject({ code: 'OUTCOME_UNKNOWN', rule: 'R19' });
    expect(suite.emulator.messages.map((each) => each.parsed.subject)).toEqual(['Outbox 7']);
  });

  it('counts jobs by state and closes only after the job in progress is done', async () => {
    const box = outbox();
    const seen = record(box);
    suite.emulator.faults.add({ type: 'delay', ms: 400 });
    await box.enqueue(message(9), { id: 'slow' });
    await box.enqueue(message(10), { id: 'later', delayMs: 60_000 });
    expect(await box.counts()).toMatchObject({ waiting: 1, delayed: 1 });
    box.startWorker({ concurrency: 1 });
    await until(async () => (await box.counts()).active === 1);
    await box.close();
    expect(seen.sent.map((event) => event.id)).toEqual(['slow']);
    expect(suite.emulator.messages).toHaveLength(1);
  });
});
