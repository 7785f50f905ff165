/**
 * A first-in-first-out gate of `size` slots. The client holds one slot per message on the wire, as many as
 * pooled connections, so that a message starts the moment it gets its rate-limit grant (R5) instead of
 * queueing inside the pool, where the grant and the service's count would drift apart.
 */
export interface SlotGate {
  /** Waits for a free slot; rejects with `signal.reason` when `signal` aborts first. Returns the release. */
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** Slots taken. */
  busy(): number;
  /** Callers waiting for a slot. */
  waiting(): number;
}

/** Creates a gate with `size` slots. */
export function createSlotGate(size: number): SlotGate {
  let busy = 0;
  const queue: Array<{ grant: () => void }> = [];

  const releaser = (): (() => void) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queue.shift();
      if (next === undefined) busy -= 1;
      else next.grant();
    };
  };

  return {
    busy: () => busy,
    waiting: () => queue.length,
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
