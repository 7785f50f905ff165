import {
  createMemorySuppressionList,
  recordSuppressionEvent,
  type SesEvent,
  type SuppressionEntry,
  type SuppressionList,
} from '@qcloudmail/core';

/** What an application's event handler keeps: the suppression list it feeds, and the events it saw. */
export interface SuppressionRecorder {
  /** The list the application's mail client checks before sending (R30). */
  list: SuppressionList;
  /** Every event received, in order (duplicates included: delivery is at least once). */
  events: SesEvent[];
  /** Records a callback body's events: each goes through `recordSuppressionEvent`, which ignores repeats. */
  record(events: readonly SesEvent[]): Promise<void>;
  /** Resolves with the entry once `address` is suppressed, or undefined after `timeoutMs`. */
  waitForEntry(address: string, timeoutMs: number): Promise<SuppressionEntry | undefined>;
}

/** Creates a recorder over a fresh in-memory suppression list. */
export function createSuppressionRecorder(): SuppressionRecorder {
  const list = createMemorySuppressionList();
  const events: SesEvent[] = [];
  const waiters = new Set<() => void>();
  return {
    list,
    events,
    async record(batch) {
      for (const event of batch) {
        events.push(event);
        await recordSuppressionEvent(list, event);
      }
      for (const wake of [...waiters]) wake();
    },
    async waitForEntry(address, timeoutMs) {
      const found = await list.get(address);
      if (found !== undefined) return found;
      return new Promise((resolve) => {
        const done = (entry: SuppressionEntry | undefined): void => {
          clearTimeout(timer);
          waiters.delete(check);
          resolve(entry);
        };
        const check = (): void => {
          void list.get(address).then((entry) => {
            if (entry !== undefined) done(entry);
          });
        };
        const timer = setTimeout(() => done(undefined), timeoutMs);
        waiters.add(check);
      });
    },
  };
}
