// The suppression list (R30) through nodemailer: the client's list refuses before the network, and
// `mail.data.ignoreSuppression: true` is the explicit override, for a structured send and for a raw one.
import { createMemorySuppressionList } from '@qcloudmail/core';
import { type Emulator, messagesTo, rawMessage, USER } from '@qcloudmail/test-helpers';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { qcloudmailTransport } from '../src/index.js';
import { clientOptions, emulator, rejection } from './helpers.js';

let server: Emulator | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const BOUNCED = 'raw@example.org';
let rawCount = 0;
// The shared raw message is addressed to raw@example.org: the bounced recipient here.
const raw = () => rawMessage(`Message-ID: <suppressed-${++rawCount}@mail.example.com>`, { subject: 'Raw' });

async function setup() {
  server = await emulator();
  const suppression = createMemorySuppressionList();
  await suppression.add({ address: BOUNCED, reason: 'hard_bounce' });
  const transporter = nodemailer.createTransport(qcloudmailTransport(clientOptions(server, { suppression })));
  return { server, transporter };
}

describe('the suppression list through the nodemailer transport (R30)', () => {
  it('refuses a suppressed recipient with SUPPRESSED before the network, structured and raw', async () => {
    const { server: running, transporter } = await setup();
    const structured = await rejection(transporter.sendMail({ from: USER, to: BOUNCED, subject: 'Hi', text: 'x' }));
    expect(structured).toMatchObject({ code: 'SUPPRESSED', rule: 'R30', retryable: false });
    const rawRefused = await rejection(transporter.sendMail({ envelope: { from: USER, to: [BOUNCED] }, raw: raw() }));
    expect(rawRefused).toMatchObject({ code: 'SUPPRESSED' });
    expect(running.history).toHaveLength(0);
    await transporter.close();
  });

  it('sends anyway with ignoreSuppression: true, which never reaches the message itself', async () => {
    const { server: running, transporter } = await setup();
    await transporter.sendMail({ from: USER, to: BOUNCED, subject: 'Hi', text: 'x', ignoreSuppression: true });
    await transporter.sendMail({ envelope: { from: USER, to: [BOUNCED] }, raw: raw(), ignoreSuppression: true });
    const received = messagesTo(running, BOUNCED);
    expect(received).toHaveLength(2);
    expect(received[0]?.raw.toString('latin1')).not.toMatch(/ignoreSuppression/i);
    await transporter.close();
  });

  it('refuses an ignoreSuppression that is not a boolean, naming the field', async () => {
    const { transporter } = await setup();
    const error = await rejection(
      transporter.sendMail({ from: USER, to: BOUNCED, subject: 'Hi', text: 'x', ignoreSuppression: 'yes' as never }),
    );
    expect(error).toMatchObject({
      code: 'VALIDATION',
      issues: [expect.objectContaining({ path: ['ignoreSuppression'] })],
    });
    await transporter.close();
  });
});
