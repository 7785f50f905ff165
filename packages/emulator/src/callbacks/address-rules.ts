/** The outcome events the emulator posts by itself after a 250 (R28); the others come on demand. */
export type AutomaticEventName = 'processed' | 'delivered' | 'deferred' | 'dropped' | 'bounce';

/** The events that can be asked for on demand, from the HTTP API or the inbox page (R28). */
export type OnDemandEventName = 'open' | 'click' | 'unsubscribe' | 'spamreport';

/** One event the emulator will post about one recipient, and how long after the previous one. */
export interface PlannedEvent {
  event: AutomaticEventName;
  afterMs: number;
  bounceType?: 'hard_bounce' | 'soft_bounce';
  reason?: string;
}

/** The reasons the emulator gives, in the provider's style (R27, R29). */
export const EVENT_REASONS = {
  hardBounce: '551 5.1.1 recipient is not exist',
  softBounce: '452 4.2.2 mailbox is full',
  dropped: 'the recipient address is on the blocklist',
  deferred: '421 4.7.0 try again later',
} as const;

// The word before the first `+` of the local part, lower-cased; an address has one `@` at most that matters: the last.
function addressWords(address: string): string[] {
  const at = address.lastIndexOf('@');
  const local = (at < 0 ? address : address.slice(0, at)).toLowerCase();
  return local.split('+');
}

/**
 * What happens to a message for `recipient`, decided by its local part (the part before the last `@`), read
 * case-insensitively as words split at `+`:
 * `bounce` (or `bounce+hard...`) a hard bounce, `bounce+soft...` a soft bounce, `dropped` or `drop` a drop,
 * `deferred` or `defer` a deferral followed by delivery; anything else is delivered.
 */
export function planEvents(
  recipient: string,
  timing: { delayMs: number; deferredMs: number; processed: boolean },
): PlannedEvent[] {
  const [word, detail] = addressWords(recipient);
  const first = timing.delayMs;
  const head: PlannedEvent[] = timing.processed ? [{ event: 'processed', afterMs: first }] : [];
  const after = timing.processed ? 0 : first;
  if (word === 'bounce') {
    const soft = detail === 'soft';
    return [
      ...head,
      {
        event: 'bounce',
        afterMs: after,
        bounceType: soft ? 'soft_bounce' : 'hard_bounce',
        reason: soft ? EVENT_REASONS.softBounce : EVENT_REASONS.hardBounce,
      },
    ];
  }
  if (word === 'dropped' || word === 'drop') {
    return [...head, { event: 'dropped', afterMs: after, reason: EVENT_REASONS.dropped }];
  }
  if (word === 'deferred' || word === 'defer') {
    return [
      ...head,
      { event: 'deferred', afterMs: after, reason: EVENT_REASONS.deferred },
      { event: 'delivered', afterMs: timing.deferredMs },
    ];
  }
  return [...head, { event: 'delivered', afterMs: after }];
}

/** True for an event name the HTTP API and the inbox page can ask for. */
export function isOnDemandEvent(value: unknown): value is OnDemandEventName {
  return value === 'open' || value === 'click' || value === 'unsubscribe' || value === 'spamreport';
}
