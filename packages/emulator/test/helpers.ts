import nodemailer from 'nodemailer';
import { type Emulator, type EmulatorExtensions, type EmulatorOptions, startEmulator } from '../src/index.js';
import { RawSmtpClient } from './raw-smtp-client.js';

export const USER = 'sender@mail.example.com';
export const PASS = 'test-password';
export const APP_ID = 'app-test';

/** Starts an emulator with the tests' sender; `options` override. */
export function start<C extends { now(): number }>(
  options: EmulatorOptions<C> & EmulatorExtensions = {},
): Promise<Emulator<C>> {
  return startEmulator({ users: [{ user: USER, pass: PASS }], appId: APP_ID, ...options });
}

/** A nodemailer transport to `emulator` over verified TLS (R2, R3). */
export function transport(emulator: Emulator, auth: { user: string; pass: string } = { user: USER, pass: PASS }) {
  return nodemailer.createTransport({
    host: emulator.host,
    port: emulator.port,
    secure: true,
    auth,
    tls: { ca: emulator.ca, servername: 'localhost' },
  });
}

/** A raw client, logged in unless `login` is false. */
export async function rawClient(emulator: Emulator, login = true): Promise<RawSmtpClient> {
  const { client } = await RawSmtpClient.connect(emulator.host, emulator.port, emulator.ca);
  if (login) {
    const reply = await client.login(USER, PASS);
    if (reply.code !== 235) throw new Error(`login failed: ${reply.line}`);
  }
  return client;
}

/** A valid message built by hand, CRLF line endings; `headers` replace or add header lines, `body` the body. */
export function mime(options: { headers?: Record<string, string | undefined>; body?: string } = {}): string {
  const headers: Record<string, string | undefined> = {
    From: `Sender <${USER}>`,
    To: 'user@example.org',
    Subject: 'Hello',
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=UTF-8',
    ...options.headers,
  };
  const lines = Object.entries(headers)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n${options.body ?? 'Hello from the raw client.\r\n'}`;
}

/** Sends `raw` from the tests' sender to `to` over a fresh raw connection and returns the final reply. */
export async function sendRaw(emulator: Emulator, raw: string | Buffer, to = ['user@example.org']) {
  const client = await rawClient(emulator);
  try {
    return await client.send(USER, to, raw);
  } finally {
    await client.quit();
  }
}

/** The JSON after the SES marker of a 554 reply (R16). */
export function sesJson(line: string): {
  Response: { RequestId: string };
  QcloudError: { Error: { Code: string; Message: string } };
} {
  const marker = '##SES-response-json: ';
  const at = line.indexOf(marker);
  if (at < 0) throw new Error(`no SES JSON in ${line}`);
  return JSON.parse(line.slice(at + marker.length));
}
