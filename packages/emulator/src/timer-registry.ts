/** The real-time timers of one emulator (delays, latency), so that `close()` can end every one it started. */
export interface TimerRegistry {
  /** Resolves true after `ms`, or false at once when the registry is closed before then (or already). */
  wait(ms: number): Promise<boolean>;
  /** Runs `run` after `ms`; `onClose` instead if the registry closes first (at once when closed). Returns the cancel. */
  schedule(ms: number, run: () => void, onClose?: () => void): () => void;
  /** True once `close()` was called: callers then answer at once instead of waiting. */
  readonly closed: boolean;
  /** Clears every pending timer; pending waits resolve false, and later ones do too. */
  close(): void;
  /** How many timers are pending (for tests of `close()`). */
  readonly pending: number;
}

/** Creates an empty registry. Delays use real time, never the injectable clock of the rate limits. */
export function createTimerRegistry(): TimerRegistry {
  // Each pending timer with what runs if close() ends it early: a wait resolves false.
  const pending = new Map<NodeJS.Timeout, () => void>();
  let closed = false;
  const schedule = (ms: number, run: () => void, onCancel: () => void = () => {}): (() => void) => {
    if (closed) {
      onCancel();
      return () => {};
    }
    const timer = setTimeout(() => {
      pending.delete(timer);
      run();
    }, ms);
    pending.set(timer, onCancel);
    return () => {
      if (pending.delete(timer)) clearTimeout(timer);
    };
  };
  return {
    wait: (ms) =>
      new Promise((resolve) => {
        schedule(
          ms,
          () => resolve(true),
          () => resolve(false),
        );
      }),
    schedule,
    get closed() {
      return closed;
    },
    close() {
      closed = true;
      const cancels = [...pending];
      pending.clear();
      for (const [timer, onCancel] of cancels) {
        clearTimeout(timer);
        onCancel();
      }
    },
    get pending() {
      return pending.size;
    },
  };
}
