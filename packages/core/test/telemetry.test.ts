// The client's OpenTelemetry spans and metrics (docs/telemetry.md), read from the SDK's in-memory exporters, against
// the emulator over real TLS.
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { message, recipient, recordingClock, rejection, storedById, USER } from '@qcloudmail/test-helpers';
import { MAIL_ATTRIBUTES as A, MAIL_METRIC_NAMES as M, MAIL_SPAN_EVENTS as E } from '../src/telemetry/index.js';
import type { MailClientOptions } from '../src/client/types.js';
import { type Harness, harness } from './helpers.js';
import { startTestSdk, type TestSdk } from '@qcloudmail/test-helpers/telemetry';

let current: { h: Harness; sdk: TestSdk } | undefined;
async function setup(overrides: Partial<MailClientOptions> = {}, recordRecipients = false) {
  const sdk = startTestSdk();
  const h = await harness({
    telemetry: { tracerProvider: sdk.tracerProvider, meterProvider: sdk.meterProvider, recordRecipients },
    ...overrides,
  });
  current = { h, sdk };
  return { h, sdk };
}
afterEach(async () => {
  await current?.h.close();
  await current?.sdk.shutdown();
  current = undefined;
});

function eventsNamed(span: ReadableSpan | undefined, name: string): TimedEvent[] {
  return (span?.events ?? []).filter((event) => event.name === name);
}

