import { SES_REPLIES } from '@qcloudmail/core/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BARE_LINE_ENDING_REPLY, type Emulator } from '../src/index.js';
import { mime, rawClient, sendRaw, start, USER } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await start({ httpPort: false });
});
afterAll(async () => {
  await emulator.close();
});

const HEAD = mime({ body: '' });
const bigBody = (bytes: number) => `${'y'.repeat(998)}\r\n`.repeat(Math.ceil(bytes / 1000));

describe('what the service reads on the wire', () => {
  it('answers a line of 2001 octets with the "too longer line" reply (SIZES, R18)', async () => {
    const reply = await sendRaw(emulator, mime({ body: `${'a'.repeat(2001)}\r\n` }));
    expect(reply.line).toBe(SES_REPLIES.tooLongLine);
    expect(emulator.history.at(-1)?.verdict).toMatchObject({ accepted: false, reason: 'too-long-line', rule: 'SIZES' });
  });

  it('breaks the connection mid-DATA for a message over 10 MiB, as the service does (R18)', async () => {
    const client = await rawClient(emulator);
    await client.command(`MAIL FROM:<${USER}>`);
    await client.command('RCPT TO:<user@example.org>');
    expect((await client.command('DATA')).code).toBe(354);
    client.socket.on('error', () => {});
    client.socket.write(HEAD + bigBody(11 * 1024 * 1024));
    client.socket.write('\r\n.\r\n');
    await expect(client.reply()).rejects.toThrow();
    const stored = await emulator.waitForMessage((m) => m.verdict.reason === 'too-large', 5000);
    expect(stored).toMatchObject({ status: 'refused', reply: null });
    expect(stored.size).toBeGreaterThan(10 * 1024 * 1024);
    expect(stored.raw.length).toBe(10 * 1024 * 1024);
  });

  it('answers 552 instead when oversize is "reply" (R21)', async () => {
    const replying = await start({ httpPort: false, oversize: 'reply' });
    try {
      const reply = await sendRaw(replying, HEAD + bigBody(10.5 * 1024 * 1024));
      expect(reply.line).toBe(SES_REPLIES.tooLarge);
      expect(replying.refused[0]?.verdict.reason).toBe('too-large');
    } finally {
      await replying.close();
    }
  });

  it.each([
    ['a bare LF', 'line one\nline two\r\n'],
    ['a bare CR', 'line one\rline two\r\n'],
    ['the smuggling sequence \\n.\\n', 'hello\n.\nMAIL FROM:<evil@example.com>\r\n'],
    ['the smuggling sequence \\r.\\r', 'hello\r.\rMAIL FROM:<evil@example.com>\r\n'],
  ])('refuses %s in DATA with a 554, as one message (RFC 5322)', async (_name, body) => {
    const client = await rawClient(emulator);
    const reply = await client.send(USER, ['user@example.org'], mime({ body }));
    expect(reply.line).toBe(BARE_LINE_ENDING_REPLY);
    // The sequence did not end DATA early: the session is in a clean state and the next command works.
    expect((await client.command('NOOP')).code).toBe(250);
    await client.quit();
    const stored = emulator.history.at(-1);
    expect(stored?.verdict.reason).toBe('bare-line-ending');
    expect(stored?.raw.toString('latin1')).toContain(body.slice(0, 8));
  });
});
