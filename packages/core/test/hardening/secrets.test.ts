// No credential in any output: a known, unique password goes through every failure path of core's client, the
// nodemailer transport and Express's mailErrorHandler; every message, stack, toJSON, util.inspect and
// JSON.stringify of the errors, every log record and event, and every HTTP body is searched for it (also for its
// base64 form and the AUTH PLAIN payload).
import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import { generateTlsMaterial, startEmulator } from '@qcloudmail/test-helpers/emulator';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message } from '@qcloudmail/test-helpers';
import { mailErrorHandler } from '../../../express/src/mail-error-handler.js';
import { qcloudmailTransport } from '../../../nodemailer/src/qcloudmail-transport.js';
import { createMailClient } from '../../src/client/create-mail-client.js';
import type { MailClient, MailClientOptions, MailLogRecord } from '../../src/client/types.js';
import { isQcloudMailError } from '../../src/errors/qcloud-mail-error.js';
import { FAULT_TIMEOUTS, SLOW_GREETING_TIMEOUTS } from '../helpers.js';

const USER = 'noreply@mail.example.com';
const PASSWORD = 'Pw-7f3c9e1a4b-UNIQUE-hardening-SECRET-c0ffee9b2d';
const FORMS = [
  PASSWORD,
  PASSWORD.slice(8, 30),
  Buffer.from(PASSWORD).toString('base64'),
  Buffer.from(`\0${USER}\0${PASSWORD}`).toString('base64'),
  Buffer.from(`${USER}\0${USER}\0${PASSWORD}`).toString('base64'),
  encodeURIComponent(PASSWORD),
];

/** Every rendering of a value a program might log or answer with. */
function renderings(value: unknown): string[] {
  const out = [inspect(value, { depth: 12, showHidden: true }), safeJson(value), String(value)];
  if (value instanceof Error) out.push(value.message, value.stack ?? '');
  if (isQcloudMailError(value)) out.push(JSON.stringify(value.toJSON()));
  // Follow the cause chain: the underlying nodemailer error travels as `cause`.
  let cause = value instanceof Error ? value.cause : undefined;
  for (let depth = 0; cause !== undefined && depth < 5; depth++) {
    out.push(inspect(cause, { depth: 12, showHidden: true }), safeJson(cause));
    if (cause instanceof Error) out.push(cause.message, cause.stack ?? '');
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return out;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

function expectNoSecret(label: string, outputs: readonly string[]): void {
  for (const output of outputs) {
    for (const form of FORMS) {
      if (output.includes(form)) throw new Error(`${label}: an output contains the password (${form.slice(0, 6)}...)`);
    }
  }
}

let emulator: Awaited<ReturnType<typeof startEmulator>>;
let closedPort: number;
beforeAll(async () => {
  emulator = await startEmulator({ users: [{ user: USER, pass: PASSWORD }], appId: 'app-s', httpPort: false });
  const probe = createHttpServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(async () => {
  await emulator.close();
});

const logs: MailLogRecord[] = [];
const base = (): MailClientOptions => ({
  host: emulator.host,
  port: emulator.port,
  ca: emulator.ca,
  auth: { user: USER, pass: PASSWORD },
  appId: 'app-s',
  retry: false,
  // Generous, so that a loaded machine's slow greeting cannot turn a path into TIMEOUT; the greeting-timeout
  // path takes a short one of its own.
  timeouts: FAULT_TIMEOUTS,
  logger: (record) => logs.push(record),
});

type Fault = Parameters<typeof emulator.faults.add>[0];
interface Path {
  options?: Partial<MailClientOptions>;
  fault?: Fault;
  input?: Record<string, unknown>;
  code: string;
  before?: (client: MailClient) => Promise<void>;
}

const emulatorWithOtherPassword = () => ({ users: [{ user: USER, pass: 'another-password' }] });
// Every failure path, with the code it must end in.
const paths: Array<[string, Path]> = [
  ['wrong password (535)', { options: {}, code: 'AUTH' }],
  ['454 to AUTH', { fault: { type: 'reply', stage: 'auth', reply: '454 4.7.0 Try again' }, code: 'AUTH' }],
  ['connection refused', { options: { host: '127.0.0.1' }, code: 'CONNECTION' }],
  ['untrusted TLS', { options: { ca: undefined }, code: 'CONNECTION' }],
  [
    'greeting timeout',
    {
      options: { timeouts: SLOW_GREETING_TIMEOUTS },
      fault: { type: 'greeting-delay', ms: 800 },
      code: 'TIMEOUT',
    },
  ],
  [
    'provider error',
    { fault: { type: 'provider-error', code: 'FailedOperation.EmailAddrInBlacklist' }, code: 'PROVIDER' },
  ],
  [
    'rate limit (service)',
    { fault: { type: 'provider-error', code: 'RequestLimitExceeded.SmtpRateLimit' }, code: 'RATE_LIMIT' },
  ],
  ['validation', { input: { from: USER, to: 'not-an-address', subject: 's', text: 't' }, code: 'VALIDATION' }],
  ['outcome unknown', { fault: { type: 'drop-after-data' }, code: 'OUTCOME_UNKNOWN' }],
  ['close during AUTH', { fault: { type: 'close-during-auth' }, code: 'CONNECTION' }],
  ['closed client', { code: 'CLOSED', before: (client) => client.close() }],
  [
    'rate limit (local, R6)',
    {
      options: { rateLimit: { perHourPerRecipient: 1 } },
      code: 'RATE_LIMIT',
      before: async (client) => void (await client.send(message('once@example.org'))),
    },
  ],
];

function optionsFor(name: string, path: Path): MailClientOptions {
  const options = { ...base(), ...path.options };
  if (name.startsWith('wrong password')) options.port = wrongPasswordEmulator.port;
  if (name.startsWith('wrong password')) options.ca = wrongPasswordEmulator.ca;
  if (name === 'connection refused') options.port = closedPort;
  if (name === 'untrusted TLS') delete options.ca;
  return options;
}

let wrongPasswordEmulator: Awaited<ReturnType<typeof startEmulator>>;
beforeAll(async () => {
  // This emulator knows another password: ours is refused with 535, so it travels in a failing AUTH.
  wrongPasswordEmulator = await startEmulator({
    ...emulatorWithOtherPassword(),
    httpPort: false,
    tls: await generateTlsMaterial(),
  });
});
afterAll(async () => {
  await wrongPasswordEmulator.close();
});

describe('the search itself', () => {
  it('finds the password in each form it looks for, as an unscrubbed AUTH command would carry it', () => {
    for (const form of FORMS) expect(() => expectNoSecret('probe', [`AUTH PLAIN ${form}`])).toThrow(/password/);
  });
});

describe("core's client: no password in errors, logs or events", () => {
  afterAll(() => {
    // The password really went over the wire to be refused: the wrong-password paths tested something.
    expect(wrongPasswordEmulator.stats.authFailures).toBeGreaterThan(0);
  });

  it.each(paths)('%s', async (name, path) => {
    logs.length = 0;
    emulator.faults.clear();
    if (path.fault) emulator.faults.add(path.fault);
    const client = createMailClient(optionsFor(name, path));
    const events: unknown[] = [];
    client.on('failed', (event) => events.push(event));
    client.on('retrying', (event) => events.push(event));
    await path.before?.(client);
    const to = message(`t-${name.replace(/\W+/g, '-')}@example.org`);
    const errors: unknown[] = [];
    await client
      .send(path.input ?? (name.startsWith('rate limit (local') ? message('once@example.org') : to))
      .catch((e) => errors.push(e));
    if (name.startsWith('wrong password') || name === 'untrusted TLS')
      await client.verify().catch((e) => errors.push(e));
    await client.close({ timeoutMs: 500 });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ code: path.code });
    expectNoSecret(name, [
      ...errors.flatMap(renderings),
      ...events.flatMap(renderings),
      safeJson(logs),
      inspect(logs, { depth: 12 }),
    ]);
  });
});

describe('the nodemailer transport: no password in errors or logs', () => {
  it.each(paths.filter(([name]) => !/closed client|local/.test(name)))('%s', async (name, path) => {
    logs.length = 0;
    emulator.faults.clear();
    if (path.fault) emulator.faults.add(path.fault);
    const transport = nodemailer.createTransport(qcloudmailTransport(optionsFor(name, path)));
    const errors: unknown[] = [];
    await transport
      .sendMail(path.input ?? message(`n-${name.replace(/\W+/g, '-')}@example.org`))
      .catch((error: unknown) => errors.push(error));
    if (name.startsWith('wrong password')) await transport.verify().catch((error: unknown) => errors.push(error));
    transport.close();
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ code: path.code });
    expectNoSecret(name, [...errors.flatMap(renderings), safeJson(logs), inspect(logs, { depth: 12 })]);
  });
});