describe('telemetry of a send', () => {
  it('gives a successful send one CLIENT span with its message, size and server, and counts it sent', async () => {
    const { h, sdk } = await setup();
    const to = recipient();
    const outcome = await h.client.send(message(to));
    const [span, ...others] = sdk.spans('qcloudmail.send');
    expect(others).toHaveLength(0);
    expect(span?.kind).toBe(SpanKind.CLIENT);
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    expect(span?.attributes).toMatchObject({
      [A.serverAddress]: h.emulator.host,
      [A.serverPort]: h.emulator.port,
      [A.protocol]: 'smtp',
      [A.sendKind]: 'message',
      [A.messageId]: outcome.messageId,
      [A.messageCount]: 1,
      [A.recipientCount]: 1,
      [A.size]: outcome.size,
      [A.outcome]: 'sent',
      [A.attempts]: 1,
    });
    expect(eventsNamed(span, E.attempt)).toHaveLength(1);
    expect(eventsNamed(span, E.messageSent)).toHaveLength(1);
    // Addresses are personal data: none on the span unless recordRecipients allows it.
    expect(JSON.stringify([span?.attributes, span?.events])).not.toContain(to);
    expect(span?.attributes[A.recipients]).toBeUndefined();

    expect(await sdk.total(M.sent)).toBe(1);
    expect(await sdk.total(M.quotaUsed)).toBe(1);
    expect(await sdk.total(M.failed)).toBe(0);
    expect(await sdk.total(M.sendDuration, { [A.outcome]: 'sent' })).toBe(1);
    expect(await sdk.total(M.rateLimitWait, { [A.rateLimitStage]: 'slot' })).toBe(1);
  });

  it('marks a refused send failed: code, category, provider code, request id, exception; counted by category', async () => {
    const { h, sdk } = await setup({ retry: false });
    h.emulator.faults.add({ type: 'provider-error', code: 'FailedOperation.EmailAddrInBlacklist' });
    const error = await rejection(h.client.send(message()));
    const [span] = sdk.spans('qcloudmail.send');
    expect(span?.status).toMatchObject({ code: SpanStatusCode.ERROR });
    expect(span?.status.message).toMatch(/^PROVIDER: /);
    expect(span?.attributes).toMatchObject({
      [A.outcome]: 'failed',
      [A.errorType]: 'PROVIDER',
      [A.errorCode]: 'PROVIDER',
      [A.errorCategory]: 'recipient',
      [A.providerCode]: 'FailedOperation.EmailAddrInBlacklist',
      [A.requestId]: error.requestId,
      [A.responseCode]: 554,
      [A.retryable]: false,
    });
    expect(span?.attributes[A.requestId]).toBe(h.emulator.refused[0]?.verdict.requestId);
    const [exception] = eventsNamed(span, 'exception');
    expect(exception?.attributes?.['exception.type']).toBe('PROVIDER');
    expect(String(exception?.attributes?.['exception.message'])).toContain('FailedOperation.EmailAddrInBlacklist');
    expect(eventsNamed(span, E.messageFailed)).toHaveLength(1);

    expect(await sdk.total(M.failed, { [A.errorType]: 'PROVIDER', [A.errorCategory]: 'recipient' })).toBe(1);
    expect(await sdk.total(M.sent)).toBe(0);
    expect(await sdk.total(M.quotaUsed)).toBe(0);
    expect(await sdk.total(M.sendDuration, { [A.outcome]: 'failed', [A.errorType]: 'PROVIDER' })).toBe(1);
  });

  it('puts each attempt and the retry on the span, and counts the retry by its error', async () => {
    const { h, sdk } = await setup({ clock: recordingClock(), rateLimit: false });
    h.emulator.faults.add({ type: 'provider-error', code: 'RequestLimitExceeded.SmtpRateLimit' });
    const outcome = await h.client.send(message());
    expect(outcome.attempts).toBe(2);
    const [span] = sdk.spans('qcloudmail.send');
    expect(span?.attributes).toMatchObject({ [A.outcome]: 'sent', [A.attempts]: 2 });
    expect(eventsNamed(span, E.attempt).map((event) => event.attributes?.[A.attempt])).toEqual([1, 2]);
    const [retry, ...more] = eventsNamed(span, E.retry);
    expect(more).toHaveLength(0);
    expect(retry?.attributes).toMatchObject({
      [A.attempt]: 1,
      [A.errorType]: 'RATE_LIMIT',
      [A.providerCode]: 'RequestLimitExceeded.SmtpRateLimit',
      [A.retryDelayMs]: 1000,
    });
    expect(await sdk.total(M.retries, { [A.errorType]: 'RATE_LIMIT', [A.errorCategory]: 'rate_limit' })).toBe(1);
    expect(await sdk.total(M.sent)).toBe(1);
    expect(await sdk.total(M.failed)).toBe(0);
  });

  it('counts OUTCOME_UNKNOWN apart, and as quota the service may have used (R19)', async () => {
    const { h, sdk } = await setup();
    h.emulator.faults.add({ type: 'drop-after-data' });
    const error = await rejection(h.client.send(message()));
    expect(error.code).toBe('OUTCOME_UNKNOWN');
    const [span] = sdk.spans('qcloudmail.send');
    expect(span?.attributes).toMatchObject({ [A.outcome]: 'unknown', [A.errorType]: 'OUTCOME_UNKNOWN' });
    expect(storedById(h, String(span?.attributes[A.messageId]))).toMatchObject({ status: 'accepted', reply: null });
    expect(await sdk.total(M.outcomeUnknown)).toBe(1);
    expect(await sdk.total(M.quotaUsed)).toBe(1);
    expect(await sdk.total(M.failed, { [A.errorType]: 'OUTCOME_UNKNOWN' })).toBe(1);
    expect(await sdk.total(M.sent)).toBe(0);
  });

  it('records a refusal before the network once, without addresses in the recorded message', async () => {
    const { h, sdk } = await setup();
    // From other than the login: refused before connecting, and the error names the login address (R4).
    const error = await rejection(h.client.send(message(recipient(), { from: 'other@mail.example.com' })));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain(USER);
    const [span] = sdk.spans('qcloudmail.send');
    expect(span?.attributes).toMatchObject({ [A.outcome]: 'failed', [A.errorCategory]: 'validation', [A.rule]: 'R4' });
    const recorded = JSON.stringify([span?.status, span?.events]);
    expect(recorded).toContain('[address]');
    expect(recorded).not.toContain(USER);
    expect(recorded).not.toContain('other@mail.example.com');
    expect(await sdk.total(M.failed, { [A.errorType]: 'VALIDATION', [A.errorCategory]: 'validation' })).toBe(1);
    expect(h.emulator.stats.connections).toBe(0);
  });

  it('records the addresses when recordRecipients allows it', async () => {
    const { h, sdk } = await setup({}, true);
    const to = recipient();
    await h.client.send(message(to));
    await rejection(h.client.send(message(to, { from: 'other@mail.example.com' })));
    const [sent, refused] = sdk.spans('qcloudmail.send');
    expect(sent?.attributes[A.recipients]).toEqual([to]);
    expect(JSON.stringify(refused?.events)).toContain(USER);
  });

  it('records the wait of the last bytes for their grant apart under the data-end assumption (R5)', async () => {
    const { h, sdk } = await setup({ rateLimit: { countAt: 'data-end' } });
    await h.client.send(message(recipient()));
    expect(await sdk.total(M.rateLimitWait, { [A.rateLimitStage]: 'slot' })).toBe(1);
    expect(await sdk.total(M.rateLimitWait, { [A.rateLimitStage]: 'data_end' })).toBe(1);
  });

  it('describes a raw send as raw', async () => {
    const { h, sdk } = await setup();
    const raw = `From: ${USER}\r\nTo: raw@example.org\r\nSubject: Raw\r\nMessage-ID: <raw-1@mail.example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHello\r\n`;
    await h.client.sendRaw(raw);
    const [span] = sdk.spans('qcloudmail.send');
    expect(span?.attributes).toMatchObject({
      [A.sendKind]: 'raw',
      [A.messageId]: '<raw-1@mail.example.com>',
      [A.recipientCount]: 1,
      [A.outcome]: 'sent',
    });
  });
});
