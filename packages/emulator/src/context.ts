import type { LimitOverrides } from '@qcloudmail/core';
import type { AccountDirectory } from './accounts.js';
import type { DeliveryEvents } from './callbacks/delivery-events.js';
import type { FaultQueue } from './fault-queue.js';
import type { LatencyControl } from './latency.js';
import type { MessageStore } from './message-store.js';
import type { EmulatorRateLimits } from './rate-limits.js';
import type { TimerRegistry } from './timer-registry.js';
import type { EmulatorClock, EmulatorLogger, EmulatorStats, RateLimitCountAt } from './types.js';

/** Everything the SMTP handlers and the HTTP API of one emulator share; nothing of it is global. */
export interface EmulatorContext {
  accounts: AccountDirectory;
  faults: FaultQueue;
  store: MessageStore;
  rateLimits: EmulatorRateLimits;
  stats: EmulatorStats;
  clock: EmulatorClock;
  log: EmulatorLogger;
  limits: LimitOverrides | undefined;
  oversize: 'drop' | 'reply';
  /** The latency of every reply, changeable at run time. */
  latency: LatencyControl;
  /** Every real-time timer (delay faults, latency), cleared by close(). */
  timers: TimerRegistry;
  /** When an accepted message is checked against and counted toward the rate limits (R5, R6). */
  countAt: RateLimitCountAt;
  /** The delivery events after each 250 and on demand, posted to the callback addresses (R26-R29). */
  deliveryEvents: DeliveryEvents;
}

/** Fresh counters. */
export function emptyStats(): EmulatorStats {
  return { accepted: 0, refused: 0, rateLimited: 0, authFailures: 0, connections: 0, faultsApplied: 0 };
}
