import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { RateLimitStore } from './types.js';
import { abortedError, type Clock } from './clock.js';
import { ACCOUNT_WINDOW_MS } from './memory-store.js';
import { SlidingWindowLog } from './sliding-window.js';

/** Settings of the client-side limiter in front of a `RateLimitStore`. */
export interface RateLimiterOptions {
  store: RateLimitStore;
  /** The scope of the per-account limit (R5). */
  appId: string;
  perSecond: number;
  /** The interval in which at most `perSecond` sends may start; a little over 1000 absorbs network jitter. */
  accountWindowMs: number;
  perHourPerRecipient: number;
  recipientWindowMs: number;
  /** The longest a send waits for its turn and a grant before failing with `RATE_LIMIT`. */
  maxQueueMs: number;
  /**
   * The longest a granted send can stay in flight (the client's total timeout): a store that holds grants
   * (`finishAccount`) counts one as in flight for at most this long if its finish never comes (a dead process).
   * Default 120,000.
   */
  holdMs?: number;
  clock: Clock;
}

/** The per-recipient slots (R6) one message took. */
export interface RecipientGrant {
  /**
   * Gives the slots back: only for a message that never reached its final dot (it failed before, or never left
   * the queue), since the service cannot have counted it. Idempotent; a store failure is ignored (the slots then
   * expire with their hour).
   */
  release(): Promise<void>;
}

/** The limiter a client consults before each send. */
export interface RateLimiter {
  /** Records one message from `sender` to `recipients` (R6), or throws `RATE_LIMIT` at once with `retryAfterMs`. */
  acquireRecipients(sender: string, recipients: readonly string[]): Promise<RecipientGrant>;
  /**
   * Waits, first in first out, for a grant of the per-account limit (R5); throws `RATE_LIMIT` when none can come
   * within `maxQueueMs` of `queuedAt`, and `ABORTED` when `signal` aborts. Call the returned function when the
   * send has finished (either way).
   */
  acquireAccount(queuedAt: number, signal?: AbortSignal): Promise<() => void>;
  /** Sends waiting for a grant. */
  waiting(): number;
}

/** The error of a refused or timed-out grant. */
export function rateLimitError(rule: 'R5' | 'R6', retryAfterMs: number, detail: string): QcloudMailError {
  return new QcloudMailError({
    code: 'RATE_LIMIT',
    category: 'rate_limit',
    rule,
    retryable: true,
    retryAfterMs: Math.ceil(retryAfterMs),
    message: `${detail}; nothing was sent (retry after ${Math.ceil(retryAfterMs)} ms)`,
  });
}

/** Creates the limiter: a FIFO line in front of the store, so that waiting sends are served in order. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { store, clock } = options;
  let tail: Promise<void> = Promise.resolve();
  let waiting = 0;
  // The store counts sends when they start; the service counts them somewhere between start and reply (a new
  // connection can delay that by its handshake). Locally a send therefore also occupies the window from its
  // start until its reply: in flight it counts as now, once finished at its finishing time.
  const finished = new SlidingWindowLog();
  let inFlight = 0;
  const holdMs = options.holdMs ?? 120_000;
  const finish = (grant: string | undefined): (() => void) => {
    inFlight += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      inFlight -= 1;
      finished.record(clock.now());
      if (grant !== undefined && store.finishAccount !== undefined) {
        // Failing to finish leaves the grant held until its hold runs out: slower, never unsafe.
        store.finishAccount(options.appId, grant, options.accountWindowMs).catch(() => undefined);
      }
    };
  };
  const pollMs = Math.max(1, Math.ceil(options.accountWindowMs / options.perSecond / 4));

  const waitForTurn = async (previous: Promise<void>, deadline: number, signal?: AbortSignal): Promise<void> => {
    const timer = new AbortController();
    const onAbort = (): void => timer.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const expired = clock.sleep(deadline - clock.now(), timer.signal).then(
        () => 'expired' as const,
        () => 'cancelled' as const,
      );
      const outcome = await Promise.race([previous.then(() => 'turn' as const), expired]);
      if (signal?.aborted) throw abortedError(signal, 'The send was aborted while waiting for the rate limit');
      if (outcome === 'expired') {
        throw rateLimitError(
          'R5',
          options.accountWindowMs,
          `No send slot within ${options.maxQueueMs} ms (R5: ${options.perSecond} messages a second)`,
        );
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      timer.abort();
    }
  };

  return {
    waiting: () => waiting,

    async acquireRecipients(sender, recipients) {
      const decision = await store.acquireRecipients(
        sender,
        recipients,
        options.perHourPerRecipient,
        options.recipientWindowMs,
      );
      if (!decision.ok) {
        throw rateLimitError(
          'R6',
          decision.retryAfterMs,
          `At most ${options.perHourPerRecipient} messages an hour from ${sender} to one recipient (R6)`,
        );
      }
      let released = false;
      return {
        async release() {
          if (released || decision.grant === undefined || store.release === undefined) return;
          released = true;
          await store.release(sender, recipients, decision.grant).catch(() => undefined);
        },
      };
    },

    async acquireAccount(queuedAt, signal) {
      if (signal?.aborted) throw abortedError(signal);
      const deadline = queuedAt + options.maxQueueMs;
      const previous = tail;
      let release!: () => void;
      const mine = new Promise<void>((resolve) => {
        release = resolve;
      });
      // The next in line waits for the one before this send too, even if this one leaves early.
      tail = previous.then(() => mine);
      waiting += 1;
      try {
        await waitForTurn(previous, deadline, signal);
        for (;;) {
          const local = finished.waitMsWithPending(clock.now(), options.perSecond, ACCOUNT_WINDOW_MS, inFlight);
          if (local !== 0) {
            const delay = local === -1 ? pollMs : local;
            if (clock.now() + delay > deadline) {
              throw rateLimitError(
                'R5',
                delay,
                `No send slot within ${options.maxQueueMs} ms (R5: ${options.perSecond} messages a second)`,
              );
            }
            await clock.sleep(delay, signal);
            continue;
          }
          const decision = await store.acquireAccount(options.appId, options.perSecond, options.accountWindowMs, {
            holdMs,
          });
          if (decision.ok) return finish(decision.grant);
          const remaining = deadline - clock.now();
          // Fail now rather than sleep towards a deadline that comes before the grant.
          if (decision.retryAfterMs > remaining) {
            throw rateLimitError(
              'R5',
              decision.retryAfterMs,
              `No send slot within ${options.maxQueueMs} ms (R5: ${options.perSecond} messages a second for ${options.appId})`,
            );
          }
          await clock.sleep(decision.retryAfterMs, signal);
        }
      } finally {
        waiting -= 1;
        release();
      }
    },
  };
}
