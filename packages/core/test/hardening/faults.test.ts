// Faults on the wire, injected by the emulator: each gives its documented error code, is retried or not as
// documented (R19, R21, R24), and no message the service accepted is stored twice under one Message-ID
// (except after OUTCOME_UNKNOWN with retryUnknownOutcome, the documented opt-in to duplicates).
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { generateTlsMaterial, startEmulator } from '@qcloudmail/test-helpers/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { message, rejection, seen } from '@qcloudmail/test-helpers';
import { createMailClient } from '../../src/client/create-mail-client.js';
import type { MailClientOptions } from '../../src/client/types.js';
import type { QcloudMailErrorCode } from '../../src/errors/qcloud-mail-error.js';
import { faultOptions, type Harness, harness, SLOW_GREETING_TIMEOUTS } from '../helpers.js';

let current: Harness | undefined;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await current?.close();
  current = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

// The faults decide each case, not the timeouts (FAULT_TIMEOUTS). Only the slow-greeting cases take a short
// greeting timeout, below the fault's delay. The recording clock skips the retry waits.
const SLOW_GREETING: Partial<MailClientOptions> = { timeouts: SLOW_GREETING_TIMEOUTS };

async function setup(options: Partial<MailClientOptions> = {}): Promise<Harness> {
  current = await harness({ ...faultOptions(), ...options });
  return current;
}

/** The harness for a fault: a greeting slower than the fault's delay would otherwise never time out. */
function setupFor(fault: Fault): Promise<Harness> {
  return setup(fault.type === 'greeting-delay' ? SLOW_GREETING : {});
}

/** How many times the emulator stored each Message-ID (accepted or refused). */
function storedPerMessageId(h: Harness): number[] {
  const counts = new Map<string, number>();
  for (const stored of h.emulator.history) {
    const id = stored.parsed.messageId ?? '';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return [...counts.values()];
}

type Fault = Parameters<Harness['emulator']['faults']['add']>[0];

// One fault once: the send either recovers by a retry or fails without one, as documented.
const once1: Array<[string, Fault, { attempts: number; code?: QcloudMailErrorCode; stored: number }]> = [
  [
    'connection dropped before DATA (retried: nothing was accepted)',
    { type: 'drop-before-data' },
    { attempts: 2, stored: 1 },
  ],
  [
    'connection dropped after DATA (OUTCOME_UNKNOWN, not retried, R19)',
    { type: 'drop-after-data' },
    { attempts: 1, code: 'OUTCOME_UNKNOWN', stored: 1 },
  ],
  ['421 instead of the greeting (retried, R21)', { type: 'reject-connection' }, { attempts: 2, stored: 1 }],
  [
    'a greeting slower than the greeting timeout (retried)',
    { type: 'greeting-delay', ms: 1200 },
    { attempts: 2, stored: 1 },
  ],
  ['the server closing during AUTH (retried)', { type: 'close-during-auth' }, { attempts: 2, stored: 1 }],
  ['421 to MAIL FROM (retried, R21)', { type: 'reply', stage: 'mail', code: 421 }, { attempts: 2, stored: 1 }],
  [
    '454 to AUTH (credentials, never retried, R21)',
    { type: 'reply', stage: 'auth', reply: '454 4.7.0 Temporary authentication failure' },
    { attempts: 1, code: 'AUTH', stored: 0 },
  ],
];

describe('one fault: the documented outcome, and never a duplicate', () => {
  it.each(once1)('%s', async (_name, fault, expected) => {
    const h = await setupFor(fault);
    h.emulator.faults.add(fault);
    const sent = h.client.send(message());
    if (expected.code === undefined) {
      const outcome = await sent;
      expect(outcome.attempts).toBe(expected.attempts);
    } else {
      const error = await rejection(sent);
      expect(error.code).toBe(expected.code);
      expect(h.events.sending).toHaveLength(expected.attempts);
    }
    expect(h.emulator.history).toHaveLength(expected.stored);
    expect(storedPerMessageId(h).every((count) => count <= 1)).toBe(true);
  });
});

// The same fault every time: the send fails with its code after the documented number of attempts.
const always: Array<[string, Fault, { code: QcloudMailErrorCode; retryable: boolean; attempts: number }]> = [
  [
    'drop before DATA',
    { type: 'drop-before-data', count: 'always' },
    { code: 'CONNECTION', retryable: true, attempts: 3 },
  ],
  [
    '421 on connect',
    { type: 'reject-connection', count: 'always' },
    { code: 'CONNECTION', retryable: true, attempts: 3 },
  ],
  [
    'slow greeting',
    { type: 'greeting-delay', ms: 1200, count: 'always' },
    { code: 'TIMEOUT', retryable: true, attempts: 3 },
  ],
  [
    'close during AUTH',
    { type: 'close-during-auth', count: 'always' },
    { code: 'CONNECTION', retryable: true, attempts: 3 },
  ],
];

describe('a persistent fault: the right code after the documented attempts, nothing stored', () => {
  it.each(always)('%s', async (_name, fault, expected) => {
    const h = await setupFor(fault);
    h.emulator.faults.add(fault);
    const error = await rejection(h.client.send(message()));
    expect(error).toMatchObject({ code: expected.code, retryable: expected.retryable });
    expect(h.events.sending).toHaveLength(expected.attempts);
    expect(h.emulator.history).toHaveLength(0);
  });

  it('drop after DATA every time: OUTCOME_UNKNOWN after one attempt, stored once', async () => {
    const h = await setup();
    h.emulator.faults.add({ type: 'drop-after-data', count: 'always' });
    const error = await rejection(h.client.send(message()));
    expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN', retryable: false, rule: 'R19' });
    expect(h.events.sending).toHaveLength(1);
    expect(storedPerMessageId(h)).toEqual([1]);
  });

  it('retryUnknownOutcome is the one documented way to a duplicate', async () => {
    const h = await setup({ retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5, retryUnknownOutcome: true } });
    h.emulator.faults.add({ type: 'drop-after-data' });
    await h.client.send(message());
    expect(storedPerMessageId(h)).toEqual([2]);
  });
});