/** The parts of an Express application this test uses; Express itself resolves from the express package. */
interface ExpressApp {
  use(...handlers: unknown[]): void;
  post(
    path: string,
    handler: (req: IncomingMessage & { body?: unknown }, res: ServerResponse, next: (error?: unknown) => void) => void,
  ): void;
  listen(port: number, host: string): import('node:http').Server;
}
const requireFromExpress = createRequire(new URL('../../../express/package.json', import.meta.url));
const express = requireFromExpress('express') as (() => ExpressApp) & { json(): unknown };

describe("Express's mailErrorHandler over HTTP: no password in bodies or onError", () => {
  it('answers every failure path without the password', async () => {
    const seenByOnError: unknown[] = [];
    const app = express();
    app.use(express.json());
    app.post('/send/:path', (req, _res, next) => {
      const name = decodeURIComponent((req as unknown as { params: { path: string } }).params.path);
      const path = paths.find(([each]) => each === name)?.[1] as Path;
      emulator.faults.clear();
      if (path.fault) emulator.faults.add(path.fault);
      const client = createMailClient(optionsFor(name, path));
      const run = async () => {
        await path.before?.(client);
        const input =
          path.input ??
          message(name.startsWith('rate limit (local') ? 'once@example.org' : `e-${Date.now()}@example.org`);
        await client.send(input);
      };
      run()
        .then(() => next(new Error('expected a failure')))
        .catch(next)
        .finally(() => void client.close({ timeoutMs: 500 }));
    });
    app.use(mailErrorHandler({ onError: (error) => seenByOnError.push(error) }));
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const [name, path] of paths) {
        const response = await fetch(`${url}/send/${encodeURIComponent(name)}`, { method: 'POST' });
        const body = await response.text();
        expect([name, response.status >= 400]).toEqual([name, true]);
        expect([name, (JSON.parse(body) as { error?: { code?: string } }).error?.code]).toEqual([name, path.code]);
        expectNoSecret(`HTTP ${name}`, [body, [...response.headers].join('\n')]);
      }
      expectNoSecret('onError', seenByOnError.flatMap(renderings));
      expect(seenByOnError).toHaveLength(paths.length);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
