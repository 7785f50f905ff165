import type { MailClientOptions } from '@qcloudmail/core';
import {
  clientOptions as baseClientOptions,
  type Emulator,
  rejection as baseRejection,
} from '@qcloudmail/test-helpers';

/** The shared test emulator, under the name these suites use. */
export { startTestEmulator as emulator } from '@qcloudmail/test-helpers';

/** Client options for `server` with retries on (two attempts), so that a test can see that none happened. */
export function clientOptions(server: Emulator, extra: Partial<MailClientOptions> = {}): MailClientOptions {
  return baseClientOptions(server, { retry: { attempts: 2, baseDelayMs: 20, maxDelayMs: 100 }, ...extra });
}

/** The shared `rejection` (still a `QcloudMailError`), its fields open: these suites read them as nodemailer would. */
export async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  const error: Error = await baseRejection(promise);
  return error as Record<string, unknown> & Error;
}
