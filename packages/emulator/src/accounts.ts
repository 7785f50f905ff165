import { createHash, timingSafeEqual } from 'node:crypto';
import { QcloudMailError } from '@qcloudmail/core';
import type { EmulatorAccount, EmulatorOptions } from './types.js';

/** The sender used when no `users` or `accounts` are given; its password is `secret`. */
export const DEFAULT_SENDER = { user: 'sender@example.com', pass: 'secret' } as const;

/** The appId used when none is given. */
export const DEFAULT_APP_ID = 'emulator-app';

/** An authenticated login: the sender address and its account. */
export interface Login {
  user: string;
  appId: string;
}

/** The console's sender addresses and SMTP passwords (R4). */
export interface AccountDirectory {
  /** The login for these credentials, or undefined when they are wrong. */
  authenticate(user: string, pass: string): Login | undefined;
  /** Every account with its sender addresses, without passwords. */
  describe(): Array<{ appId: string; senders: string[] }>;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Builds the directory from the options; a sender listed twice is a configuration error. */
export function createAccountDirectory(
  options: Pick<EmulatorOptions, 'users' | 'appId' | 'accounts'>,
): AccountDirectory {
  const accounts: EmulatorAccount[] = options.accounts ?? [
    { appId: options.appId ?? DEFAULT_APP_ID, senders: options.users ?? [{ ...DEFAULT_SENDER }] },
  ];
  const senders = new Map<string, { appId: string; user: string; pass: Buffer }>();
  for (const account of accounts) {
    for (const sender of account.senders) {
      const key = sender.user.toLowerCase();
      if (senders.has(key)) {
        throw new QcloudMailError({
          code: 'CONFIGURATION',
          message: `The sender ${sender.user} is configured twice; a sender address belongs to one account (R4)`,
        });
      }
      // Only a digest is kept, and compared in constant time, so the password never sits in a log or a timing.
      senders.set(key, { appId: account.appId, user: sender.user, pass: digest(sender.pass) });
    }
  }
  return {
    authenticate(user, pass) {
      const entry = senders.get(user.toLowerCase());
      const given = digest(pass);
      if (entry === undefined || !timingSafeEqual(entry.pass, given)) return undefined;
      return { user: entry.user, appId: entry.appId };
    },
    describe: () =>
      accounts.map((account) => ({ appId: account.appId, senders: account.senders.map((sender) => sender.user) })),
  };
}
