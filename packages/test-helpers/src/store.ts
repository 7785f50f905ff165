import type { Emulator, StoredMessage } from '@qcloudmail/emulator';

/** What the store-counting helpers read of an emulator. */
export type EmulatorRecords = Pick<Emulator, 'stats' | 'history' | 'messages'>;

/** An emulator, or anything that holds one (a test harness). */
export type EmulatorSource = EmulatorRecords | { readonly emulator: EmulatorRecords };

const records = (source: EmulatorSource): EmulatorRecords => ('emulator' in source ? source.emulator : source);

/** What the emulator saw: SMTP sessions (after the TLS handshake), stored messages, and rate-limited attempts. */
export function seen(source: EmulatorSource): { connections: number; stored: number; rateLimited: number } {
  const emulator = records(source);
  const { connections, rateLimited } = emulator.stats;
  return { connections, stored: emulator.history.length, rateLimited };
}

const bare = (messageId: string): string => messageId.replace(/^<|>$/g, '');

/** The stored message (accepted or refused) whose Message-ID is `messageId`, with or without angle brackets. */
export function storedById(source: EmulatorSource, messageId: string): StoredMessage | undefined {
  const wanted = bare(messageId);
  return records(source).history.find((stored) => {
    const id = stored.parsed.messageId;
    return id !== undefined && bare(id) === wanted;
  });
}

/** The accepted messages whose envelope names `recipient`. */
export function messagesTo(source: EmulatorSource, recipient: string): StoredMessage[] {
  return records(source).messages.filter((stored) => stored.envelope.to.includes(recipient));
}
