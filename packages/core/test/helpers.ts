import { clientOptions, type Emulator, recordingClock, startTestEmulator } from '@qcloudmail/test-helpers';
import type { EmulatorOptions } from '@qcloudmail/test-helpers/emulator';
import { createMailClient } from '../src/client/create-mail-client.js';
import type { MailClient, MailClientEvents, MailClientOptions, MailLogRecord } from '../src/client/types.js';

/** An emulator and a client wired to it, with what the client logged and emitted. */
export interface Harness {
  emulator: Emulator;
  client: MailClient;
  logs: MailLogRecord[];
  events: { [E in keyof MailClientEvents]: MailClientEvents[E][] };
  /** Options to create another client against the same emulator. */
  clientOptions: MailClientOptions;
  close(): Promise<void>;
}

/** Starts an emulator (the shared test sender, no HTTP side) and a retrying client; the options override. */
export async function harness(
  overrides: Partial<MailClientOptions> = {},
  emulatorOptions: Partial<EmulatorOptions> = {},
): Promise<Harness> {
  const emulator = await startTestEmulator({ httpPort: false, ...emulatorOptions });
  const logs: MailLogRecord[] = [];
  const options = clientOptions(emulator, {
    retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 200 },
    logger: (record) => logs.push(record),
    ...overrides,
  });
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

/**
 * Timeouts for tests where injected faults decide each case, not the timeouts: generous, so that a loaded
 * machine's slow greeting cannot turn a closed connection into TIMEOUT or add an attempt before the dot.
 */
export const FAULT_TIMEOUTS = { connect: 5000, greeting: 5000, socket: 10_000, total: 30_000 };

/** `FAULT_TIMEOUTS` with a short greeting timeout, for the cases whose fault is a greeting slower than it. */
export const SLOW_GREETING_TIMEOUTS = { ...FAULT_TIMEOUTS, greeting: 300 };

/** The fault tests' client options: `FAULT_TIMEOUTS`, quick retries, no rate limit, a clock that skips the waits. */
export function faultOptions(): Partial<MailClientOptions> {
  return {
    timeouts: FAULT_TIMEOUTS,
    retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 100 },
    rateLimit: false,
    clock: recordingClock(),
  };
}
