import {
  type Counter,
  createNoopMeter,
  type Histogram,
  type Meter,
  type MeterProvider,
  metrics,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { CORE_SCOPE, MAIL_METRIC_NAMES } from './telemetry-names.js';
import type { ResolvedTelemetry } from './types.js';

/** The client's metric instruments, created once per meter provider. */
export interface MailInstruments {
  sent: Counter;
  failed: Counter;
  outcomeUnknown: Counter;
  retries: Counter;
  rateLimitWait: Histogram;
  quotaUsed: Counter;
  sendDuration: Histogram;
  /** True when the provider records nothing (no SDK): a send then skips its telemetry's bookkeeping. */
  noop: boolean;
}

// The API's no-op meter is what the global provider gives until an SDK registers one.
const NoopMeter = createNoopMeter().constructor;

/** Bucket bounds in seconds for waits and sends: from a few milliseconds up to the 10 s default queue bound (R5). */
export const WAIT_BUCKETS_S = [0, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

function createInstruments(meter: Meter): MailInstruments {
  const noop = meter instanceof NoopMeter;
  const messages = (name: string, description: string): Counter =>
    meter.createCounter(name, { description, unit: '{message}' });
  const seconds = (name: string, description: string): Histogram =>
    meter.createHistogram(name, { description, unit: 's', advice: { explicitBucketBoundaries: WAIT_BUCKETS_S } });
  return {
    sent: messages(MAIL_METRIC_NAMES.sent, 'Messages the service accepted'),
    failed: messages(MAIL_METRIC_NAMES.failed, 'Messages that failed, by error type and category'),
    outcomeUnknown: messages(
      MAIL_METRIC_NAMES.outcomeUnknown,
      'Messages whose outcome is unknown: the service may have accepted them (R19)',
    ),
    retries: meter.createCounter(MAIL_METRIC_NAMES.retries, {
      description: 'Attempts that failed and were tried again',
      unit: '{retry}',
    }),
    rateLimitWait: seconds(
      MAIL_METRIC_NAMES.rateLimitWait,
      "Waits of an attempt for a connection slot and the account's rate-limit grant (R5)",
    ),
    quotaUsed: messages(
      MAIL_METRIC_NAMES.quotaUsed,
      "Messages the service may have counted against the account's quotas: accepted, or of unknown outcome",
    ),
    sendDuration: seconds(MAIL_METRIC_NAMES.sendDuration, 'One send, from the call to its outcome'),
    noop,
  };
}

// Instruments are made once per provider: the global one may change once (when the SDK starts after the client
// was created), and each change gets its own set.
const instrumentCache = new WeakMap<MeterProvider, MailInstruments>();
const tracerCache = new WeakMap<TracerProvider, Tracer>();

/** The instruments of the configured meter provider, or of the global one as it is now. */
export function instrumentsOf(telemetry: ResolvedTelemetry): MailInstruments {
  const provider = telemetry.meterProvider ?? metrics.getMeterProvider();
  let instruments = instrumentCache.get(provider);
  if (instruments === undefined) {
    instruments = createInstruments(provider.getMeter(CORE_SCOPE));
    instrumentCache.set(provider, instruments);
  }
  return instruments;
}

/** The tracer of the configured tracer provider, or of the global one (a proxy that follows a later SDK). */
export function tracerOf(telemetry: ResolvedTelemetry): Tracer {
  const provider = telemetry.tracerProvider ?? trace.getTracerProvider();
  let tracer = tracerCache.get(provider);
  if (tracer === undefined) {
    tracer = provider.getTracer(CORE_SCOPE);
    tracerCache.set(provider, tracer);
  }
  return tracer;
}
