/**
 * A first-in-first-out gate of `size` slots. The client holds one slot per message on the wire, so that a
 * message starts the moment it gets its rate-limit grant (R5) instead of queueing inside the pool, where the
 * grant and the service's count would drift apart. The size follows the measured latency (`pool-sizer.ts`).
 */
export interface SlotGate {
  /** Waits for a free slot; rejects with `signal.reason` when `signal` aborts first. Returns the release. */
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** Slots taken. */
  busy(): number;
  /** Callers waiting for a slot. */
  waiting(): number;
  /** The number of slots. */
  size(): number;
  /** Changes the number of slots: more let waiting callers in at once; fewer take effect as slots are freed. */
  resize(size: number): void;
}

/** Creates a gate with `size` slots. */
export function createSlotGate(initialSize: number): SlotGate {
  let size = initialSize;
  let busy = 0;
  const queue: Array<{ grant: () => void }> = [];

  const releaser = (): (() => void) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The freed slot passes to the next in line, unless the gate shrank below what is taken.
      const next = busy <= size ? queue.shift() : undefined;
      if (next === undefined) busy -= 1;
      else next.grant();
    };
  };

  return {
    busy: () => busy,
    waiting: () => queue.length,
    size: () => size,
    resize(next) {
      size = Math.max(1, Math.floor(next));
      while (busy < size && queue.length > 0) {
        busy += 1;
        queue.shift()?.grant();
      }
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (busy < size) {
        busy += 1;
        return Promise.resolve(releaser());
      }
      return new Promise((resolve, reject) => {
        const entry = {
          grant: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve(releaser());
          },
        };
        const onAbort = (): void => {
          const index = queue.indexOf(entry);
          if (index !== -1) queue.splice(index, 1);
          reject(signal?.reason);
        };
        queue.push(entry);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
