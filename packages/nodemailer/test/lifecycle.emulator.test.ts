import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createMailClient } from '@qcloudmail/core';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, messagesTo, PASS, USER } from '@qcloudmail/test-helpers';
import { QcloudMailTransport, qcloudmailTransport } from '../src/index.js';
import { clientOptions, emulator, rejection } from './helpers.js';

let server: Emulator | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const message = (to: string) => ({ from: USER, to, subject: 'Lifecycle', text: 'hello' });

describe('verify', () => {
  it('resolves true without a callback and calls back with true', async () => {
    server = await emulator();
    const transporter = nodemailer.createTransport(qcloudmailTransport(clientOptions(server)));
    await expect(transporter.verify()).resolves.toBe(true);
    const viaCallback = await new Promise((resolve, reject) => {
      transporter.verify((error, success) => (error ? reject(error) : resolve(success)));
    });
    expect(viaCallback).toBe(true);
    transporter.close();
    await once(transporter, 'clear');
  });

  it('fails a wrong password with EAUTH-compatible fields (R21)', async () => {
    server = await emulator();
    const options = clientOptions(server, { auth: { user: USER, pass: 'wrong-password' } });
    const transporter = nodemailer.createTransport(qcloudmailTransport(options));
    const error = await rejection(transporter.verify());
    expect(error).toMatchObject({ code: 'AUTH', nodemailerCode: 'EAUTH', responseCode: 535 });
    expect(String(error.response)).toMatch(/^535/);
    expect(JSON.stringify(error)).not.toContain('wrong-password');
    const viaCallback = await new Promise<Error | null>((resolve) => transporter.verify((failure) => resolve(failure)));
    expect(viaCallback).toMatchObject({ nodemailerCode: 'EAUTH' });
    transporter.close();
  });
});

describe('close, idle and the wrapped client', () => {
  it('lets an in-flight send complete, then refuses new ones', async () => {
    server = await emulator();
    const transport = qcloudmailTransport(clientOptions(server));
    const transporter = nodemailer.createTransport(transport);
    const cleared = once(transporter, 'clear');
    // Close once the message is on its way: the send must still complete.
    const onTheWire = new Promise<void>((resolve) => transport.client.on('sending', () => resolve()));
    const inFlight = transporter.sendMail(message('drain@example.org'));
    await onTheWire;
    transporter.close();
    await expect(inFlight).resolves.toMatchObject({ accepted: ['drain@example.org'] });
    await cleared;
    expect(messagesTo(server, 'drain@example.org')).toHaveLength(1);
    const late = await rejection(transporter.sendMail(message('late@example.org')));
    expect(late).toMatchObject({ code: 'CLOSED' });
  });

  it('emits idle when a send finishes and it has room again', async () => {
    server = await emulator();
    const transport = qcloudmailTransport(clientOptions(server, { pool: { maxConnections: 1 } }));
    const transporter = nodemailer.createTransport(transport);
    const idle = once(transporter, 'idle');
    const sending = transporter.sendMail(message('idle@example.org'));
    expect(transporter.isIdle()).toBe(false);
    await sending;
    await idle;
    expect(transporter.isIdle()).toBe(true);
    await transport.close();
    expect(transporter.isIdle()).toBe(false);
  });

  it('wraps an existing client and leaves it open on close', async () => {
    server = await emulator();
    const client = createMailClient(clientOptions(server));
    const transport = new QcloudMailTransport({ client });
    const transporter = nodemailer.createTransport(transport);
    await transporter.sendMail(message('wrapped@example.org'));
    await transport.close();
    await expect(client.send(message('after@example.org'))).resolves.toMatchObject({ accepted: ['after@example.org'] });
    await client.close();
  });

  it('sends one message per recipient under the split policy, Cc included (R8, R9)', async () => {
    server = await emulator();
    const transport = qcloudmailTransport(clientOptions(server, { recipients: 'split' }));
    const transporter = nodemailer.createTransport(transport);
    const info = await transporter.sendMail({ ...message('one@example.org'), cc: 'two@example.org' });
    expect(info.messages).toHaveLength(2);
    expect(info.accepted).toEqual(['one@example.org', 'two@example.org']);
    expect(messagesTo(server, 'two@example.org')).toHaveLength(1);
    await transport.close();
  });

  it('never leaks the password into errors or info', async () => {
    server = await emulator();
    const transport = qcloudmailTransport(clientOptions(server));
    const info = await nodemailer.createTransport(transport).sendMail(message('secret@example.org'));
    expect(JSON.stringify(info)).not.toContain(PASS);
    await transport.close();
  });
});

describe('message content from files and aborts', () => {
  it('attaches a local file when allowFileAccess is set', async () => {
    server = await emulator();
    const file = join(mkdtempSync(join(tmpdir(), 'qcloudmail-nm-')), 'notes.txt');
    writeFileSync(file, 'read from disk');
    const transport = qcloudmailTransport({ ...clientOptions(server), allowFileAccess: true });
    await nodemailer
      .createTransport(transport)
      .sendMail({ ...message('file@example.org'), attachments: [{ path: file }] });
    const [stored] = messagesTo(server, 'file@example.org');
    expect(stored?.parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
      ['notes.txt', 'read from disk'],
    ]);
    await transport.close();
  });

  it('aborts a send whose stream never ends when the signal fires, with nothing sent', async () => {
    server = await emulator();
    const transport = qcloudmailTransport(clientOptions(server));
    const controller = new AbortController();
    const endless = new Readable({ read() {} });
    endless.push('<p>never finished');
    const sending = nodemailer.createTransport(transport).sendMail({
      ...message('abort@example.org'),
      html: endless,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(sending);
    // The transport owns the signal once nodemailer hands the message over (supportsAbortSignal).
    expect(error.code).toBe('ABORTED');
    expect(endless.destroyed).toBe(true);
    expect(messagesTo(server, 'abort@example.org')).toHaveLength(0);
    await transport.close();
  });
});
