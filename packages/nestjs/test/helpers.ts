import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { startEmulator } from '@qcloudmail/emulator';
import type { QcloudMailModuleOptions } from '../src/index.js';

export const USER = 'noreply@mail.example.com';
export const PASS = 'emulator-secret';
export const MARKETING_USER = 'news@mail.example.com';
export const MARKETING_PASS = 'emulator-marketing-secret';
export const APP_ID = 'app-nestjs';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** An emulator with two senders of one account, for the default and a named mailer. */
export function startTestEmulator(): Promise<Emulator> {
  return startEmulator({
    users: [
      { user: USER, pass: PASS },
      { user: MARKETING_USER, pass: MARKETING_PASS },
    ],
    appId: APP_ID,
  });
}

/** Mailer options that reach `emulator` over TLS, trusting its CA; retries off so each test sees one reply. */
export function mailerOptions(
  emulator: Emulator,
  overrides: Partial<QcloudMailModuleOptions> = {},
): QcloudMailModuleOptions {
  return {
    host: emulator.host,
    port: emulator.port,
    ca: emulator.ca,
    auth: { user: USER, pass: PASS },
    appId: APP_ID,
    retry: false,
    defaults: { from: USER },
    ...overrides,
  };
}

let counter = 0;

/** A recipient of its own per call, so that no test meets another's per-recipient limit (R6). */
export function recipient(): string {
  counter += 1;
  return `nest-${process.pid}-${counter}@example.org`;
}

/** A valid message (without `from`: the mailer's defaults supply it) to a fresh recipient. */
export function message(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { to: recipient(), subject: 'Hello', text: 'Hello from the NestJS tests', ...extra };
}

/** A started Nest application listening on a free port. */
export interface RunningApp {
  app: INestApplication;
  url: string;
}

/**
 * Compiles a testing module from `metadata`, starts it on Express and listens on 127.0.0.1 at a free port;
 * `configure` runs before the routes are set up (global filters must be registered by then).
 */
export async function startApp(
  metadata: ModuleMetadata,
  configure: (app: INestApplication) => void = () => {},
): Promise<RunningApp> {
  const moduleRef = await Test.createTestingModule(metadata).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configure(app);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url };
}

/** POSTs `body` as JSON. */
export function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
