// Telemetry through the global OpenTelemetry API: a no-op without an SDK, followed when the SDK registers later,
// parent spans from the application's context, `telemetry: false`, and the checks of the option.
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { context, metrics, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { message, recipient, rejection } from '@qcloudmail/test-helpers';
import { createMailClient } from '../src/client/create-mail-client.js';
import type { MailClientOptions } from '../src/client/types.js';
import { MAIL_ATTRIBUTES as A, MAIL_METRIC_NAMES as M, MAIL_SPAN_EVENTS as E } from '../src/telemetry/index.js';
import { type Harness, harness } from './helpers.js';
import { startTestSdk, type TestSdk } from '@qcloudmail/test-helpers/telemetry';

let h: Harness | undefined;
let sdk: TestSdk | undefined;
afterEach(async () => {
  await h?.close();
  await sdk?.shutdown();
  h = undefined;
  sdk = undefined;
  trace.disable();
  metrics.disable();
  context.disable();
});

function registerGlobally(): TestSdk {
  sdk = startTestSdk();
  trace.setGlobalTracerProvider(sdk.tracerProvider);
  metrics.setGlobalMeterProvider(sdk.meterProvider);
  return sdk;
}

describe('telemetry through the global API', () => {
  it('sends as usual with no SDK registered, and follows an SDK registered after the client was made', async () => {
    h = await harness();
    // No SDK: the API's no-op tracer and meter; the send is unaffected.
    expect(trace.getTracerProvider().getTracer('probe').startSpan('probe').isRecording()).toBe(false);
    expect((await h.client.send(message(recipient()))).attempts).toBe(1);

    const registered = registerGlobally();
    const outcome = await h.client.send(message(recipient()));
    const spans = registered.spans('qcloudmail.send');
    // Only the send after the registration was recorded: the first went to the no-op.
    expect(spans.map((span) => span.attributes[A.messageId])).toEqual([outcome.messageId]);
    expect(await registered.total(M.sent)).toBe(1);
  });

  it('records nothing with telemetry: false, even with an SDK registered', async () => {
    const registered = registerGlobally();
    h = await harness({ telemetry: false, retry: false });
    await h.client.send(message(recipient()));
    h.emulator.faults.add({ type: 'provider-error', code: 'FailedOperation.EmailAddrInBlacklist' });
    await rejection(h.client.send(message(recipient())));
    expect(registered.spans()).toHaveLength(0);
    expect(await registered.points(M.sent)).toEqual([]);
    expect(await registered.points(M.failed)).toEqual([]);
    expect(await registered.points(M.rateLimitWait)).toEqual([]);
  });

  it("makes the send span a child of the application's active span", async () => {
    const registered = registerGlobally();
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    h = await harness();
    const tracer = trace.getTracer('app');
    const parent = tracer.startSpan('POST /orders');
    await context.with(trace.setSpan(context.active(), parent), () => h?.client.send(message(recipient())));
    parent.end();
    const [span] = registered.spans('qcloudmail.send');
    expect(span?.spanContext().traceId).toBe(parent.spanContext().traceId);
    expect(span?.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
  });

  it('keeps concurrent sends with one Message-ID apart: each span has its own attempt and wait', async () => {
    const registered = registerGlobally();
    h = await harness({ rateLimit: { perSecond: 1 } });
    const messageId = '<same-id@mail.example.com>';
    await Promise.all([
      h.client.send(message(recipient(), { messageId })),
      h.client.send(message(recipient(), { messageId })),
    ]);
    const spans = registered.spans('qcloudmail.send');
    expect(spans).toHaveLength(2);
    for (const span of spans) expect(span.events.filter((event) => event.name === E.attempt)).toHaveLength(1);
    // One a second (R5): the later send waited for the account's grant, the first did not.
    const waits = spans.map((span) => Number(span.attributes[A.rateLimitWaitMs])).sort((a, b) => a - b);
    expect(waits[0]).toBeLessThan(500);
    expect(waits[1]).toBeGreaterThanOrEqual(500);
    const [histogram] = await registered.points(M.rateLimitWait);
    expect(histogram).toMatchObject({ value: 2 });
    expect(histogram?.max).toBeGreaterThanOrEqual(0.5);
  });
});

describe('the telemetry option', () => {
  const base: MailClientOptions = { host: '127.0.0.1', port: 465, auth: { user: 'a@example.com', pass: 'p' } };
  it.each([
    [{ telemetry: true }, 'telemetry: expected false or an object'],
    [{ telemetry: { tracerProvider: {} } }, 'telemetry.tracerProvider: expected an OpenTelemetry TracerProvider'],
    [{ telemetry: { meterProvider: 'x' } }, 'telemetry.meterProvider: expected an OpenTelemetry MeterProvider'],
    [{ telemetry: { recordRecipients: 'yes' } }, 'telemetry.recordRecipients: expected a boolean'],
    [{ telemetry: { tracerprovider: {} } }, 'telemetry.tracerprovider: unknown'],
  ])('refuses %j, naming the field', (extra, expected) => {
    expect(() => createMailClient({ ...base, ...(extra as object) })).toThrow(expected);
    try {
      createMailClient({ ...base, ...(extra as object) });
    } catch (error) {
      expect(error).toMatchObject({ code: 'CONFIGURATION' });
    }
  });
});
