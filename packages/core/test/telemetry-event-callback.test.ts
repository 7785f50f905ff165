// The delivery-event callback's telemetry (docs/telemetry.md): a span per callback request and the accepted events
// counted by kind (R28), read from the SDK's in-memory exporters.
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createEventCallbackHandler,
  type EventCallbackHandlerOptions,
  type EventCallbackRequest,
} from '../src/http/event-callback-handler.js';
import { MAIL_ATTRIBUTES as A, MAIL_METRIC_NAMES as M } from '../src/telemetry/index.js';
import { startTestSdk, type TestSdk } from '@qcloudmail/test-helpers/telemetry';

const SECRET = 'cb-secret-0123456789abcdef';
const EVENTS = [
  { event: 'delivered', email: 'a@example.com', timestamp: 1654064683 },
  { event: 'bounce', email: 'b@example.com', timestamp: 1654064684, bounceType: 'hard_bounce' },
  { event: 'bounce', email: 'c@example.com', timestamp: 1654064685, bounceType: 'soft_bounce' },
  { event: 'open', email: 'a@example.com', timestamp: 1654064686 },
];

const post = (body: unknown, token = SECRET): EventCallbackRequest => ({
  method: 'POST',
  url: `/events?token=${token}`,
  headers: { 'content-type': 'application/json' },
  body: { bytes: Buffer.from(JSON.stringify(body)) },
});

let sdk: TestSdk | undefined;
afterEach(async () => {
  await sdk?.shutdown();
  sdk = undefined;
});

function handler(extra: Partial<EventCallbackHandlerOptions> = {}) {
  sdk = startTestSdk();
  return createEventCallbackHandler({
    secret: SECRET,
    onEvents: () => undefined,
    telemetry: { tracerProvider: sdk.tracerProvider, meterProvider: sdk.meterProvider },
    ...extra,
  });
}

describe('telemetry of the event callback', () => {
  it('gives each accepted request a span and counts its events by kind and bounce type', async () => {
    const handle = handler();
    expect((await handle(post(EVENTS))).status).toBe(200);
    const [span, ...others] = sdk?.spans('qcloudmail.event_callback') ?? [];
    expect(others).toHaveLength(0);
    expect(span?.kind).toBe(SpanKind.INTERNAL);
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    expect(span?.attributes).toMatchObject({ [A.httpStatusCode]: 200, [A.eventCount]: 4 });
    expect(await sdk?.total(M.eventsReceived)).toBe(4);
    expect(await sdk?.total(M.eventsReceived, { [A.eventKind]: 'delivered' })).toBe(1);
    expect(await sdk?.total(M.eventsReceived, { [A.eventKind]: 'bounce', [A.bounceType]: 'hard' })).toBe(1);
    expect(await sdk?.total(M.eventsReceived, { [A.eventKind]: 'bounce', [A.bounceType]: 'soft' })).toBe(1);
    expect(await sdk?.total(M.eventsReceived, { [A.eventKind]: 'open' })).toBe(1);
    // The recipients are personal data: not on the span.
    expect(JSON.stringify(span?.attributes)).not.toContain('@example.com');
  });

  it('marks a refused request ERROR, counting no event', async () => {
    const handle = handler();
    expect((await handle(post(EVENTS, 'wrong-token-0123456789'))).status).toBe(401);
    expect((await handle(post([{ event: 'bounce' }]))).status).toBe(400);
    const [unauthorized, invalid] = sdk?.spans('qcloudmail.event_callback') ?? [];
    expect(unauthorized?.status.code).toBe(SpanStatusCode.ERROR);
    expect(unauthorized?.attributes).toMatchObject({
      [A.httpStatusCode]: 401,
      [A.errorType]: '401',
      [A.eventCount]: 0,
    });
    expect(invalid?.status.code).toBe(SpanStatusCode.ERROR);
    expect(invalid?.attributes).toMatchObject({ [A.httpStatusCode]: 400, [A.errorType]: 'INVALID_EVENT' });
    expect(await sdk?.points(M.eventsReceived)).toEqual([]);
  });

  it('records nothing with telemetry: false, and refuses a bad option when the handler is created', async () => {
    const handle = handler({ telemetry: false });
    expect((await handle(post(EVENTS))).status).toBe(200);
    expect(sdk?.spans()).toEqual([]);
    expect(await sdk?.points(M.eventsReceived)).toEqual([]);
    expect(() =>
      createEventCallbackHandler({
        secret: SECRET,
        onEvents: () => undefined,
        telemetry: { meterProvider: 1 } as never,
      }),
    ).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION', message: expect.stringContaining('telemetry.meterProvider') }),
    );
  });
});
