import type { MailClientOptions, systemClock } from '@qcloudmail/core';
import {
  type Emulator,
  type EmulatorClock,
  type EmulatorExtensions,
  type EmulatorOptions,
  type EmulatorTlsOptions,
  generateTlsMaterial,
  startEmulator,
} from '@qcloudmail/emulator';
import { APP_ID, PASS, USER } from './credentials.js';

export type { Emulator } from '@qcloudmail/emulator';

// Vitest gives each test file its own module state, so this is one CA per file: generating it is the slow part
// of a start, and every emulator of a file may share it.
let material: Promise<EmulatorTlsOptions> | undefined;

// The shared certificate names only the loopback host the emulator listens on by default.
const LOOPBACK = new Set([undefined, '127.0.0.1', 'localhost']);

/** The test CA and its certificate for 127.0.0.1, generated once per test file. */
export function testTlsMaterial(): Promise<EmulatorTlsOptions> {
  material ??= generateTlsMaterial();
  return material;
}

/** Starts an emulator whose sender is USER/PASS in account APP_ID, on the shared test CA; `options` override. */
export async function startTestEmulator<C extends EmulatorClock = typeof systemClock>(
  options: EmulatorOptions<C> & EmulatorExtensions = {},
): Promise<Emulator<C>> {
  const tls = options.tls ?? (LOOPBACK.has(options.host) ? await testTlsMaterial() : undefined);
  return startEmulator<C>({
    users: [{ user: USER, pass: PASS }],
    appId: APP_ID,
    ...options,
    ...(tls === undefined ? {} : { tls }),
  });
}

/** Client options that reach `emulator` over verified TLS, trusting its CA; retries off so each test sees one reply. */
export function clientOptions(
  emulator: Pick<Emulator, 'host' | 'port' | 'ca'>,
  overrides: Partial<MailClientOptions> = {},
): MailClientOptions {
  return {
    host: emulator.host,
    port: emulator.port,
    ca: emulator.ca,
    auth: { user: USER, pass: PASS },
    appId: APP_ID,
    retry: false,
    ...overrides,
  };
}
