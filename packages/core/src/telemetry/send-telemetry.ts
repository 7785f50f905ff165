import { type Attributes, context, SpanKind, trace } from '@opentelemetry/api';
import type { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { toQcloudMailError } from '../reply/to-qcloud-mail-error.js';
import { errorMetricAttributes, recordSpanError } from './error-attributes.js';
import { instrumentsOf, tracerOf } from './instruments.js';
import { observeSendEvents, type SendEventSource } from './observe-send-events.js';
import { currentSend, runInSendScope, type SendRecord } from './send-scope.js';
import { MAIL_ATTRIBUTES as A, MAIL_SPAN_NAMES } from './telemetry-names.js';
import type { ResolvedTelemetry } from './types.js';

/** `message` for `send`, `raw` for `sendRaw`. */
export type SendKind = 'message' | 'raw';

/** What the span says of each message of a send, once built. */
export interface DescribedMessage {
  messageId: string;
  envelope: { to: readonly string[] };
  size: number;
}

/** A client's telemetry: a span around each send, and its messages described on it. */
export interface SendTelemetry {
  /** Runs one send under its span (SpanKind CLIENT), as the current send of the client's events and waits. */
  traced<T extends { attempts: number }>(kind: SendKind, run: () => Promise<T>): Promise<T>;
  /** Puts the built messages' ids, count, recipients and size on the current send's span; returns them. */
  described<M extends readonly DescribedMessage[]>(messages: M): M;
}

const OFF: SendTelemetry = { traced: (_kind, run) => run(), described: (messages) => messages };

function outcomeOfFailure(error: QcloudMailError): string {
  if ('failures' in error && Array.isArray(error.failures)) return 'partial';
  return error.code === 'OUTCOME_UNKNOWN' ? 'unknown' : 'failed';
}

/**
 * Opens a client's telemetry (docs/telemetry.md): subscribes to its events for the attempts, retries and per-message
 * counts, and returns the wrapper of each send. With `false`, the wrapper runs the send as it is.
 */
export function openSendTelemetry(
  telemetry: ResolvedTelemetry | false,
  endpoint: { host: string; port: number },
  events: SendEventSource,
): SendTelemetry {
  if (telemetry === false) return OFF;
  const metricAttributes: Attributes = { [A.serverAddress]: endpoint.host };
  const spanAttributes: Attributes = {
    [A.serverAddress]: endpoint.host,
    [A.serverPort]: endpoint.port,
    [A.protocol]: 'smtp',
  };
  observeSendEvents(events, () => instrumentsOf(telemetry), metricAttributes);
  return {
    traced(kind, run) {
      const parent = context.active();
      const span = tracerOf(telemetry).startSpan(
        MAIL_SPAN_NAMES.send,
        { kind: SpanKind.CLIENT, attributes: { ...spanAttributes, [A.sendKind]: kind } },
        parent,
      );
      const instruments = instrumentsOf(telemetry);
      // No SDK: nothing would be recorded, so the send runs without a scope (AsyncLocalStorage costs every await).
      if (!span.isRecording() && instruments.noop) {
        span.end();
        return run();
      }
      const record: SendRecord = {
        owner: events,
        span,
        instruments,
        metricAttributes,
        recordRecipients: telemetry.recordRecipients,
        waitedMs: 0,
        slotWaitMs: 0,
        failedMessages: 0,
      };
      const started = performance.now();
      const finish = (outcome: string, error?: QcloudMailError): void => {
        span.setAttributes({ [A.outcome]: outcome, [A.rateLimitWaitMs]: record.waitedMs });
        record.instruments.sendDuration.record((performance.now() - started) / 1000, {
          ...metricAttributes,
          [A.outcome]: outcome,
          ...(error === undefined ? {} : { [A.errorType]: error.code }),
        });
        span.end();
      };
      return runInSendScope(record, () => context.with(trace.setSpan(parent, span), run)).then(
        (result) => {
          span.setAttribute(A.attempts, result.attempts);
          finish('sent');
          return result;
        },
        (thrown: unknown) => {
          const error = toQcloudMailError(thrown);
          // Refused before any message was tried (validation, a closed client): no `failed` event counted it.
          if (record.failedMessages === 0) {
            record.instruments.failed.add(1, { ...metricAttributes, ...errorMetricAttributes(error) });
          }
          recordSpanError(span, error, telemetry.recordRecipients);
          finish(outcomeOfFailure(error), error);
          throw thrown;
        },
      );
    },
    described(messages) {
      const record = currentSend(events);
      const first = messages[0];
      if (record === undefined || first === undefined) return messages;
      let recipients = 0;
      let size = 0;
      for (const message of messages) {
        recipients += message.envelope.to.length;
        size += message.size;
      }
      record.span.setAttributes({
        [A.messageId]: first.messageId,
        [A.messageCount]: messages.length,
        [A.recipientCount]: recipients,
        [A.size]: size,
      });
      if (record.recordRecipients) {
        record.span.setAttribute(A.recipients, [...new Set(messages.flatMap((message) => message.envelope.to))]);
      }
      return messages;
    },
  };
}
