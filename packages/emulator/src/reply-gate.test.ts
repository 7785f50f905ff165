import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { gateReplies, type SmtpConnection } from './reply-gate.js';
import { createTimerRegistry } from './timer-registry.js';

// Only the two methods the gate wraps and the socket's close event: the wire itself is covered by latency.test.ts.
function fakeConnection() {
  const written: string[] = [];
  const socket = new EventEmitter();
  const connection = {
    _socket: socket,
    send(code: number, data?: string | string[] | null) {
      written.push(`${code} ${String(data)}`);
    },
    close() {
      written.push('close');
    },
  };
  return { connection: connection as unknown as SmtpConnection, written, socket };
}

describe('gateReplies', () => {
  it('writes at once, with no timer, when the latency is 0', () => {
    const timers = createTimerRegistry();
    const { connection, written } = fakeConnection();
    gateReplies(connection, () => 0, timers);
    connection.send(250, 'OK');
    connection.close();
    expect(written).toEqual(['250 OK', 'close']);
    expect(timers.pending).toBe(0);
  });

  it('holds replies in order, closes after the last, and reads the latency per reply', async () => {
    const timers = createTimerRegistry();
    const { connection, written } = fakeConnection();
    let latency = 30;
    gateReplies(connection, () => latency, timers);
    connection.send(250, 'first');
    latency = 0;
    // A reply with no latency of its own still waits behind the held one (RFC 2920 order).
    connection.send(250, 'second');
    connection.send(221, 'Bye');
    connection.close();
    expect(written).toEqual([]);
    expect(timers.pending).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(written).toEqual(['250 first', '250 second', '221 Bye', 'close']);
    expect(timers.pending).toBe(0);
  });

  it('skips the latency of the next reply when bypassed', () => {
    const timers = createTimerRegistry();
    const { connection, written } = fakeConnection();
    gateReplies(connection, () => 500, timers).bypassNext();
    connection.send(250, 'OK: queued');
    expect(written).toEqual(['250 OK: queued']);
  });

  it('writes what it holds at once when the emulator closes, and drops it when the socket closes', () => {
    const timers = createTimerRegistry();
    const first = fakeConnection();
    gateReplies(first.connection, () => 10_000, timers);
    first.connection.send(250, 'held');
    timers.close();
    expect(timers.pending).toBe(0);
    first.connection.send(421, 'Server shutting down');
    expect(first.written).toEqual(['250 held', '421 Server shutting down']);

    const other = createTimerRegistry();
    const second = fakeConnection();
    gateReplies(second.connection, () => 10_000, other);
    second.connection.send(250, 'held');
    second.socket.emit('close');
    expect(other.pending).toBe(0);
    expect(second.written).toEqual([]);
  });
});
