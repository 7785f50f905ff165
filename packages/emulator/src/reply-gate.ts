import { performance } from 'node:perf_hooks';
import type { SMTPServer } from 'smtp-server';
import type { TimerRegistry } from './timer-registry.js';

/** One session of smtp-server. */
export type SmtpConnection = SMTPServer['connections'] extends Set<infer C> ? C : never;

/** The reply latency of one session. */
export interface ReplyGate {
  /** The next reply goes out with no latency of its own: its handler already held it (the end of DATA). */
  bypassNext(): void;
}

/**
 * Holds every reply of `connection` for `latencyMs()` before writing it, in order (RFC 2920: replies of
 * pipelined commands keep the order of the commands). smtp-server has no reply hook, but writes every reply,
 * the greeting included, through `SMTPConnection.send`, so that is where the latency goes; a `close()` asked
 * while replies are held (QUIT, a 421) waits for them, so the client still reads the last reply. A command is
 * still handled as it arrives; only its reply waits, as behind a slow network. Pipelined commands sent together
 * share one wait, as they share one round trip.
 */
export function gateReplies(connection: SmtpConnection, latencyMs: () => number, timers: TimerRegistry): ReplyGate {
  const send = connection.send.bind(connection);
  const close = connection.close.bind(connection);
  const held: Array<{ due: number; write: () => void }> = [];
  let cancelTimer: (() => void) | undefined;
  let closeAsked = false;
  let bypass = false;

  const flush = (): void => {
    cancelTimer = undefined;
    const now = performance.now();
    // Emulator closing: write what is held at once, so that the session ends without waiting.
    while (held.length > 0 && (timers.closed || (held[0]?.due ?? now) <= now)) held.shift()?.write();
    const next = held[0];
    if (next !== undefined) {
      // A timer may fire a fraction of a millisecond early on the monotonic clock: wait again rather than reply early.
      cancelTimer = timers.schedule(Math.max(1, Math.ceil(next.due - now)), flush, flush);
      return;
    }
    if (closeAsked) {
      closeAsked = false;
      close();
    }
  };

  connection.send = (code, data, context) => {
    const ms = bypass ? 0 : latencyMs();
    bypass = false;
    if (held.length === 0 && (ms === 0 || timers.closed)) {
      send(code, data, context);
      return;
    }
    const due = Math.max(performance.now() + ms, held.at(-1)?.due ?? 0);
    held.push({ due, write: () => send(code, data, context) });
    if (cancelTimer === undefined) flush();
  };
  connection.close = () => {
    if (held.length === 0) close();
    else closeAsked = true;
  };
  // A broken or closed socket takes its held replies with it; nothing is left pending.
  connection._socket.once('close', () => {
    held.length = 0;
    cancelTimer?.();
    cancelTimer = undefined;
  });
  return {
    bypassNext() {
      bypass = true;
    },
  };
}
