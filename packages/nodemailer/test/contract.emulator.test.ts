import { once } from 'node:events';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, expectCoreErrorExports, messagesTo, USER } from '@qcloudmail/test-helpers';
import * as adapter from '../src/index.js';
import { createTransporter, isQcloudMailError, QcloudMailError, qcloudmailTransport } from '../src/index.js';
import { clientOptions, emulator, rejection } from './helpers.js';

let server: Emulator | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const message = (to: string, text = 'hello') => ({ from: USER, to, subject: 'Contract', text });

describe("nodemailer's pooled idle loop", () => {
  it('emits idle once created, so the documented loop sends every queued message', async () => {
    server = await emulator();
    const transporter = nodemailer.createTransport(qcloudmailTransport(clientOptions(server)));
    const queue = Array.from({ length: 6 }, (_, index) => message(`idle-${index}@example.org`));
    const sent: Array<Promise<unknown>> = [];
    // nodemailer's documentation, as written: https://nodemailer.com/smtp/pooled/
    transporter.on('idle', () => {
      while (transporter.isIdle() && queue.length > 0) {
        const next = queue.shift();
        if (next !== undefined) sent.push(transporter.sendMail(next));
      }
    });
    await expect.poll(() => sent.length, { timeout: 10_000 }).toBe(6);
    await Promise.all(sent);
    for (let index = 0; index < 6; index += 1) {
      expect(messagesTo(server, `idle-${index}@example.org`)).toHaveLength(1);
    }
    await transporter.close();
  });
});

describe('plugins', () => {
  it("refuses use('stream', plugin) when it is called, naming it", async () => {
    server = await emulator();
    const transporter = nodemailer.createTransport(qcloudmailTransport(clientOptions(server)));
    let error: unknown;
    try {
      transporter.use('stream', (_mail, done) => done());
    } catch (caught) {
      error = caught;
    }
    expect(isQcloudMailError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'CONFIGURATION', nodemailerCode: 'ECONFIG' });
    expect(String((error as Error).message)).toMatch(/use\('stream'.*'compile' plugin/);
    await transporter.close();
  });

  it('runs compile plugins before the message is mapped, and core still checks what they produce', async () => {
    server = await emulator();
    const transporter = nodemailer.createTransport(qcloudmailTransport(clientOptions(server)));
    transporter.use('compile', (mail, done) => {
      mail.data.subject = `[compiled] ${String(mail.data.subject)}`;
      if (mail.data.text === 'add cc') mail.data.cc = 'copy@example.org';
      done();
    });
    await transporter.sendMail(message('compile@example.org'));
    expect(messagesTo(server, 'compile@example.org')[0]?.parsed.subject).toBe('[compiled] Contract');
    const error = await rejection(transporter.sendMail(message('compile-cc@example.org', 'add cc')));
    expect(error).toMatchObject({ code: 'VALIDATION', rule: 'R9' });
    expect(messagesTo(server, 'compile-cc@example.org')).toHaveLength(0);
    await transporter.close();
  });
});

describe('what users catch, from @qcloudmail/nodemailer alone', () => {
  it('re-exports the error class and guard that match its errors', async () => {
    server = await emulator();
    const transporter = nodemailer.createTransport(qcloudmailTransport(clientOptions(server)));
    const error = await rejection(transporter.sendMail({ ...message('cc@example.org'), cc: 'x@example.org' }));
    expect(error).toBeInstanceOf(QcloudMailError);
    expect(isQcloudMailError(error)).toBe(true);
    expectCoreErrorExports(adapter);
    await transporter.close();
  });

  it('createTransporter: close() returns the Promise its type says, settled after the in-flight send', async () => {
    server = await emulator();
    const transporter = createTransporter(clientOptions(server));
    const cleared = once(transporter as unknown as NodeJS.EventEmitter, 'clear');
    const sending = transporter.sendMail(message('typed-close@example.org'));
    const closing = transporter.close();
    expect(closing).toBeInstanceOf(Promise);
    await closing;
    await cleared;
    await expect(sending).resolves.toMatchObject({ accepted: ['typed-close@example.org'] });
  });

  it("nodemailer.createTransport: close() hands back the transport's Promise, though nodemailer types it void", async () => {
    server = await emulator();
    const transporter = nodemailer.createTransport(qcloudmailTransport(clientOptions(server)));
    const sending = transporter.sendMail(message('plain-close@example.org'));
    const closing: unknown = transporter.close();
    expect(closing).toBeInstanceOf(Promise);
    await closing;
    await expect(sending).resolves.toMatchObject({ accepted: ['plain-close@example.org'] });
    await expect(transporter.sendMail(message('after-close@example.org'))).rejects.toMatchObject({ code: 'CLOSED' });
  });
});
