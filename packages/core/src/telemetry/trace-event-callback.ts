import {
  type Attributes,
  type Counter,
  type MeterProvider,
  metrics,
  SpanKind,
  SpanStatusCode,
} from '@opentelemetry/api';
import type { QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { SesEvent } from '../events/types.js';
import { recordSpanError } from './error-attributes.js';
import { tracerOf } from './instruments.js';
import { resolveTelemetryOptions } from './resolve-telemetry.js';
import { CORE_SCOPE, MAIL_ATTRIBUTES as A, MAIL_METRIC_NAMES, MAIL_SPAN_NAMES } from './telemetry-names.js';
import type { ResolvedTelemetry } from './types.js';

/** The part of a callback handler's answer its span reads. */
export interface TracedCallbackResponse {
  status: number;
  events: readonly SesEvent[];
  error?: QcloudMailError;
}

const counters = new WeakMap<MeterProvider, Counter>();

function eventsCounter(telemetry: ResolvedTelemetry): Counter {
  const provider = telemetry.meterProvider ?? metrics.getMeterProvider();
  let counter = counters.get(provider);
  if (counter === undefined) {
    counter = provider.getMeter(CORE_SCOPE).createCounter(MAIL_METRIC_NAMES.eventsReceived, {
      description: 'Delivery events accepted by the callback handler, by kind (R28)',
      unit: '{event}',
    });
    counters.set(provider, counter);
  }
  return counter;
}

function eventAttributes(event: SesEvent): Attributes {
  return event.bounceType === undefined
    ? { [A.eventKind]: event.kind }
    : { [A.eventKind]: event.kind, [A.bounceType]: event.bounceType };
}

/**
 * Wraps the delivery-event callback handler (R26) in a `qcloudmail.event_callback` span per request (status code,
 * event count, and the error of a refused one) and counts the events it accepted by kind. `option` is the
 * handler's `telemetry` (`MailTelemetryOptions`, or `false`: the handler as it is), checked here.
 */
export function traceEventCallback<Q, R extends TracedCallbackResponse>(
  option: unknown,
  handler: (request: Q) => Promise<R>,
): (request: Q) => Promise<R> {
  const telemetry = resolveTelemetryOptions(option, 'telemetry');
  if (telemetry === false) return handler;
  return async (request) => {
    const span = tracerOf(telemetry).startSpan(MAIL_SPAN_NAMES.eventCallback, { kind: SpanKind.INTERNAL });
    try {
      const response = await handler(request);
      span.setAttributes({ [A.httpStatusCode]: response.status, [A.eventCount]: response.events.length });
      if (response.error !== undefined) {
        recordSpanError(span, response.error, telemetry.recordRecipients);
      } else if (response.status >= 400) {
        // A refusal answered without a QcloudMailError (a wrong token, a wrong method): the status says it.
        span.setAttribute(A.errorType, String(response.status));
        span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${response.status}` });
      }
      const counter = eventsCounter(telemetry);
      for (const event of response.events) counter.add(1, eventAttributes(event));
      return response;
    } finally {
      span.end();
    }
  };
}
