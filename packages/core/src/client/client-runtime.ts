import { setMaxListeners } from 'node:events';
import { type Clock, systemClock } from '../rate-limit/clock.js';
import { createEventHub } from './event-hub.js';
import { openLimiter } from './open-limiter.js';
import { type AttemptSample, createPoolSizer } from './pool-sizer.js';
import { createPoolTransport } from './pool-transport.js';
import { resolveClientOptions } from './resolve-options.js';
import type { SenderDeps } from './send-context.js';
import { createSlotGate } from './slot-gate.js';
import type { MailClientEvents, MailClientOptions, MailLogRecord } from './types.js';

/** Everything a client's sends share: the pipeline's dependencies, the forced-close signal, the limiter's close. */
export interface ClientRuntime extends SenderDeps {
  /** Aborted when `close` gives up waiting: every running send then fails with `CLOSED` (or `OUTCOME_UNKNOWN`). */
  closing: AbortController;
  closeLimiter(): Promise<void>;
}

/** Resolves a client's options and opens what its sends share: the pool, the slot gate, the limiter, the events. */
export function createClientRuntime(clientOptions: MailClientOptions): ClientRuntime {
  const options = resolveClientOptions(clientOptions);
  const clock: Clock = clientOptions.clock ?? systemClock;
  const log = (record: MailLogRecord): void => {
    try {
      options.logger?.(record);
    } catch {
      // A failing logger must not fail a send.
    }
  };
  const rate = options.rateLimit;
  const counters = { sent: 0, failed: 0, retried: 0, inFlight: 0, queued: 0 };
  // With a limiter the sends in flight follow the measured latency and the quota (R5), bounded by
  // maxConnections. Without one no grant can drift from the service's count, so each connection gets a second
  // message queued in the pool: it starts the moment the first is answered, instead of after nodemailer's
  // per-message setup (measured in bench/client.bench.ts).
  const sizer =
    rate === false
      ? undefined
      : createPoolSizer({
          perSecond: rate.perSecond,
          accountWindowMs: rate.accountWindowMs,
          min: Math.min(2, options.pool.maxConnections),
          max: options.pool.maxConnections,
          now: () => clock.now(),
        });
  const gate = createSlotGate(sizer?.target() ?? options.pool.maxConnections * 2);
  const transport = createPoolTransport(options, log, {
    // A pool that idled long enough to close starts afresh: the latency may have changed meanwhile.
    onIdleClose: () => {
      if (sizer === undefined) return;
      sizer.reset();
      gate.resize(sizer.target());
    },
    waiting: () => counters.queued,
  });
  const recordAttempt =
    sizer === undefined
      ? undefined
      : (sample: AttemptSample): void => {
          sizer.record(sample);
          gate.resize(sizer.target());
        };
  const { limiter, close: closeLimiter } = openLimiter(options, clock);
  const events = createEventHub<MailClientEvents>((event, error) =>
    log({ level: 'error', message: `a ${event} listener threw`, data: { error: String(error) } }),
  );
  const closing = new AbortController();
  // Every running send listens to this signal; many at once are expected, not a leak.
  setMaxListeners(0, closing.signal);
  return {
    options,
    transport,
    gate,
    limiter,
    clock,
    events,
    counters,
    log,
    ...(recordAttempt === undefined ? {} : { recordAttempt }),
    closing,
    closeLimiter,
  };
}
