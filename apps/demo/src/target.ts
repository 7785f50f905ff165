import type { MailClientOptions } from '@qcloudmail/core';
import type { Emulator } from '@qcloudmail/emulator';

/** Where the demo sends: the local emulator, or the real service when credentials are in the environment. */
export interface DemoTarget {
  kind: 'emulator' | 'service';
  /** The endpoint and the login every adapter uses; retries and rate limits are left at their defaults. */
  client: MailClientOptions;
  /** The sender address: the logged-in user (R4). */
  from: string;
  /** The recipient of the message sent by `adapter`. */
  recipient(adapter: string): string;
  /** The running emulator, only for the `emulator` kind: what it received, and its fault injection. */
  emulator: Emulator | undefined;
  /** Rows describing the target for the demo's header; never the password. */
  describe: Array<readonly [string, string]>;
  close(): Promise<void>;
}
