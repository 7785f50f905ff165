import { LIMITS } from '@qcloudmail/core';
import { recipientKey, SlidingWindowLog } from '@qcloudmail/core/internal';
import type { EmulatorClock, EmulatorRateLimitOptions } from './types.js';

const SECOND_MS = 1000;

/** The outcome of a rate check: allowed, or which limit refuses (R5 per account, R6 per sender and recipient). */
export type RateDecision = { ok: true } | { ok: false; rule: 'R5' | 'R6' };

/** The service's limits, counted over messages it accepted (R5, R6). */
export interface EmulatorRateLimits {
  check(appId: string, sender: string, recipients: readonly string[]): RateDecision;
  /** Counts one accepted message. */
  record(appId: string, sender: string, recipients: readonly string[]): void;
  reset(): void;
}

/**
 * Creates the limits on rolling windows of `clock` time. Only accepted messages count: a message refused for
 * its content or for the rate itself is not sent, and the service asks senders to retry those later (R7).
 */
export function createRateLimits(options: EmulatorRateLimitOptions | false, clock: EmulatorClock): EmulatorRateLimits {
  if (options === false) return { check: () => ({ ok: true }), record: () => {}, reset: () => {} };
  const perSecond = options.perSecond ?? LIMITS.messagesPerSecond;
  const perHour = options.perHourPerRecipient ?? LIMITS.messagesPerHourPerRecipient;
  const accounts = new Map<string, SlidingWindowLog>();
  const pairs = new Map<string, SlidingWindowLog>();
  const keys = (sender: string, recipients: readonly string[]) => [
    ...new Set(recipients.map((recipient) => recipientKey(sender, recipient))),
  ];
  const logOf = (map: Map<string, SlidingWindowLog>, key: string): SlidingWindowLog => {
    let log = map.get(key);
    if (log === undefined) {
      log = new SlidingWindowLog();
      map.set(key, log);
    }
    return log;
  };
  return {
    check(appId, sender, recipients) {
      const now = clock.now();
      if ((accounts.get(appId)?.count(now, SECOND_MS) ?? 0) >= perSecond) return { ok: false, rule: 'R5' };
      for (const key of keys(sender, recipients)) {
        if ((pairs.get(key)?.count(now, LIMITS.recipientWindowMs) ?? 0) >= perHour) return { ok: false, rule: 'R6' };
      }
      return { ok: true };
    },
    record(appId, sender, recipients) {
      const now = clock.now();
      logOf(accounts, appId).record(now);
      for (const key of keys(sender, recipients)) logOf(pairs, key).record(now);
      // Forget idle pairs so that a long-running emulator does not grow without bound.
      if (pairs.size > 10_000) {
        for (const [key, log] of pairs) if (log.isEmpty(now, LIMITS.recipientWindowMs)) pairs.delete(key);
      }
    },
    reset() {
      accounts.clear();
      pairs.clear();
    },
  };
}
