import type { RateLimitDecision, RateLimitStore } from './types.js';
import { SlidingWindowLog } from './sliding-window.js';

/** Options of `createMemoryRateLimitStore`. */
export interface MemoryRateLimitStoreOptions {
  /** The time source, in milliseconds; injected by tests. Default `Date.now`. */
  now?: () => number;
  /** Forget idle keys every this many acquisitions, so the per-recipient map does not grow forever. Default 1000. */
  sweepEvery?: number;
}

/** The default window of the per-account limit (R5): one second. */
export const ACCOUNT_WINDOW_MS = 1000;

/** How soon to ask again when a held grant blocks: a quarter of the spacing between grants at the limit. */
export function heldPollMs(windowMs: number, perSecond: number): number {
  return Math.max(1, Math.ceil(windowMs / perSecond / 4));
}

/** The key of the per-recipient log (R6): sender and recipient, case-insensitive. */
export function recipientKey(sender: string, recipient: string): string {
  return `${sender.toLowerCase()}\u0000${recipient.toLowerCase()}`;
}

/**
 * The in-process rate-limit store: sliding-window logs per account (R5) and per sender and recipient (R6).
 * Each acquire is one synchronous step, which is what makes it atomic; a shared store (Redis) does the same
 * in one script.
 */
export function createMemoryRateLimitStore(options: MemoryRateLimitStoreOptions = {}): RateLimitStore {
  const now = options.now ?? Date.now;
  const sweepEvery = options.sweepEvery ?? 1000;
  const accounts = new Map<string, SlidingWindowLog>();
  const recipients = new Map<string, { log: SlidingWindowLog; windowMs: number }>();
  let operations = 0;
  let grants = 0;
  const nextGrant = (): string => {
    grants += 1;
    return `g${grants}`;
  };

  const sweep = (time: number): void => {
    operations += 1;
    if (operations % sweepEvery !== 0) return;
    for (const [key, entry] of recipients) if (entry.log.isEmpty(time, entry.windowMs)) recipients.delete(key);
    for (const [key, log] of accounts) if (log.isEmpty(time, ACCOUNT_WINDOW_MS * 60)) accounts.delete(key);
  };

  return {
    async acquireAccount(
      appId,
      perSecond,
      windowMs = ACCOUNT_WINDOW_MS,
      grantOptions = {},
    ): Promise<RateLimitDecision> {
      const time = now();
      sweep(time);
      let log = accounts.get(appId);
      if (log === undefined) {
        log = new SlidingWindowLog();
        accounts.set(appId, log);
      }
      const wait = log.waitMs(time, perSecond, windowMs);
      if (wait > 0) {
        // A held grant frees its slot when its send finishes, which no one can foresee: ask again soon.
        const retryAfterMs = log.blockedByHeld(time, perSecond, windowMs) ? heldPollMs(windowMs, perSecond) : wait;
        return { ok: false, retryAfterMs, rule: 'R5' };
      }
      const grant = nextGrant();
      const holdMs = grantOptions.holdMs ?? 0;
      // A held grant sits at the end of its hold: until its send finishes (or the hold runs out, say the process
      // died) it blocks the window as if it happened now.
      log.record(holdMs > 0 ? time + holdMs : time, grant);
      return { ok: true, grant };
    },
    async finishAccount(appId, grant): Promise<void> {
      accounts.get(appId)?.move(grant, now());
    },

    async acquireRecipients(sender, list, perHour, windowMs): Promise<RateLimitDecision> {
      const time = now();
      sweep(time);
      const keys = [...new Set(list.map((recipient) => recipientKey(sender, recipient)))];
      let wait = 0;
      for (const key of keys) {
        const entry = recipients.get(key);
        if (entry !== undefined) wait = Math.max(wait, entry.log.waitMs(time, perHour, windowMs));
      }
      // All or nothing: a message goes to all its recipients or to none.
      if (wait > 0) return { ok: false, retryAfterMs: wait, rule: 'R6' };
      const grant = nextGrant();
      for (const key of keys) {
        let entry = recipients.get(key);
        if (entry === undefined) {
          entry = { log: new SlidingWindowLog(), windowMs };
          recipients.set(key, entry);
        }
        entry.log.record(time, grant);
      }
      return { ok: true, grant };
    },
    async release(sender, list, grant): Promise<void> {
      for (const recipient of list) recipients.get(recipientKey(sender, recipient))?.log.remove(grant);
    },

    async close(): Promise<void> {
      accounts.clear();
      recipients.clear();
    },
  };
}
