import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { RateLimiter } from './rate-limiter.js';
import type { RateLimitStore } from './types.js';

interface SharedEntry {
  readonly limiter: RateLimiter;
  readonly store: RateLimitStore;
  readonly settings: string;
  users: number;
}

// One limiter per share key in this process. Sharing the limiter, not only the store, keeps each send held in
// the account window from its start to its reply across every client of the key, so the in-process window stays
// exactly ACCOUNT_WINDOW_MS (R5) instead of the cross-process margin.
const shared = new Map<string, SharedEntry>();

/** A limiter taken from the process's registry, and the release that closes its store after the last user. */
export interface SharedLimiter {
  readonly limiter: RateLimiter;
  release(): Promise<void>;
}

/**
 * Returns the limiter every client with `shareKey` in this process uses, creating it on first use; clients of
 * one key must agree on the limits (`settings`), or the second gets a `CONFIGURATION` error.
 */
export function acquireSharedLimiter(
  shareKey: string,
  settings: string,
  create: () => { limiter: RateLimiter; store: RateLimitStore },
): SharedLimiter {
  let entry = shared.get(shareKey);
  if (entry === undefined) {
    entry = { ...create(), settings, users: 0 };
    shared.set(shareKey, entry);
  } else if (entry.settings !== settings) {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      rule: 'R5',
      message: `rateLimit.shareKey "${shareKey}" is already used with other rate limits (${entry.settings}); give clients that share a key the same limits`,
    });
  }
  const taken = entry;
  taken.users += 1;
  let released = false;
  return {
    limiter: taken.limiter,
    async release(): Promise<void> {
      if (released) return;
      released = true;
      taken.users -= 1;
      if (taken.users > 0) return;
      shared.delete(shareKey);
      await taken.store.close?.();
    },
  };
}
