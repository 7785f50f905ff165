import { EventEmitter } from 'node:events';
import { QcloudMailError } from '@qcloudmail/core';
import type { StoredMessage } from './types.js';

/** A bounded list of the messages that reached the end of DATA, with a way to wait for the next one. */
export interface MessageStore {
  add(message: Omit<StoredMessage, 'id' | 'events'>): StoredMessage;
  /** Accepted and refused messages, oldest first. */
  all(): StoredMessage[];
  get(id: string): StoredMessage | undefined;
  clear(): void;
  /** The first stored message matching `predicate`, stored already or in the next `timeoutMs`. */
  waitFor(predicate: (message: StoredMessage) => boolean, timeoutMs: number): Promise<StoredMessage>;
  /** Calls `listener` on every stored message and every clear (for the live inbox); returns the unsubscribe. */
  subscribe(listener: (event: StoreEvent) => void): () => void;
  /** Tells subscribers that a message's event timeline changed. */
  touch(message: StoredMessage): void;
  /** Rejects every pending and later `waitFor` that finds nothing stored, with `CLOSED`, and clears its timer. */
  close(): void;
}

/** A change of the store: a message was stored, its event timeline changed, or every message was forgotten. */
export type StoreEvent =
  | { type: 'message'; message: StoredMessage }
  | { type: 'timeline'; message: StoredMessage }
  | { type: 'cleared' };

/** Creates a store keeping the newest `maxMessages` messages. */
export function createMessageStore(maxMessages: number): MessageStore {
  if (!Number.isInteger(maxMessages) || maxMessages < 1) {
    throw new QcloudMailError({ code: 'CONFIGURATION', message: 'maxMessages must be a whole number of at least 1' });
  }
  const events = new EventEmitter();
  // Every waiter adds a listener; many concurrent waits in a test are normal, not a leak.
  events.setMaxListeners(0);
  let messages: StoredMessage[] = [];
  let sequence = 0;
  let closed = false;
  const closedError = () =>
    new QcloudMailError({ code: 'CLOSED', message: 'The emulator closed before a matching message arrived' });
  return {
    add(message) {
      sequence += 1;
      const stored: StoredMessage = { id: String(sequence), ...message, events: [] };
      messages.push(stored);
      if (messages.length > maxMessages) messages = messages.slice(messages.length - maxMessages);
      events.emit('message', stored);
      events.emit('change', { type: 'message', message: stored } satisfies StoreEvent);
      return stored;
    },
    all: () => [...messages],
    get: (id) => messages.find((message) => message.id === id),
    clear() {
      messages = [];
      events.emit('change', { type: 'cleared' } satisfies StoreEvent);
    },
    touch(message) {
      events.emit('change', { type: 'timeline', message } satisfies StoreEvent);
    },
    subscribe(listener) {
      events.on('change', listener);
      return () => {
        events.off('change', listener);
      };
    },
    waitFor(predicate, timeoutMs) {
      const found = messages.find(predicate);
      if (found !== undefined) return Promise.resolve(found);
      if (closed) return Promise.reject(closedError());
      return new Promise((resolve, reject) => {
        const stop = (): void => {
          clearTimeout(timer);
          events.off('message', onMessage);
          events.off('close', onClose);
        };
        const onMessage = (message: StoredMessage): void => {
          if (!predicate(message)) return;
          stop();
          resolve(message);
        };
        const onClose = (): void => {
          stop();
          reject(closedError());
        };
        const timer = setTimeout(() => {
          stop();
          reject(
            new QcloudMailError({ code: 'TIMEOUT', message: `No matching message arrived within ${timeoutMs} ms` }),
          );
        }, timeoutMs);
        events.on('message', onMessage);
        events.on('close', onClose);
      });
    },
    close() {
      closed = true;
      events.emit('close');
    },
  };
}
