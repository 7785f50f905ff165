import type { Clock } from '../rate-limit/clock.js';
import { createRateLimiter, type RateLimiter } from '../rate-limit/rate-limiter.js';
import { acquireSharedLimiter } from '../rate-limit/shared-limiters.js';
import type { RateLimitStore } from '../rate-limit/types.js';
import type { ResolvedClientOptions } from './resolve-options.js';

/** A client's rate limiter (none with `rateLimit: false`) and what closing the client does to it. */
export interface ClientLimiter {
  limiter: RateLimiter | undefined;
  /** Releases a shared limiter, or closes a store the client created; leaves a caller's own store open. */
  close(): Promise<void>;
}

/**
 * Opens the limiter of a client (R5, R6): the one shared by every client of `rateLimit.shareKey` in this
 * process, or the client's own over its store.
 */
export function openLimiter(options: ResolvedClientOptions, clock: Clock): ClientLimiter {
  const rate = options.rateLimit;
  if (rate === false) return { limiter: undefined, close: async () => {} };
  const create = (store: RateLimitStore): RateLimiter =>
    createRateLimiter({
      store,
      appId: options.appId,
      perSecond: rate.perSecond,
      accountWindowMs: rate.accountWindowMs,
      perHourPerRecipient: rate.perHourPerRecipient,
      recipientWindowMs: 3_600_000,
      maxQueueMs: rate.maxQueueMs,
      // A granted send is over (answered, failed or timed out) within the total timeout.
      holdMs: options.timeouts.total,
      clock,
    });
  if (rate.shareKey !== undefined) {
    const shared = acquireSharedLimiter(
      rate.shareKey,
      `appId ${options.appId}, ${rate.perSecond}/${rate.accountWindowMs} ms, ${rate.perHourPerRecipient}/h`,
      () => ({ limiter: create(rate.store), store: rate.store }),
    );
    return { limiter: shared.limiter, close: () => shared.release() };
  }
  return {
    limiter: create(rate.store),
    close: async () => {
      if (rate.ownsStore) await rate.store.close?.();
    },
  };
}
