import { clientOptions, type Emulator, startTestEmulator } from '@qcloudmail/test-helpers';
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
