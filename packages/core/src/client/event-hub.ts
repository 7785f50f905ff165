import type { MailClientEvents } from './types.js';

type Listener<E extends keyof MailClientEvents> = (payload: MailClientEvents[E]) => void;

/** The client's typed events; a listener that throws is reported to `onListenerError` and never breaks a send. */
export interface EventHub {
  on<E extends keyof MailClientEvents>(event: E, listener: Listener<E>): () => void;
  emit<E extends keyof MailClientEvents>(event: E, payload: MailClientEvents[E]): void;
}

/** Creates an event hub. */
export function createEventHub(onListenerError: (event: string, error: unknown) => void): EventHub {
  const listeners = new Map<keyof MailClientEvents, Set<(payload: never) => void>>();
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (set === undefined) {
        set = new Set();
        listeners.set(event, set);
      }
      const entry = listener as (payload: never) => void;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) {
        try {
          (listener as Listener<typeof event>)(payload);
        } catch (error) {
          onListenerError(event, error);
        }
      }
    },
  };
}
