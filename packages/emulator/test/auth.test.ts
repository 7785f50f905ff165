import tls from 'node:tls';
import { SES_REPLIES } from '@qcloudmail/core/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { PASS, rawClient, start, transport, USER } from './helpers.js';
import { RawSmtpClient } from './raw-smtp-client.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await start({ httpPort: false });
});
afterAll(async () => {
  await emulator.close();
});

describe('TLS and authentication (R2, R3, R4, R21)', () => {
  it('greets over implicit TLS 1.3 with a certificate that verifies against the emulator CA', async () => {
    const { client, greeting } = await RawSmtpClient.connect(emulator.host, emulator.port, emulator.ca);
    expect(greeting.code).toBe(220);
    expect(client.socket.authorized).toBe(true);
    expect(client.socket.getProtocol()).toBe('TLSv1.3');
    const ehlo = await client.command('EHLO raw.test');
    expect(ehlo.text).toMatch(/AUTH PLAIN LOGIN/);
    expect(ehlo.text).not.toMatch(/STARTTLS/);
    await client.quit();
  });

  it('refuses a client that does not trust its CA, and one limited to TLS 1.1', async () => {
    const attempt = (options: tls.ConnectionOptions) =>
      new Promise<void>((resolve, reject) => {
        const socket = tls.connect({ host: emulator.host, port: emulator.port, ...options }, () => {
          socket.destroy();
          resolve();
        });
        socket.once('error', reject);
      });
    await expect(attempt({})).rejects.toThrow(/self-signed|certificate/i);
    await expect(
      attempt({ ca: emulator.ca, servername: 'localhost', maxVersion: 'TLSv1.1', minVersion: 'TLSv1' }),
    ).rejects.toThrow();
    await expect(attempt({ ca: emulator.ca, servername: 'localhost', maxVersion: 'TLSv1.2' })).resolves.toBeUndefined();
  });

  it('accepts AUTH PLAIN and AUTH LOGIN with the right password', async () => {
    const plain = await rawClient(emulator);
    await plain.quit();
    const { client } = await RawSmtpClient.connect(emulator.host, emulator.port, emulator.ca);
    await client.command('EHLO raw.test');
    expect((await client.command('AUTH LOGIN')).code).toBe(334);
    expect((await client.command(Buffer.from(USER).toString('base64'))).code).toBe(334);
    expect((await client.command(Buffer.from(PASS).toString('base64'))).code).toBe(235);
    await client.quit();
  });

  it('answers a wrong password and an unknown sender with 535 5.7.8 Authentication failed', async () => {
    const before = emulator.stats.authFailures;
    for (const [user, pass] of [
      [USER, 'wrong'],
      ['nobody@example.com', PASS],
    ] as const) {
      const { client } = await RawSmtpClient.connect(emulator.host, emulator.port, emulator.ca);
      expect((await client.login(user, pass)).line).toBe(SES_REPLIES.authFailed);
      await client.quit();
    }
    expect(emulator.stats.authFailures - before).toBe(2);
  });

  it('gives nodemailer an EAUTH error with the service reply for a wrong password', async () => {
    const error = await transport(emulator, { user: USER, pass: 'wrong' })
      .sendMail({ from: USER, to: 'user@example.org', subject: 'x', text: 'y' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'EAUTH', response: SES_REPLIES.authFailed, responseCode: 535 });
  });

  it('answers MAIL before AUTH with 502 5.7.0 Please authenticate first', async () => {
    const client = await rawClient(emulator, false);
    await client.command('EHLO raw.test');
    expect((await client.command(`MAIL FROM:<${USER}>`)).line).toBe(SES_REPLIES.authFirst);
    await client.quit();
  });

  it('groups senders under accounts and refuses a sender configured twice', async () => {
    const multi = await startEmulator({
      httpPort: false,
      accounts: [
        { appId: 'a1', senders: [{ user: 'one@example.com', pass: 'p1' }] },
        { appId: 'a2', senders: [{ user: 'two@example.com', pass: 'p2' }] },
      ],
    });
    try {
      expect(multi.accounts).toEqual([
        { appId: 'a1', senders: ['one@example.com'] },
        { appId: 'a2', senders: ['two@example.com'] },
      ]);
      const { client } = await RawSmtpClient.connect(multi.host, multi.port, multi.ca);
      expect((await client.login('two@example.com', 'p2')).code).toBe(235);
      await client.quit();
    } finally {
      await multi.close();
    }
    await expect(
      startEmulator({
        accounts: [
          {
            appId: 'a',
            senders: [
              { user: 'x@example.com', pass: '1' },
              { user: 'X@example.com', pass: '2' },
            ],
          },
        ],
      }),
    ).rejects.toMatchObject({ code: 'CONFIGURATION' });
  });

  it('logs sessions through logger without ever logging a password', async () => {
    const records: unknown[] = [];
    const logged = await start({ httpPort: false, logger: (record) => records.push(record) });
    try {
      const { client } = await RawSmtpClient.connect(logged.host, logged.port, logged.ca);
      expect((await client.login(USER, 'wrong-secret')).code).toBe(535);
      expect((await client.command(`AUTH PLAIN ${Buffer.from(`\0${USER}\0${PASS}`).toString('base64')}`)).code).toBe(
        235,
      );
      await client.quit();
    } finally {
      await logged.close();
    }
    const text = JSON.stringify(records);
    expect(text).toContain('authentication failed');
    expect(text).not.toContain('wrong-secret');
    expect(text).not.toContain(PASS);
  });

  it('has one default sender when none is configured', async () => {
    const plain = await startEmulator({ httpPort: false });
    try {
      expect(plain.accounts).toEqual([{ appId: 'emulator-app', senders: ['sender@example.com'] }]);
      const { client } = await RawSmtpClient.connect(plain.host, plain.port, plain.ca);
      expect((await client.login('sender@example.com', 'secret')).code).toBe(235);
      await client.quit();
    } finally {
      await plain.close();
    }
  });
});