/** A plain-TCP server that speaks SMTP without TLS and records the first bytes it receives. */
async function plainSmtpServer(): Promise<{ port: number; received: Buffer[]; server: Server }> {
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.write('220 plain.example ESMTP ready\r\n');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { port: (server.address() as AddressInfo).port, received, server };
}

describe('a server the client does not trust: CONNECTION, never plain text or unverified TLS (R2, R3)', () => {
  it('a plain-TCP SMTP server', async () => {
    const plain = await plainSmtpServer();
    const client = createMailClient({
      host: '127.0.0.1',
      port: plain.port,
      auth: { user: 'noreply@mail.example.com', pass: 'never-sent-in-clear' },
      ...faultOptions(),
    });
    cleanups.push(() => client.close({ timeoutMs: 500 }));
    const error = await rejection(client.send(message()));
    expect(error.code).toBe('CONNECTION');
    expect((await rejection(client.verify())).code).toBe('CONNECTION');
    // All the server ever got were TLS handshake records (0x16), never an SMTP command in clear.
    const bytes = Buffer.concat(plain.received);
    expect(bytes.length).toBeGreaterThan(0);
    expect(plain.received.every((chunk) => chunk[0] === 0x16)).toBe(true);
    expect(bytes.toString('latin1')).not.toMatch(/EHLO|HELO|AUTH|never-sent-in-clear/);
  });

  it('an emulator whose certificate comes from another CA', async () => {
    const h = await setup();
    const other = await startEmulator({ httpPort: false, tls: await generateTlsMaterial() });
    cleanups.push(() => other.close());
    // Trusting h's CA, talking to `other`: the handshake must fail.
    const client = createMailClient({ ...h.clientOptions, port: other.port });
    cleanups.push(() => client.close({ timeoutMs: 500 }));
    const error = await rejection(client.send(message()));
    expect(error).toMatchObject({ code: 'CONNECTION', retryable: false });
    expect(other.stats.connections).toBe(0);
    expect(other.history).toHaveLength(0);
    expect(seen(h).stored).toBe(0);
  });

  it('a closed port: CONNECTION', async () => {
    const plain = await plainSmtpServer();
    const { port } = plain;
    await new Promise<void>((resolve) => plain.server.close(() => resolve()));
    const client = createMailClient({
      host: '127.0.0.1',
      port,
      auth: { user: 'noreply@mail.example.com', pass: 'x' },
      ...faultOptions(),
    });
    cleanups.push(() => client.close({ timeoutMs: 500 }));
    expect((await rejection(client.send(message()))).code).toBe('CONNECTION');
  });
});
