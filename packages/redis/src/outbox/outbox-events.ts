import { createEventHub, type EventHub } from '@qcloudmail/core/internal';
import type { OutboxEvents } from './outbox-types.js';

/** The listeners of an outbox's events. */
export type OutboxEventHub = EventHub<OutboxEvents>;

/** Creates the event hub; a listener that throws is isolated, it never fails a job. */
export function createOutboxEventHub(): OutboxEventHub {
  return createEventHub<OutboxEvents>(() => {
    // A listener's failure is its own; the job's outcome is already settled.
  });
}
