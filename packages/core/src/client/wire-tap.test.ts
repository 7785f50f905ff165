import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createWireTap, normalizeMessageId } from './wire-tap.js';

function tappedSocket() {
  const written: string[] = [];
  const socket = new Socket();
  // Replaced before attach, as a stand-in for the network: the tap wraps whatever write the socket has.
  socket.write = ((chunk: string | Buffer) => {
    written.push(chunk.toString());
    return true;
  }) as Socket['write'];
  const tap = createWireTap();
  tap.attach(socket);
  return { socket, tap, written };
}

describe('createWireTap', () => {
  it('knows when a message final dot was written (R19)', () => {
    const { socket, tap, written } = tappedSocket();
    socket.write('MAIL FROM:<a@b.c>\r\n');
    socket.write('DATA\r\n');
    socket.write(Buffer.from('From: a@b.c\r\nMessage-ID: <id-1@b.c>\r\nSubject: x\r\n\r\nhello'));
    expect(tap.wasTerminated('<id-1@b.c>')).toBe(false);
    socket.write(Buffer.from('\r\n.\r\n'));
    expect(tap.wasTerminated('<id-1@b.c>')).toBe(true);
    expect(tap.wasTerminated('id-1@b.c')).toBe(true);
    tap.forget('<id-1@b.c>');
    expect(tap.wasTerminated('<id-1@b.c>')).toBe(false);
    expect(written).toHaveLength(4);
  });

  it('finds the Message-ID across chunks and ignores one in the body', () => {
    const { socket, tap } = tappedSocket();
    socket.write('DATA\r\n');
    socket.write('From: a@b.c\r\nSubj');
    socket.write('ect: x\r\nmessage-id:   <id-2@b.c>\r\n\r\nbody\r\nMessage-ID: <other@b.c>\r\n');
    socket.write('.\r\n');
    expect(tap.wasTerminated('<id-2@b.c>')).toBe(true);
    expect(tap.wasTerminated('<other@b.c>')).toBe(false);
  });

  it('does not mistake an unfinished message or a command for the final dot', () => {
    const { socket, tap } = tappedSocket();
    socket.write('DATA\r\n');
    socket.write('Message-ID: <id-3@b.c>\r\n\r\n..leading dot stuffed\r\n');
    expect(tap.wasTerminated('<id-3@b.c>')).toBe(false);
    socket.write('RSET\r\n');
    expect(tap.wasTerminated('<id-3@b.c>')).toBe(false);
  });

  it('normalizes ids', () => {
    expect(normalizeMessageId(' <a@b> ')).toBe('a@b');
  });
});
