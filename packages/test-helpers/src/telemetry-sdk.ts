// The OpenTelemetry SDK with its in-memory exporters, for the telemetry tests: what a registered SDK would export.
import type { Attributes } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPointType,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** One data point of a counter or histogram, as exported. */
export interface Point {
  attributes: Attributes;
  /** A counter's sum, or a histogram's count. */
  value: number;
  /** A histogram's sum and max. */
  sum?: number;
  max?: number;
}

/** A tracer and a meter provider whose output the test reads. */
export interface TestSdk {
  tracerProvider: BasicTracerProvider;
  meterProvider: MeterProvider;
  spans(name?: string): ReadableSpan[];
  /** Collects now; the data points of metric `name` (none when it was never recorded). */
  points(name: string): Promise<Point[]>;
  /** The sum over data points of `name` whose attributes include `match`. */
  total(name: string, match?: Attributes): Promise<number>;
  shutdown(): Promise<void>;
}

/** Starts an SDK: every span kept in memory as it ends, metrics exported (cumulative) on demand. */
export function startTestSdk(): TestSdk {
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // Exported only when the test asks (forceFlush): an interval far beyond any test.
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });

  const points = async (name: string): Promise<Point[]> => {
    metricExporter.reset();
    await reader.forceFlush();
    const metrics = metricExporter
      .getMetrics()
      .flatMap((resource) => resource.scopeMetrics.flatMap((scope) => scope.metrics))
      .filter((metric) => metric.descriptor.name === name);
    return metrics.flatMap((metric) =>
      metric.dataPoints.map((point) => {
        if (metric.dataPointType === DataPointType.HISTOGRAM) {
          const histogram = point.value as { count: number; sum?: number; max?: number };
          return { attributes: point.attributes, value: histogram.count, sum: histogram.sum, max: histogram.max };
        }
        return { attributes: point.attributes, value: point.value as number };
      }),
    );
  };
  return {
    tracerProvider,
    meterProvider,
    spans: (name) => spanExporter.getFinishedSpans().filter((span) => name === undefined || span.name === name),
    points,
    async total(name, match = {}) {
      const matching = (await points(name)).filter((point) =>
        Object.entries(match).every(([key, value]) => point.attributes[key] === value),
      );
      return matching.reduce((sum, point) => sum + point.value, 0);
    },
    async shutdown() {
      await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
    },
  };
}
