import { startEmulator } from '@qcloudmail/emulator';
import { createMailClient } from '../src/client/create-mail-client.js';
import type { MailClient, MailClientEvents, MailClientOptions, MailLogRecord } from '../src/client/types.js';

export const USER = 'noreply@mail.example.com';
export const PASS = 'emulator-secret';

/** An emulator and a client wired to it, with what the client logged and emitted. */
export interface Harness {
  emulator: Awaited<ReturnType<typeof startEmulator>>;
  client: MailClient;
  logs: MailLogRecord[];
  events: { [E in keyof MailClientEvents]: MailClientEvents[E][] };
  /** Sockets the client opened (each logs `connected`). */
  connections(): number;
  close(): Promise<void>;
}

type EmulatorOptions = Parameters<typeof startEmulator>[0];

/** Starts an emulator and a client; `clientOptions` override the defaults. */
export async function harness(
  clientOptions: Partial<MailClientOptions> = {},
  emulatorOptions: Partial<EmulatorOptions> = {},
): Promise<Harness> {
  const emulator = await startEmulator({ users: [{ user: USER, pass: PASS }], appId: 'app-1', ...emulatorOptions });
  const logs: MailLogRecord[] = [];
  const client = createMailClient({
    host: emulator.host,
    port: emulator.port,
    ca: emulator.ca,
    auth: { user: USER, pass: PASS },
    appId: 'app-1',
    retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 200 },
    logger: (record) => logs.push(record),
    ...clientOptions,
  });
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
    connections: () => logs.filter((record) => record.message === 'connected').length,
    async close() {
      await client.close({ timeoutMs: 2000 });
      await emulator.close();
    },
  };
}

/** A valid message to `to`. */
export function message(to: string | string[] = 'user@example.org', extra: Record<string, unknown> = {}) {
  return { from: USER, to, subject: 'Hello', text: 'Hello from the tests', ...extra };
}

/** The rejection of `promise`, which must reject. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<import('../src/errors/qcloud-mail-error.js').QcloudMailError> {
  try {
    await promise;
  } catch (error) {
    return error as import('../src/errors/qcloud-mail-error.js').QcloudMailError;
  }
  throw new Error('expected the promise to reject');
}
