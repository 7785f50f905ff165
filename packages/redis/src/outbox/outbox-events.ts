import type { OutboxEvents } from './outbox-types.js';

type Listener<E extends keyof OutboxEvents> = (payload: OutboxEvents[E]) => void;

/** The listeners of an outbox's events. */
export interface OutboxEventHub {
  on<E extends keyof OutboxEvents>(event: E, listener: Listener<E>): () => void;
  emit<E extends keyof OutboxEvents>(event: E, payload: OutboxEvents[E]): void;
}

/** Creates the event hub; a listener that throws is isolated, it never fails a job. */
export function createOutboxEventHub(): OutboxEventHub {
  const listeners = new Map<keyof OutboxEvents, Set<(payload: never) => void>>();
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (set === undefined) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener as (payload: never) => void);
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) {
        try {
          (listener as Listener<typeof event>)(payload);
        } catch {
          // A listener's failure is its own; the job's outcome is already settled.
        }
      }
    },
  };
}
