/** What the pool sizer needs to know of the client's limits. */
export interface PoolSizerOptions {
  /** Grants per `accountWindowMs` (R5). */
  perSecond: number;
  accountWindowMs: number;
  /** The fewest sends in flight, and the start before anything was measured. */
  min: number;
  /** The most sends in flight: `pool.maxConnections`. */
  max: number;
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

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * Creates the sizer. A grant keeps its slot for the window after its reply, so the account cannot go faster than
 * `perSecond` per (window + held time); to reach that rate, `rate x busy time` sends must be on the wire at once,
 * plus one waiting for its grant so that none is lost to the hand-over. Medians of the last few attempts, so
 * that a new connection's handshake (a slow first attempt) does not size the pool.
 */
export function createPoolSizer(options: PoolSizerOptions): PoolSizer {
  const busy: number[] = [];
  const held: number[] = [];
  const clamp = (value: number): number => Math.min(options.max, Math.max(options.min, value));
  return {
    record(sample) {
      busy.push(Math.max(0, sample.busyMs));
      held.push(Math.max(0, Math.min(sample.heldMs, sample.busyMs)));
      if (busy.length > SAMPLES) busy.shift();
      if (held.length > SAMPLES) held.shift();
    },
    target() {
      if (busy.length === 0) return clamp(options.min);
      const busyMs = median(busy);
      const perMs = options.perSecond / (options.accountWindowMs + median(held));
      return clamp(Math.ceil(perMs * busyMs) + 1);
    },
    reset() {
      busy.length = 0;
      held.length = 0;
    },
  };
}
