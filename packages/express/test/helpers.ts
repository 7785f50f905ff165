import { createMailClient, type MailClient } from '@qcloudmail/core';
import {
  message as baseMessage,
  clientOptions,
  type Emulator,
  type RunningApp,
  recipient,
  startTestEmulator,
} from '@qcloudmail/test-helpers';
import express from 'express';
import express4 from 'express4';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** Both supported majors of Express; every suite runs against each. */
export const frameworks = [
  ['express 5', express],
  ['express 4', express4],
] as const;

export type ExpressFactory = typeof express;

/** A valid message to a fresh recipient, so that no test meets another's per-recipient limit (R6). */
export function message(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return baseMessage(recipient(), extra);
}

/** A suite's emulator, a client on it, and the apps its tests started. */
export interface RouteSuite {
  readonly emulator: Emulator;
  readonly client: MailClient;
  /** Keeps `app` to be closed after the test. */
  track(app: RunningApp): RunningApp;
}

/** Starts an emulator and a client before the suite's tests, closes each test's apps and, last, both. */
export function routeSuite(): RouteSuite {
  let emulator: Emulator | undefined;
  let client: MailClient | undefined;
  const running: RunningApp[] = [];
  beforeAll(async () => {
    emulator = await startTestEmulator();
    client = createMailClient(clientOptions(emulator));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.close()));
  });
  afterAll(async () => {
    await client?.close({ timeoutMs: 2000 });
    await emulator?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('routeSuite: read before the suite started');
    return value;
  };
  return {
    get emulator() {
      return started(emulator);
    },
    get client() {
      return started(client);
    },
    track(app) {
      running.push(app);
      return app;
    },
  };
}
