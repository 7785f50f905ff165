/** Typed events over an event map; a listener that throws is reported to `onListenerError` and never breaks the emitter. */
export interface EventHub<Events extends object> {
  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void;
  emit<E extends keyof Events>(event: E, payload: Events[E]): void;
}

/** Creates an event hub for the events of `Events` (the client's, or an outbox's). */
export function createEventHub<Events extends object>(
  onListenerError: (event: keyof Events, error: unknown) => void,
): EventHub<Events> {
  const listeners = new Map<keyof Events, Set<(payload: never) => void>>();
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
          (listener as (payload: Events[typeof event]) => void)(payload);
        } catch (error) {
          onListenerError(event, error);
        }
      }
    },
  };
}
