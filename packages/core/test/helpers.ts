import {
  type EmulatorOptions,
  type EmulatorTlsOptions,
  generateTlsMaterial,
  type StoredMessage,
  startEmulator,
} from '@qcloudmail/emulator';
import { createMailClient } from '../src/client/create-mail-client.js';
import type { MailClient, MailClientEvents, MailClientOptions, MailLogRecord } from '../src/client/types.js';
import type { QcloudMailError } from '../src/errors/qcloud-mail-error.js';
import { type Clock, systemClock } from '../src/rate-limit/clock.js';

export const USER = 'noreply@mail.example.com';
export const PASS = 'emulator-secret';
export const APP_ID = 'app-1';

/** An emulator and a client wired to it, with what the client logged and emitted. */
export interface Harness {
  emulator: Awaited<ReturnType<typeof startEmulator>>;
  client: MailClient;
  logs: MailLogRecord[];
  events: { [E in keyof MailClientEvents]: MailClientEvents[E][] };
  /** Options to create another client against the same emulator. */
  clientOptions: MailClientOptions;
  close(): Promise<void>;
}

// One CA and certificate for every emulator of a test file: generating them is the slow part of a start.
let material: Promise<EmulatorTlsOptions> | undefined;

/** Starts an emulator (sender USER/PASS in account APP_ID) and a client; the options override the defaults. */
export async function harness(
  clientOptions: Partial<MailClientOptions> = {},
  emulatorOptions: Partial<EmulatorOptions> = {},
): Promise<Harness> {
  material ??= generateTlsMaterial();
  const emulator = await startEmulator({
    users: [{ user: USER, pass: PASS }],
    appId: APP_ID,
    httpPort: false,
    tls: await material,
    ...emulatorOptions,
  });
  const logs: MailLogRecord[] = [];
  const options: MailClientOptions = {
    host: emulator.host,
    port: emulator.port,
    ca: emulator.ca,
    auth: { user: USER, pass: PASS },
    appId: APP_ID,
    retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 200 },
    logger: (record) => logs.push(record),
    ...clientOptions,
  };
  const client = createMailClient(options);
  const events: Harness['events'] = { sending: [], sent: [], failed: [], retrying: [] };
  client.on('sending', (payload) => events.sending.push(payload));
  client.on('sent', (payload) => events.sent.push(payload));
  client.on('failed', (payload) => events.failed.push(payload));
  client.on('retrying', (payload) => events.retrying.push(payload));
  return {
    emulator,
    client,
    logs,
    events,
    clientOptions: options,
    async close() {
      await client.close({ timeoutMs: 2000 });
      await emulator.close();
    },
  };
}

/** What the emulator saw: SMTP sessions (after the TLS handshake), stored messages, and its counters. */
export function seen(h: Harness): { connections: number; stored: number; rateLimited: number } {
  const stats = h.emulator.stats;
  return { connections: stats.connections, stored: h.emulator.history.length, rateLimited: stats.rateLimited };
}

/** The stored message whose Message-ID is `messageId` (with or without angle brackets). */
export function storedById(h: Harness, messageId: string): StoredMessage | undefined {
  const bare = messageId.replace(/^<|>$/g, '');
  return h.emulator.history.find((stored) => stored.parsed.messageId?.replace(/^<|>$/g, '') === bare);
}

/** A valid message from USER to `to`. */
export function message(to: string | string[] = 'user@example.org', extra: Record<string, unknown> = {}) {
  return { from: USER, to, subject: 'Hello', text: 'Hello from the tests', ...extra };
}

/** A real-time clock whose sleeps last at most `capMs`, recording what was asked: retry waits without waiting. */
export interface RecordingClock extends Clock {
  /** Every sleep asked for, in milliseconds. */
  readonly requested: number[];
}

/** Creates a `RecordingClock`; only for tests where the rate limiter never has to wait. */
export function recordingClock(capMs = 10): RecordingClock {
  const requested: number[] = [];
  return {
    requested,
    now: () => systemClock.now(),
    sleep(ms, signal) {
      requested.push(ms);
      return systemClock.sleep(Math.min(ms, capMs), signal);
    },
  };
}

/** The rejection of `promise`, which must reject with a `QcloudMailError`. */
export async function rejection(promise: Promise<unknown>): Promise<QcloudMailError> {
  try {
    await promise;
  } catch (error) {
    return error as QcloudMailError;
  }
  throw new Error('expected the promise to reject');
}
