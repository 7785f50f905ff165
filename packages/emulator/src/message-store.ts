import { EventEmitter } from 'node:events';
import { QcloudMailError } from '@qcloudmail/core';
import type { StoredMessage } from './types.js';

/** A bounded list of the messages that reached the end of DATA, with a way to wait for the next one. */
export interface MessageStore {
  add(message: Omit<StoredMessage, 'id'>): StoredMessage;
  /** Accepted and refused messages, oldest first. */
  all(): StoredMessage[];
  get(id: string): StoredMessage | undefined;
  clear(): void;
  /** The first stored message matching `predicate`, stored already or in the next `timeoutMs`. */
  waitFor(predicate: (message: StoredMessage) => boolean, timeoutMs: number): Promise<StoredMessage>;
}

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
  return {
    add(message) {
      sequence += 1;
      const stored: StoredMessage = { id: String(sequence), ...message };
      messages.push(stored);
      if (messages.length > maxMessages) messages = messages.slice(messages.length - maxMessages);
      events.emit('message', stored);
      return stored;
    },
    all: () => [...messages],
    get: (id) => messages.find((message) => message.id === id),
    clear() {
      messages = [];
    },
    waitFor(predicate, timeoutMs) {
      const found = messages.find(predicate);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const onMessage = (message: StoredMessage): void => {
          if (!predicate(message)) return;
          clearTimeout(timer);
          events.off('message', onMessage);
          resolve(message);
        };
        const timer = setTimeout(() => {
          events.off('message', onMessage);
          reject(
            new QcloudMailError({ code: 'TIMEOUT', message: `No matching message arrived within ${timeoutMs} ms` }),
          );
        }, timeoutMs);
        events.on('message', onMessage);
      });
    },
  };
}
