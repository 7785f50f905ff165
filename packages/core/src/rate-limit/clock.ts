import { QcloudMailError } from '../errors/qcloud-mail-error.js';

/** A source of time and waiting; injected so that limiter and retry tests never depend on real timing. */
export interface Clock {
  /** Milliseconds since the epoch (or any fixed origin). */
  now(): number;
  /** Resolves after `ms`, or rejects with `ABORTED` when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The error a cancelled wait rejects with. */
export function abortedError(signal: AbortSignal | undefined, what = 'The send was aborted'): QcloudMailError {
  return new QcloudMailError({ code: 'ABORTED', message: what, cause: signal?.reason });
}

/** The real clock: `Date.now` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortedError(signal));
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(abortedError(signal));
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

/**
 * A clock that only moves when told to, for tests: `advance(ms)` runs the sleeps that come due, in order.
 */
export interface ManualClock extends Clock {
  advance(ms: number): Promise<void>;
  /** Sleeps not yet due. */
  pending(): number;
}

/** Creates a `ManualClock` starting at `start`. */
export function createManualClock(start = 0): ManualClock {
  let time = start;
  let sequence = 0;
  const sleepers: Array<{ at: number; order: number; wake: () => void }> = [];
  const flush = async (): Promise<void> => {
    // A macrotask turn drains every pending continuation, so code woken by one sleep can schedule the next.
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  return {
    now: () => time,
    pending: () => sleepers.length,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(abortedError(signal));
          return;
        }
        const entry = { at: time + Math.max(0, ms), order: sequence++, wake: resolve };
        sleepers.push(entry);
        signal?.addEventListener(
          'abort',
          () => {
            const index = sleepers.indexOf(entry);
            if (index !== -1) sleepers.splice(index, 1);
            reject(abortedError(signal));
          },
          { once: true },
        );
      });
    },
    async advance(ms) {
      const target = time + ms;
      await flush();
      for (;;) {
        sleepers.sort((a, b) => a.at - b.at || a.order - b.order);
        const next = sleepers[0];
        if (next === undefined || next.at > target) break;
        sleepers.shift();
        time = next.at;
        next.wake();
        await flush();
      }
      time = target;
      await flush();
    },
  };
}
