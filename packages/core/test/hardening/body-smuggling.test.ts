// SMTP smuggling: a body holding an end-of-data sequence ("\r\n.\r\n", "\n.\n", "\r.\r") or bare CR/LF must reach
// the service as exactly one message with exactly the intended body. The emulator refuses bare CR or LF outright,
// so a message that got through was sent with clean CRLF line endings and correct dot-stuffing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message } from '@qcloudmail/test-helpers';
import { type Harness, harness } from '../helpers.js';

const EVIL = 'MAIL FROM:<noreply@mail.example.com>\r\nRCPT TO:<victim@evil.example>\r\nDATA\r\nSubject: smuggled';
const bodies: Array<[string, string]> = [
  ['CRLF dot CRLF', `before\r\n.\r\n${EVIL}\r\n.\r\nafter`],
  ['LF dot LF', `before\n.\n${EVIL}\n.\nafter`],
  ['CR dot CR', `before\r.\r${EVIL}\r.\rafter`],
  ['mixed endings', `a\r\n.\nb\r.\r\nc\n\r.\r\n`],
  ['bare CR and LF', 'one\rtwo\nthree\r\nfour'],
  ['a line that is only dots', '..\r\n.\r\n...\r\n'],
  ['a dot at the very start and end', '.\r\nmiddle\r\n.'],
  ['a lone dot', '.'],
  ['NUL and dots', 'a\0\r\n.\r\nb'],
  ['a long line of dots', `${'.'.repeat(3000)}\r\n.\r\n`],
];

// mailparser reports every line ending as \n.
const lf = (text: string) => text.replace(/\r\n|\r|\n/g, '\n');
// A recipient per send: the service allows 10 messages an hour to one recipient (R6).
const intended: string[] = [];
const recipient = () => {
  intended.push(`user${intended.length}@example.org`);
  return intended.at(-1) as string;
};

describe('end-of-data sequences in bodies reach the service as one message', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ rateLimit: false, retry: false });
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(bodies)('text: %s', async (_name, body) => {
    const before = h.emulator.history.length;
    const to = recipient();
    const outcome = await h.client.send(message(to, { text: body }));
    const stored = h.emulator.history.slice(before);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'accepted' });
    expect(stored[0]?.parsed.messageId).toBe(outcome.messageId);
    expect(stored[0]?.envelope.to).toEqual([to]);
    expect(lf(stored[0]?.parsed.text ?? '')).toBe(lf(body));
  });

  it.each(bodies)('html beside text: %s', async (_name, body) => {
    const before = h.emulator.history.length;
    await h.client.send(message(recipient(), { text: body, html: `<pre>${body}</pre>` }));
    const stored = h.emulator.history.slice(before);
    expect(stored).toHaveLength(1);
    expect(lf(stored[0]?.parsed.text ?? '')).toBe(lf(body));
    expect(lf(String(stored[0]?.parsed.html ?? ''))).toBe(lf(`<pre>${body}</pre>`));
  });

  it('nobody else received anything', () => {
    const recipients = h.emulator.history.flatMap((stored) => stored.envelope.to);
    expect(recipients).toEqual(intended);
    expect(h.emulator.refused).toHaveLength(0);
  });
});
