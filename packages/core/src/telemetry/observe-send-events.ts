import type { Attributes } from '@opentelemetry/api';
import type { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { errorAttributes, errorMetricAttributes } from './error-attributes.js';
import type { MailInstruments } from './instruments.js';
import { currentSend } from './send-scope.js';
import { MAIL_ATTRIBUTES as A, MAIL_SPAN_EVENTS } from './telemetry-names.js';

/** The client events telemetry reads: the part of `MailClientEvents` it needs. */
export interface ObservedSendEvents {
  sending: { messageId: string; attempt: number };
  sent: { messageId: string; result: { attempts: number } };
  failed: { messageId: string; error: QcloudMailError };
  retrying: { messageId: string; error: QcloudMailError; attempt: number; delayMs: number };
}

/** Where those events come from: the client's event hub. */
export interface SendEventSource {
  on<E extends keyof ObservedSendEvents>(event: E, listener: (payload: ObservedSendEvents[E]) => void): () => void;
}

/**
 * Subscribes to a client's events for the whole of its life: each attempt, retry and message end becomes an event
 * of the running send's span, and the counters count each message (sent, failed, outcome unknown, quota, retries).
 */
export function observeSendEvents(
  events: SendEventSource,
  instruments: () => MailInstruments,
  metricAttributes: Attributes,
): void {
  const instrumentsHere = () => currentSend(events)?.instruments ?? instruments();
  events.on('sending', ({ messageId, attempt }) => {
    const record = currentSend(events);
    record?.span.addEvent(MAIL_SPAN_EVENTS.attempt, {
      [A.messageId]: messageId,
      [A.attempt]: attempt,
      [A.rateLimitWaitMs]: record.slotWaitMs,
    });
  });
  events.on('retrying', ({ messageId, error, attempt, delayMs }) => {
    instrumentsHere().retries.add(1, { ...metricAttributes, ...errorMetricAttributes(error) });
    currentSend(events)?.span.addEvent(MAIL_SPAN_EVENTS.retry, {
      ...errorAttributes(error),
      [A.messageId]: messageId,
      [A.attempt]: attempt,
      [A.retryDelayMs]: delayMs,
    });
  });
  events.on('sent', ({ messageId, result }) => {
    const counters = instrumentsHere();
    counters.sent.add(1, metricAttributes);
    counters.quotaUsed.add(1, metricAttributes);
    currentSend(events)?.span.addEvent(MAIL_SPAN_EVENTS.messageSent, {
      [A.messageId]: messageId,
      [A.attempts]: result.attempts,
    });
  });
  events.on('failed', ({ messageId, error }) => {
    const counters = instrumentsHere();
    counters.failed.add(1, { ...metricAttributes, ...errorMetricAttributes(error) });
    if (error.code === 'OUTCOME_UNKNOWN') {
      // The final dot may have arrived: the service may have counted the message.
      counters.outcomeUnknown.add(1, metricAttributes);
      counters.quotaUsed.add(1, metricAttributes);
    }
    const record = currentSend(events);
    if (record === undefined) return;
    record.failedMessages += 1;
    record.span.addEvent(MAIL_SPAN_EVENTS.messageFailed, { ...errorAttributes(error), [A.messageId]: messageId });
  });
}
