import { Readable } from 'node:stream';
import { isQcloudMailError } from '@qcloudmail/core';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, messagesTo, USER } from '@qcloudmail/test-helpers';
import { qcloudmailTransport } from '../src/index.js';
import { clientOptions, emulator, rejection } from './helpers.js';

let server: Emulator;
let transporter: ReturnType<typeof createTransporter>;
function createTransporter() {
  return nodemailer.createTransport(qcloudmailTransport(clientOptions(server)));
}
beforeAll(async () => {
  server = await emulator();
  transporter = createTransporter();
});
afterAll(async () => {
  await transporter?.transporter.close?.();
  await server?.close();
});

const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x00, 0xff, 0x80]);

interface Expected {
  text?: string;
  html?: string;
  attachments?: Array<[string, Buffer]>;
}

// The message shapes of nodemailer's own documentation (nodemailer.com/message, /message/attachments, /message/addresses).
const table: Array<[string, (to: string) => Record<string, unknown>, Expected]> = [
  ['plain text', (to) => ({ to, text: 'Hello world?' }), { text: 'Hello world?' }],
  ['html only', (to) => ({ to, html: '<b>Hello world?</b>' }), { html: '<b>Hello world?</b>' }],
  ['text and html', (to) => ({ to, text: 'Hi', html: '<p>Hi</p>' }), { text: 'Hi', html: '<p>Hi</p>' }],
  ['a UTF-8 subject and body', (to) => ({ to, subject: 'Grüße 你好', text: 'Ünïcödé ✓' }), { text: 'Ünïcödé ✓' }],
  [
    'attachments from a string, a Buffer, a stream and base64',
    (to) => ({
      to,
      text: 'see attached',
      attachments: [
        { filename: 'text1.txt', content: 'hello world!' },
        { filename: 'report.pdf', content: pdf },
        { filename: 'text3.txt', content: Readable.from([Buffer.from('streamed '), Buffer.from('content')]) },
        { filename: 'text4.txt', content: 'aGVsbG8gd29ybGQh', encoding: 'base64' },
        { filename: 'data.txt', path: 'data:text/plain;base64,aGVsbG8gd29ybGQ=' },
      ],
    }),
    {
      text: 'see attached',
      attachments: [
        ['text1.txt', Buffer.from('hello world!')],
        ['report.pdf', pdf],
        ['text3.txt', Buffer.from('streamed content')],
        ['text4.txt', Buffer.from('hello world!')],
        ['data.txt', Buffer.from('hello world')],
      ],
    },
  ],
  [
    'a stream html body',
    (to) => ({ to, html: Readable.from(['<h1>', 'streamed', '</h1>']) }),
    { html: '<h1>streamed</h1>' },
  ],
  ['a named address string', (to) => ({ to: `"Ноутбук, Inc." <${to}>`, text: 'named' }), { text: 'named' }],
  ['an address object', (to) => ({ to: { name: 'Recipient', address: to }, text: 'object' }), { text: 'object' }],
];

describe('sendMail through the emulator', () => {
  it.each(table)('delivers %s intact', async (_name, build, expected) => {
    const to = `case-${Math.random().toString(36).slice(2)}@example.org`;
    const fields = { from: `"Sender" <${USER}>`, subject: 'Message', ...build(to) };
    const info = await transporter.sendMail(fields);
    expect(info.response).toMatch(/^250 /);
    expect(info.accepted).toEqual([to]);
    expect(info.rejected).toEqual([]);
    expect(info.envelope).toEqual({ from: USER, to: [to] });
    expect(info.attempts).toBe(1);
    expect(info.messageId).toMatch(/^<.+@.+>$/);
    const [stored] = messagesTo(server, to);
    expect(stored?.status).toBe('accepted');
    const parsed = stored?.parsed;
    expect(parsed?.subject).toBe(fields.subject);
    expect(parsed?.from).toContain(USER);
    expect(parsed?.to.join(',')).toContain(to);
    expect(parsed?.messageId).toBe(info.messageId);
    if (expected.text !== undefined) expect(parsed?.text?.trim()).toBe(expected.text);
    if (expected.html !== undefined) expect(parsed?.html).toContain(expected.html);
    const attachments = (parsed?.attachments ?? []).map((file) => [file.filename, Buffer.from(file.content)]);
    expect(attachments).toEqual(expected.attachments ?? []);
  });

  it('sends to an array of addresses and a comma list in one message', async () => {
    const [a, b, c] = ['list-a@example.org', 'list-b@example.org', 'list-c@example.org'] as const;
    const list = [a, b, c];
    const info = await transporter.sendMail({
      from: USER,
      to: [a, `${b}, Third <${c}>`],
      subject: 'Several',
      text: 'to three',
    });
    expect(info.accepted).toEqual(list);
    expect(info.messages).toHaveLength(1);
    expect(messagesTo(server, 'list-b@example.org')[0]?.parsed.to).toHaveLength(3);
  });

  it('answers the callback form too, with the same info', async () => {
    const info = await new Promise((resolve, reject) => {
      transporter.sendMail({ from: USER, to: 'callback@example.org', subject: 'cb', text: 'cb' }, (error, result) =>
        error ? reject(error) : resolve(result),
      );
    });
    expect(info).toMatchObject({ accepted: ['callback@example.org'], response: expect.stringMatching(/^250 /) });
  });

  it('passes a provider refusal on with nodemailer fields (R16)', async () => {
    server.faults.add({ type: 'provider-error', code: 'FailedOperation.EmailAddrInBlacklist' });
    const error = await rejection(
      transporter.sendMail({ from: USER, to: 'blocked@example.org', subject: 's', text: 't' }),
    );
    expect(isQcloudMailError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'PROVIDER', responseCode: 554, nodemailerCode: 'EMESSAGE' });
    expect(error.providerCode).toBe('FailedOperation.EmailAddrInBlacklist');
    expect(String(error.response)).toContain('554');
  });
});
