import { startEmulator } from '@qcloudmail/emulator';
import type { MailClientOptions } from '@qcloudmail/core';

export const USER = 'noreply@mail.example.com';
export const PASS = 'emulator-secret';

/** A running emulator. */
export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** Starts an emulator with the one sender the tests authenticate as. */
export function emulator(options: Partial<Parameters<typeof startEmulator>[0]> = {}): Promise<Emulator> {
  return startEmulator({ users: [{ user: USER, pass: PASS }], appId: 'app-1', ...options });
}

/** Client options that reach `server` over TLS, trusting its CA (never `rejectUnauthorized: false`). */
export function clientOptions(server: Emulator, extra: Partial<MailClientOptions> = {}): MailClientOptions {
  return {
    host: server.host,
    port: server.port,
    ca: server.ca,
    auth: { user: USER, pass: PASS },
    appId: 'app-1',
    retry: { attempts: 2, baseDelayMs: 20, maxDelayMs: 100 },
    ...extra,
  };
}

/** The messages the emulator stored for `recipient`. */
export function messagesTo(server: Emulator, recipient: string) {
  return server.messages.filter((message) => message.envelope.to.includes(recipient));
}

/** The rejection of `promise`, which must reject. */
export async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown> & Error;
  }
  throw new Error('expected the promise to reject');
}
