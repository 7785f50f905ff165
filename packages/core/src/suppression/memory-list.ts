import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { checkSuppressionInput, strengthens, suppressionKey } from './check-entry.js';
import { listLimit } from './list-limit.js';
import type { SuppressionEntry, SuppressionList } from './types.js';

/** Options of `createMemorySuppressionList`. */
export interface MemorySuppressionListOptions {
  /**
   * The most entries kept. Default 100,000. When full, expired entries go first, then those expiring soonest; a
   * list full of permanent entries refuses the next one (`CONFIGURATION`) rather than forget a suppressed address.
   */
  maxEntries?: number;
  /** The time source, in milliseconds since the epoch; for tests (core's `createManualClock` fits). */
  clock?: { now(): number };
}

interface Stored {
  address: string;
  reason: SuppressionEntry['reason'];
  sinceMs: number;
  expiresAtMs: number | undefined;
  messageId: string | undefined;
  detail: string | undefined;
}

function toEntry(stored: Stored): SuppressionEntry {
  return {
    address: stored.address,
    reason: stored.reason,
    since: new Date(stored.sinceMs),
    ...(stored.expiresAtMs === undefined ? {} : { expiresAt: new Date(stored.expiresAtMs) }),
    ...(stored.messageId === undefined ? {} : { messageId: stored.messageId }),
    ...(stored.detail === undefined ? {} : { detail: stored.detail }),
  };
}

/**
 * The suppression list of one process (R30), for tests, demos and single-process apps; several processes share
 * `createRedisSuppressionList` from `@qcloudmail/redis`. Bounded by `maxEntries`.
 */
export function createMemorySuppressionList(options: MemorySuppressionListOptions = {}): SuppressionList {
  const maxEntries = options.maxEntries ?? 100_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      message: 'Invalid option maxEntries: expected a whole number of at least 1',
    });
  }
  const now = (): number => (options.clock ?? Date).now();
  const entries = new Map<string, Stored>();

  const live = (key: string): Stored | undefined => {
    const stored = entries.get(key);
    if (stored === undefined) return undefined;
    if (stored.expiresAtMs !== undefined && stored.expiresAtMs <= now()) {
      entries.delete(key);
      return undefined;
    }
    return stored;
  };

  // Frees one place: an expired entry, else the one expiring soonest; a list of permanent entries only refuses.
  const makeRoom = (): void => {
    const time = now();
    let soonest: Stored | undefined;
    for (const stored of entries.values()) {
      if (stored.expiresAtMs === undefined) continue;
      if (stored.expiresAtMs <= time) {
        entries.delete(stored.address);
        return;
      }
      if (soonest === undefined || stored.expiresAtMs < (soonest.expiresAtMs ?? 0)) soonest = stored;
    }
    if (soonest !== undefined) {
      entries.delete(soonest.address);
      return;
    }
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      rule: 'R30',
      message: `The memory suppression list is full (${maxEntries} permanent entries): raise maxEntries or use the Redis list (R30)`,
    });
  };

  return {
    async add(input) {
      const checked = checkSuppressionInput(input);
      const time = now();
      if (checked.expiresAtMs !== undefined && checked.expiresAtMs <= time) return;
      const current = live(checked.address);
      if (current !== undefined && !strengthens(current.expiresAtMs, checked.expiresAtMs)) return;
      if (current === undefined && entries.size >= maxEntries) makeRoom();
      entries.set(checked.address, { ...checked, sinceMs: time });
    },
    async remove(address) {
      const key = suppressionKey(address);
      const wasLive = live(key) !== undefined;
      entries.delete(key);
      return wasLive;
    },
    async get(address) {
      const stored = live(suppressionKey(address));
      return stored === undefined ? undefined : toEntry(stored);
    },
    async check(addresses) {
      const found = new Map<string, SuppressionEntry>();
      for (const address of addresses) {
        const stored = live(suppressionKey(address));
        if (stored !== undefined) found.set(address, toEntry(stored));
      }
      return found;
    },
    async list(listOptions) {
      const limit = listLimit(listOptions);
      const out: SuppressionEntry[] = [];
      // A Map's iteration goes on past the entry `live` deletes: no copy of up to maxEntries keys per call.
      for (const key of entries.keys()) {
        if (out.length >= limit) break;
        const stored = live(key);
        if (stored !== undefined) out.push(toEntry(stored));
      }
      return out;
    },
  };
}
