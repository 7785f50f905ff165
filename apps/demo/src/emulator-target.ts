import { randomBytes } from 'node:crypto';
import { startEmulator } from '@qcloudmail/emulator';
import type { DemoTarget } from './target.js';

/** The demo's sender address: a console sender (R4) as the emulator knows it. */
export const DEMO_SENDER = 'noreply@mail.example.com';

/** Options of the emulator target. */
export interface EmulatorTargetOptions {
  /** Ports to listen on; 0 (the default) picks free ones. */
  smtpPort?: number;
  httpPort?: number;
}

/**
 * Starts the emulator in this process and points every adapter at it, trusting its CA (R3: verification stays
 * on). The SMTP password is random per run, so nothing in the demo depends on a known secret.
 */
export async function startEmulatorTarget(options: EmulatorTargetOptions = {}): Promise<DemoTarget> {
  const pass = randomBytes(12).toString('base64url');
  const emulator = await startEmulator({
    users: [{ user: DEMO_SENDER, pass }],
    appId: 'demo-app',
    port: options.smtpPort ?? 0,
    httpPort: options.httpPort ?? 0,
  });
  return {
    kind: 'emulator',
    client: {
      host: emulator.host,
      port: emulator.port,
      ca: emulator.ca,
      auth: { user: DEMO_SENDER, pass },
      appId: 'demo-app',
    },
    from: DEMO_SENDER,
    recipient: (adapter) => `${adapter.toLowerCase().replace(/[^a-z0-9]+/g, '-')}@example.org`,
    emulator,
    describe: [
      ['target', 'the local emulator (in this process)'],
      ['SMTP', `${emulator.smtpUrl} (implicit TLS, its own CA)`],
      ['inbox', emulator.httpUrl ?? '-'],
      ['sender', DEMO_SENDER],
    ],
    close: () => emulator.close(),
  };
}
