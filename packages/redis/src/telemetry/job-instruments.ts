import { type Counter, type Histogram, type MeterProvider, metrics, type Tracer, trace } from '@opentelemetry/api';
import { MAIL_METRIC_NAMES } from '@qcloudmail/core';
import { type ResolvedTelemetry, WAIT_BUCKETS_S } from '@qcloudmail/core/internal';

/** The instrumentation scope of the outbox's tracer and meter. */
export const REDIS_SCOPE = '@qcloudmail/redis';

/** The outbox workers' instruments: jobs by outcome, and each job's processing time. */
export interface JobInstruments {
  jobs: Counter;
  processDuration: Histogram;
}

const instrumentCache = new WeakMap<MeterProvider, JobInstruments>();
const tracerCache = new WeakMap<object, Tracer>();

/** The instruments of the configured meter provider, or of the global one as it is now (created once per provider). */
export function jobInstrumentsOf(telemetry: ResolvedTelemetry): JobInstruments {
  const provider = telemetry.meterProvider ?? metrics.getMeterProvider();
  let instruments = instrumentCache.get(provider);
  if (instruments === undefined) {
    const meter = provider.getMeter(REDIS_SCOPE);
    instruments = {
      jobs: meter.createCounter(MAIL_METRIC_NAMES.outboxJobs, {
        description: "Outbox jobs processed by this process's workers, by outcome",
        unit: '{job}',
      }),
      processDuration: meter.createHistogram(MAIL_METRIC_NAMES.processDuration, {
        description: 'Duration of processing one outbox job',
        unit: 's',
        advice: { explicitBucketBoundaries: WAIT_BUCKETS_S },
      }),
    };
    instrumentCache.set(provider, instruments);
  }
  return instruments;
}

/** The tracer of the configured tracer provider, or of the global one. */
export function jobTracerOf(telemetry: ResolvedTelemetry): Tracer {
  const provider = telemetry.tracerProvider ?? trace.getTracerProvider();
  let tracer = tracerCache.get(provider);
  if (tracer === undefined) {
    tracer = provider.getTracer(REDIS_SCOPE);
    tracerCache.set(provider, tracer);
  }
  return tracer;
}
