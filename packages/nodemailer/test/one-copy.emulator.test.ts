// One copy per send, or OUTCOME_UNKNOWN (R19), through nodemailer's sendMail: the cases of issue #17 (item 2)
// that once made the client retry after the final dot and resolve with two copies out.
import nodemailer from 'nodemailer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CAPPED_NAME, type Emulator, FAR_TO, PADDING, rawMessage, USER } from '@qcloudmail/test-helpers';
import { type QcloudMailTransport, qcloudmailTransport } from '../src/index.js';
import { clientOptions, emulator, rejection } from './helpers.js';

let server: Emulator;
let transporter: ReturnType<typeof nodemailer.createTransport>;
const attempts: number[] = [];
beforeAll(async () => {
  server = await emulator({ httpPort: false });
  transporter = nodemailer.createTransport(qcloudmailTransport(clientOptions(server, { rateLimit: false })));
  (transporter.transporter as unknown as QcloudMailTransport).client.on('sending', (event) => {
    attempts.push(event.attempt);
  });
});
afterEach(() => {
  server.reset();
  attempts.length = 0;
});
afterAll(async () => {
  await transporter?.transporter.close?.();
  await server?.close();
});

const raw = (messageIdLines: string, before = ''): string => rawMessage(messageIdLines, { before });

const cases: Array<[string, () => Parameters<typeof transporter.sendMail>[0]]> = [
  [
    'long From and To display names (Message-ID beyond 64 KiB)',
    () => ({ from: { name: CAPPED_NAME, address: USER }, to: FAR_TO, subject: 'One copy', text: 'Hello' }),
  ],
  ['raw: a folded Message-ID line', () => ({ raw: raw('Message-ID:\r\n <nm-folded@example.com>') })],
  ['raw: a Message-ID with a comment', () => ({ raw: raw('Message-ID: <nm-comment@example.com> (shop)') })],
  ['raw: a Message-ID after 64 KiB of headers', () => ({ raw: raw('Message-ID: <nm-far@example.com>', PADDING) })],
];

describe('sendMail with the connection lost after the final dot: one copy, OUTCOME_UNKNOWN, no retry', () => {
  it.each(cases)('%s', async (_name, mail) => {
    server.faults.add({ type: 'drop-after-data' });
    const error = await rejection(transporter.sendMail(mail()));
    expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN', rule: 'R19', retryable: false });
    expect(attempts).toEqual([1]);
    expect(server.messages).toHaveLength(1);
  });
});

describe('two sendMail calls in flight with the same messageId', () => {
  const mail = { from: USER, to: 'shared@example.org', subject: 'Shared', text: 'x', messageId: '<nm-shared@x.org>' };

  it('are tracked apart: each lost after its dot is OUTCOME_UNKNOWN, one copy each, no retry', async () => {
    server.faults.add({ type: 'drop-after-data', count: 'always' });
    const results = await Promise.allSettled([transporter.sendMail(mail), transporter.sendMail(mail)]);
    expect(results.map((result) => result.status === 'rejected' && result.reason.code)).toEqual([
      'OUTCOME_UNKNOWN',
      'OUTCOME_UNKNOWN',
    ]);
    expect(attempts).toEqual([1, 1]);
    expect(server.messages).toHaveLength(2);
  });

  it('one dropped after its dot, the other answered too late: both OUTCOME_UNKNOWN, no third copy', async () => {
    // The second send's reply is held past the socket timeout, so it fails after the first one settled.
    const options = clientOptions(server, { rateLimit: false, timeouts: { socket: 800 } });
    const slow = nodemailer.createTransport(qcloudmailTransport(options));
    const seen: number[] = [];
    (slow.transporter as unknown as QcloudMailTransport).client.on('sending', (event) => seen.push(event.attempt));
    server.faults.add({ type: 'drop-after-data' });
    server.faults.add({ type: 'delay', ms: 1500, count: 2 });
    try {
      const results = await Promise.allSettled([slow.sendMail(mail), slow.sendMail(mail)]);
      expect(results.map((result) => result.status === 'rejected' && result.reason.code)).toEqual([
        'OUTCOME_UNKNOWN',
        'OUTCOME_UNKNOWN',
      ]);
      expect(seen).toEqual([1, 1]);
      expect(server.messages).toHaveLength(2);
    } finally {
      await slow.transporter.close?.();
    }
  });
});
