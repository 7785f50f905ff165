/** What the pool sizer needs to know of the client's limits. */
export interface PoolSizerOptions {
  /** Grants per `accountWindowMs` (R5). */
  perSecond: number;
  accountWindowMs: number;
  /** The fewest sends in flight, and the start before anything was measured. */
  min: number;
  /** The most sends in flight: `pool.maxConnections`. */
  max: number;
  /** The client's clock, in milliseconds. */
  now: () => number;
}

/** One finished attempt, as the sizer sees it. */
export interface AttemptSample {
  /** From handing the message to the pool to its reply: how long it kept a connection. */
  busyMs: number;
  /** How long it held its account grant (R5) before its reply: all of `busyMs`, or from the final bytes on. */
  heldMs: number;
}

/** Sizes the slot gate from the measured reply latency and the quota. */
export interface PoolSizer {
  record(sample: AttemptSample): void;
  /** The sends to let in flight now. */
  target(): number;
  /** Forgets what was measured (after the pool closed for idleness: the next connections start afresh). */
  reset(): void;
}

const SAMPLES = 15;
/** The span over which this process's own rate is observed. */
const RATE_SPAN_MS = 2000;
/** How far past its observed rate the gate may grow at once: enough to find out whether more would go through. */
const GROWTH = 1.5;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * Creates the sizer. A grant keeps its slot for the window after its reply, so the account cannot go faster than
 * `perSecond` per (window + held time); to reach that rate, `rate x busy time` sends must be on the wire at once,
 * plus one waiting for its grant so that none is lost to the hand-over. Medians of the last few attempts, so
 * that a new connection's handshake (a slow first attempt) does not size the pool. The rate is also capped at
 * what this process was seen to reach, times `GROWTH`: processes sharing an account (a Redis store) each get a
 * share of it, and a gate sized for the whole would open connections that only wait for grants.
 */
export function createPoolSizer(options: PoolSizerOptions): PoolSizer {
  const busy: number[] = [];
  const held: number[] = [];
  const finished: number[] = [];
  let since: number | undefined;
  const observedPerMs = (): number => {
    const now = options.now();
    while (finished.length > 0 && (finished[0] ?? now) <= now - RATE_SPAN_MS) finished.shift();
    const span = Math.min(RATE_SPAN_MS, Math.max(250, now - (since ?? now)));
    return finished.length / span;
  };
  const clamp = (value: number): number => Math.min(options.max, Math.max(options.min, value));
  return {
    record(sample) {
      const now = options.now();
      since ??= now - sample.busyMs;
      finished.push(now);
      busy.push(Math.max(0, sample.busyMs));
      held.push(Math.max(0, Math.min(sample.heldMs, sample.busyMs)));
      if (busy.length > SAMPLES) busy.shift();
      if (held.length > SAMPLES) held.shift();
    },
    target() {
      if (busy.length === 0) return clamp(options.min);
      const busyMs = median(busy);
      const quota = options.perSecond / (options.accountWindowMs + median(held));
      const perMs = Math.min(quota, observedPerMs() * GROWTH);
      return clamp(Math.ceil(perMs * busyMs) + 1);
    },
    reset() {
      busy.length = 0;
      held.length = 0;
      finished.length = 0;
      since = undefined;
    },
  };
}
