import type { Socket } from 'node:net';

const TERMINATOR = '\r\n.\r\n';
const MAX_HEADER_SCAN = 64 * 1024;

/**
 * Watches what nodemailer writes to each socket, to know whether the final dot of DATA of a given message left
 * this process. A connection that fails after that point leaves the outcome unknown (R19: the service answers
 * only then, and may have accepted the message); before it, nothing was accepted and a retry is safe.
 */
export interface WireTap {
  /** Starts watching a socket that nodemailer is about to use. */
  attach(socket: Socket): void;
  /** True when the message's final dot was written and no reply settled the send yet. */
  wasTerminated(messageId: string): boolean;
  /** Forgets a message once its send settled. */
  forget(messageId: string): void;
}

type Phase = { kind: 'commands' } | { kind: 'headers'; text: string } | { kind: 'body'; messageId: string | undefined };

/** Normalizes a Message-ID for comparison: no angle brackets, no surrounding space. */
export function normalizeMessageId(value: string): string {
  return value.trim().replace(/^<|>$/g, '');
}

/** Creates a wire tap; one per client. */
export function createWireTap(): WireTap {
  const terminated = new Set<string>();

  const attach = (socket: Socket): void => {
    let phase: Phase = { kind: 'commands' };
    let tail = '';
    const original = socket.write;
    const observe = (chunk: unknown): void => {
      const text =
        typeof chunk === 'string'
          ? chunk
          : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array
            ? Buffer.from(chunk).toString('latin1')
            : '';
      if (text === 'DATA\r\n') {
        // The message itself follows the 354 reply to this command.
        phase = { kind: 'headers', text: '' };
        tail = '';
        return;
      }
      if (phase.kind === 'commands') return;
      if (phase.kind === 'headers') {
        const headers = (phase.text + text).slice(0, MAX_HEADER_SCAN);
        const end = headers.indexOf('\r\n\r\n');
        const block = end === -1 ? headers : headers.slice(0, end);
        const match = /^Message-ID:[ \t]*(<[^>\r\n]*>|[^\s]+)/im.exec(block);
        if (match?.[1] !== undefined || end !== -1 || headers.length >= MAX_HEADER_SCAN) {
          phase = { kind: 'body', messageId: match?.[1] === undefined ? undefined : normalizeMessageId(match[1]) };
        } else {
          phase = { kind: 'headers', text: headers };
        }
      }
      tail = (tail + text).slice(-TERMINATOR.length);
      if (tail === TERMINATOR) {
        if (phase.kind === 'body' && phase.messageId !== undefined) terminated.add(phase.messageId);
        phase = { kind: 'commands' };
        tail = '';
      }
    };
    socket.write = function write(this: Socket, ...args: Parameters<Socket['write']>): boolean {
      observe(args[0]);
      return Reflect.apply(original, this, args) as boolean;
    } as Socket['write'];
  };

  return {
    attach,
    wasTerminated: (messageId) => terminated.has(normalizeMessageId(messageId)),
    forget: (messageId) => {
      terminated.delete(normalizeMessageId(messageId));
    },
  };
}
