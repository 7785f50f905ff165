import { describe, expectTypeOf, it } from 'vitest';
import {
  createEventCallbackHandler,
  type EventCallbackResponse,
  parseSesEvent,
  parseSesEvents,
  type QcloudMailErrorCode,
  type SesBounceType,
  type SesEvent,
  type SesEventKind,
} from '../index.js';

describe('the delivery-event public types', () => {
  it('parses into SesEvent, with closed kinds and bounce types', () => {
    expectTypeOf(parseSesEvent).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(parseSesEvent).returns.toEqualTypeOf<SesEvent>();
    expectTypeOf(parseSesEvents).returns.toEqualTypeOf<SesEvent[]>();
    expectTypeOf<SesEvent['kind']>().toEqualTypeOf<SesEventKind>();
    expectTypeOf<SesEvent['bounceType']>().toEqualTypeOf<SesBounceType | undefined>();
    expectTypeOf<SesEvent['timestamp']>().toEqualTypeOf<Date>();
    expectTypeOf<SesEvent['extra']>().toEqualTypeOf<Readonly<Record<string, unknown>>>();
    expectTypeOf<'INVALID_EVENT'>().toExtend<QcloudMailErrorCode>();
    // @ts-expect-error: kinds are a closed set; a new provider value reads as 'unknown'
    const kind: SesEventKind = 'complaint';
    void kind;
  });

  it('needs onEvents, and answers with the events and a promise of their handling', () => {
    const handle = createEventCallbackHandler({
      secret: 'x'.repeat(16),
      onEvents: (_events: readonly SesEvent[]) => {},
    });
    expectTypeOf(handle).returns.toEqualTypeOf<Promise<EventCallbackResponse>>();
    expectTypeOf<EventCallbackResponse['handled']>().toEqualTypeOf<Promise<void>>();
    // @ts-expect-error: onEvents is required
    createEventCallbackHandler({ secret: 'x'.repeat(16) });
  });
});
