// The outbox workers' spans and metrics (docs/telemetry.md) against real Redis and the emulator: a consumer span per
// job, child of the context that enqueued it, with the client's send span inside it; jobs counted by outcome.
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { MAIL_ATTRIBUTES as A, MAIL_METRIC_NAMES as M, type MailClientOptions } from '@qcloudmail/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox, type OutboxOptions } from '../src/index.js';
import { outboxSuite, record, until } from './outbox-suite.js';
import { probeRedis, REDIS_URL } from './redis-available.js';
import { USER } from '@qcloudmail/test-helpers';
import { startTestSdk, type TestSdk } from '@qcloudmail/test-helpers/telemetry';

const available = await probeRedis();

function message(n: number) {
  return { from: USER, to: `traced${n}@example.org`, subject: `Traced ${n}`, text: `Body ${n}` };
}

describe.skipIf(!available)('outbox telemetry', () => {
  const suite = outboxSuite('outbox-telemetry');
  let sdk: TestSdk;
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });
  afterAll(() => {
    context.disable();
    propagation.disable();
  });
  afterEach(async () => {
    await sdk?.shutdown();
  });

  /** An outbox whose workers and client report to a fresh in-memory SDK. */
  function tracedOutbox(extra: Partial<OutboxOptions> = {}, client: Partial<MailClientOptions> = {}) {
    sdk = startTestSdk();
    const telemetry = { tracerProvider: sdk.tracerProvider, meterProvider: sdk.meterProvider };
    return suite.outbox({
      telemetry,
      client: suite.client({ telemetry, ...client }),
      ...extra,
    });
  }

  it('gives a job a CONSUMER span under the enqueuing span, with the send span inside it', async () => {
    const box = tracedOutbox();
    const seen = record(box);
    const parent = sdk.tracerProvider.getTracer('app').startSpan('POST /orders');
    await context.with(trace.setSpan(context.active(), parent), () => box.enqueue(message(1), { id: 'traced-1' }));
    parent.end();
    box.startWorker();
    await until(() => seen.sent.length === 1);
    await until(() => sdk.spans().some((span) => span.name.startsWith('process ')));
    const [job] = sdk.spans().filter((span) => span.name.startsWith('process '));
    expect(job?.kind).toBe(SpanKind.CONSUMER);
    expect(job?.spanContext().traceId).toBe(parent.spanContext().traceId);
    expect(job?.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(job?.attributes).toMatchObject({
      [A.messagingSystem]: 'bullmq',
      [A.messagingOperationType]: 'process',
      [A.messagingMessageId]: 'traced-1',
      [A.attempt]: 1,
      [A.outcome]: 'sent',
      [A.possibleDuplicate]: false,
      [A.messageId]: seen.sent[0]?.result.messageId,
    });
    const [send] = sdk.spans('qcloudmail.send');
    expect(send?.parentSpanContext?.spanId).toBe(job?.spanContext().spanId);
    expect(await sdk.total(M.outboxJobs, { [A.outcome]: 'sent' })).toBe(1);
    expect(await sdk.total(M.processDuration)).toBe(1);
  });

  it('marks a failed job ERROR with its error, counts retries and unknown outcomes apart', async () => {
    const box = tracedOutbox();
    const seen = record(box);
    suite.emulator.faults.add({ type: 'provider-error', code: 'FailedOperation.EmailAddrInBlacklist' });
    await box.enqueue(message(2), { id: 'traced-2' });
    box.startWorker();
    await until(() => seen.failed.length === 1);
    suite.emulator.faults.add({ type: 'drop-before-data' });
    await box.enqueue(message(3), { id: 'traced-3' });
    await until(() => seen.sent.length === 1);
    suite.emulator.faults.add({ type: 'drop-after-data' });
    await box.enqueue(message(4), { id: 'traced-4' });
    await until(() => seen.unknown.length === 1);
    await until(async () => (await sdk.total(M.outboxJobs)) === 4);

    const jobs = sdk.spans().filter((span) => span.name.startsWith('process '));
    const byId = (id: string) => jobs.filter((span) => span.attributes[A.messagingMessageId] === id);
    const [failed] = byId('traced-2');
    expect(failed?.status.code).toBe(SpanStatusCode.ERROR);
    expect(failed?.attributes).toMatchObject({
      [A.outcome]: 'failed',
      [A.errorType]: 'PROVIDER',
      [A.providerCode]: 'FailedOperation.EmailAddrInBlacklist',
    });
    expect(byId('traced-3').map((span) => span.attributes[A.outcome])).toEqual(['retrying', 'sent']);
    expect(byId('traced-4')[0]?.attributes).toMatchObject({ [A.outcome]: 'unknown', [A.errorType]: 'OUTCOME_UNKNOWN' });
    expect(await sdk.total(M.outboxJobs, { [A.outcome]: 'failed', [A.errorCategory]: 'recipient' })).toBe(1);
    expect(await sdk.total(M.outboxJobs, { [A.outcome]: 'retrying' })).toBe(1);
    expect(await sdk.total(M.outboxJobs, { [A.outcome]: 'sent' })).toBe(1);
    expect(await sdk.total(M.outboxJobs, { [A.outcome]: 'unknown' })).toBe(1);
  });

  it('counts a job put back to wait for the shared rate limit as delayed, not failed (R6)', async () => {
    const box = tracedOutbox({}, { rateLimit: { perHourPerRecipient: 1 } });
    const seen = record(box);
    box.startWorker();
    await box.enqueue(message(6), { id: 'traced-6a' });
    await until(() => seen.sent.length === 1);
    await box.enqueue(message(6), { id: 'traced-6b' });
    await until(async () => (await box.getJob('traced-6b'))?.state === 'delayed');
    await until(async () => (await sdk.total(M.outboxJobs)) === 2);
    const [delayed] = sdk.spans().filter((span) => span.attributes[A.messagingMessageId] === 'traced-6b');
    expect(delayed?.attributes[A.outcome]).toBe('delayed');
    expect(delayed?.status.code).toBe(SpanStatusCode.UNSET);
    expect(await sdk.total(M.outboxJobs, { [A.outcome]: 'delayed' })).toBe(1);
    expect(seen.failed).toHaveLength(0);
  });

  it('records no job span with telemetry: false, while the client keeps its own', async () => {
    const box = tracedOutbox({ telemetry: false });
    const seen = record(box);
    await box.enqueue(message(5), { id: 'traced-5' });
    box.startWorker();
    await until(() => seen.sent.length === 1);
    expect(sdk.spans().filter((span) => span.name.startsWith('process '))).toHaveLength(0);
    expect(sdk.spans('qcloudmail.send')).toHaveLength(1);
  });

  it('refuses a bad telemetry option at createOutbox, naming it, before any connection opens', () => {
    expect(() => createOutbox({ connection: REDIS_URL, telemetry: { meterProvider: {} } as never })).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION', message: expect.stringContaining('telemetry.meterProvider') }),
    );
  });
});
