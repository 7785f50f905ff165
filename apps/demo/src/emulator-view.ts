import type { Emulator, StoredMessage } from '@qcloudmail/emulator';
import type { Printer } from './print.js';

/** The stored message whose Message-ID header is `messageId`, waiting briefly for the emulator to store it. */
export function findStored(emulator: Emulator, messageId: string, timeoutMs = 5000): Promise<StoredMessage> {
  return emulator.waitForMessage((message) => message.parsed.messageId === messageId, timeoutMs);
}

/** One line per attachment: its decoded name, type and size, as the emulator parsed them. */
export function attachmentSummary(message: StoredMessage): string[] {
  return message.parsed.attachments.map(
    (attachment) => `${attachment.filename} (${attachment.contentType}, ${attachment.size} bytes)`,
  );
}

/** The emulator's verdict in one line: accepted or refused, the reason and the reply the client got. */
export function verdictSummary(message: StoredMessage): string {
  const { verdict } = message;
  const reply = message.reply ?? 'no reply: the connection was broken';
  return verdict.accepted ? `accepted, ${reply}` : `refused (${verdict.reason}), ${reply}`;
}

/** Prints what the emulator received: the parsed headers, the attachments and the verdict. */
export function printStored(printer: Printer, message: StoredMessage): void {
  printer.line('the emulator received:');
  printer.rows([
    ['  subject', message.parsed.subject],
    ['  from', message.parsed.from],
    ['  to', message.parsed.to],
    ['  attachments', attachmentSummary(message)],
    ['  size', `${message.size} bytes on the wire`],
    ['  verdict', verdictSummary(message)],
  ]);
  const notes = message.verdict.issues.map((issue) => `${issue.rule} ${issue.code}: ${issue.message}`);
  if (notes.length > 0) printer.row('  lint notes', notes.join('\n'));
}
