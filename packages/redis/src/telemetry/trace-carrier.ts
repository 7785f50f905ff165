import { type Context, context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';

/** The trace context of the code that enqueued a job, as the registered propagator writes it (W3C `traceparent`). */
export type TraceCarrier = Record<string, string>;

const MAX_ENTRIES = 8;
const MAX_LENGTH = 512;

/**
 * The active trace context, to store with a job so that its worker's span joins the enqueuing trace: `{ trace }`,
 * or nothing when no propagator is registered or no span is active (no SDK: the job data is as before).
 */
export function traceCarrier(): { trace?: TraceCarrier } {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length === 0 ? {} : { trace: carrier };
}

/**
 * The context a job's span starts from: the one stored at enqueue, read back through the propagator, or the root.
 * Job data is stored in Redis, so only a few bounded string entries are read.
 */
export function enqueuedContext(stored: unknown): Context {
  if (typeof stored !== 'object' || stored === null) return ROOT_CONTEXT;
  const carrier: TraceCarrier = {};
  for (const [key, value] of Object.entries(stored).slice(0, MAX_ENTRIES)) {
    if (typeof value === 'string' && value.length <= MAX_LENGTH && key.length <= MAX_LENGTH) carrier[key] = value;
  }
  return propagation.extract(ROOT_CONTEXT, carrier);
}
