import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { isQcloudMailError } from '@qcloudmail/core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import {
  message as baseMessage,
  clientOptions,
  type Emulator,
  PASS,
  recipient,
  startTestEmulator as startSharedEmulator,
  USER,
} from '@qcloudmail/test-helpers';
import type { QcloudMailModuleOptions } from '../src/index.js';

/** The second sender of the tests' account, for a named mailer beside the default one. */
export const MARKETING_USER = 'news@mail.example.com';
export const MARKETING_PASS = 'emulator-marketing-secret';

/** An emulator with two senders of one account, for the default and a named mailer. */
export function startTestEmulator(): Promise<Emulator> {
  return startSharedEmulator({
    users: [
      { user: USER, pass: PASS },
      { user: MARKETING_USER, pass: MARKETING_PASS },
    ],
  });
}

/** Mailer options that reach `emulator` over TLS, trusting its CA; retries off so each test sees one reply. */
export function mailerOptions(
  emulator: Emulator,
  overrides: Partial<QcloudMailModuleOptions> = {},
): QcloudMailModuleOptions {
  return { ...clientOptions(emulator), defaults: { from: USER }, ...overrides };
}

/** A valid message (without `from`: the mailer's defaults supply it) to a fresh recipient. */
export function message(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { from: _supplied, ...rest } = baseMessage(recipient('nest'));
  return { ...rest, ...extra };
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

/** A suite's emulator (two senders of one account) and the apps its tests started. */
export interface AppSuite {
  readonly emulator: Emulator;
  /** Starts an app as `startApp` does; it is closed after the test. */
  start(...args: Parameters<typeof startApp>): Promise<RunningApp>;
  /** Keeps an app started some other way, to be closed after the test. */
  track(started: RunningApp): RunningApp;
}

/** Starts the emulator before the suite's tests, closes each test's apps after it and, last, the emulator. */
export function appSuite(): AppSuite {
  let emulator: Emulator | undefined;
  const running: RunningApp[] = [];
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map(({ app }) => app.close()));
  });
  afterAll(async () => {
    await emulator?.close();
  });
  const track = (started: RunningApp): RunningApp => {
    running.push(started);
    return started;
  };
  return {
    get emulator() {
      if (emulator === undefined) throw new Error('appSuite: the emulator was read before the suite started');
      return emulator;
    },
    start: async (...args) => track(await startApp(...args)),
    track,
  };
}

/** What `run` threw (or rejected with), for checking its code and message. */
export async function failureOf(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** Expects a `CONFIGURATION` error whose message holds every one of `parts`. */
export function expectConfiguration(failure: unknown, ...parts: string[]): void {
  expect(isQcloudMailError(failure) && failure.code).toBe('CONFIGURATION');
  for (const part of parts) expect((failure as Error).message).toContain(part);
}

/** `value` as options of type `T`: JavaScript callers and `as` casts get past the types, and the module must still refuse what they give. */
export const loose = <T>(value: Record<string, unknown>): T => value as T;
