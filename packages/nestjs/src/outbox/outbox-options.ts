import type { OutboxOptions } from '@qcloudmail/redis';
import { BUILDER_ASYNC_KEYS, refuse } from '../refuse-configuration.js';

/**
 * Options of one outbox: `createOutbox`'s (from `@qcloudmail/redis`) without `client` and `templates`, which are
 * the mailer's, and whether this process runs a worker.
 */
export interface QcloudMailOutboxOptions extends Omit<OutboxOptions, 'client' | 'templates'> {
  /**
   * Start a worker in this process when the module initializes (stopped, its sends finished, when the module is
   * destroyed). Default true; `false` in processes that only enqueue; `{ concurrency }` to size it.
   */
  worker?: boolean | { concurrency?: number };
}

/** Options of the registration itself, given beside the outbox's options to `forRoot` and `forRootAsync`. */
export interface QcloudMailOutboxExtras {
  /** The outbox's name, for `@InjectOutbox(name)`; omit it for the default outbox. */
  name?: string;
  /** The mailer whose login, options and `defaults` the outbox sends with, by its name. Default: the default mailer. */
  mailer?: string;
  /** Whether the outbox is injectable in every module without importing this one. Default true, as the mailer. */
  isGlobal?: boolean;
}

// A record of every option, so that an option added to the interface without being listed fails to compile.
const OUTBOX_OPTIONS: Record<keyof QcloudMailOutboxOptions, true> = {
  connection: true,
  queueName: true,
  prefix: true,
  rateLimitPrefix: true,
  concurrency: true,
  retry: true,
  lockDurationMs: true,
  stalledIntervalMs: true,
  maxStalledCount: true,
  onInterruptedSend: true,
  validate: true,
  keep: true,
  delivery: true,
  telemetry: true,
  worker: true,
};
const EXTRAS = ['name', 'mailer', 'isGlobal'];

function checkKeys(where: string, options: unknown, extrasAllowed: boolean): void {
  if (typeof options !== 'object' || options === null) refuse(where, 'expected an object of options');
  for (const key of Object.keys(options)) {
    if (Object.hasOwn(OUTBOX_OPTIONS, key) || (extrasAllowed && EXTRAS.includes(key))) continue;
    if (key === 'client') {
      refuse(where, "`client` is the mailer's: name it with `mailer` (beside useFactory in forRootAsync)");
    }
    if (EXTRAS.includes(key)) {
      refuse(
        where,
        `\`${key}\` is read only beside useFactory, before the factory runs: write QcloudMailOutboxModule.forRootAsync({ ${key}, useFactory, inject })`,
      );
    }
    refuse(where, `\`${key}\` is no option of the outbox; remove it or check its spelling`);
  }
}

/** Refuses keys of `forRoot`'s options that the outbox would not read, naming them. */
export function checkOutboxForRoot(options: unknown): void {
  checkKeys('QcloudMailOutboxModule.forRoot', options, true);
}

/** Refuses unknown keys beside `useFactory`: outbox options there would be silently dropped. */
export function checkOutboxAsync(options: unknown): void {
  const where = 'QcloudMailOutboxModule.forRootAsync';
  if (typeof options !== 'object' || options === null) refuse(where, 'expected an object of options');
  for (const key of Object.keys(options)) {
    if (BUILDER_ASYNC_KEYS.includes(key) || EXTRAS.includes(key)) continue;
    if (Object.hasOwn(OUTBOX_OPTIONS, key))
      refuse(where, `\`${key}\` is an outbox option: return it from \`useFactory\`, not beside it`);
    refuse(where, `\`${key}\` is no option of forRootAsync (${[...BUILDER_ASYNC_KEYS, ...EXTRAS].join(', ')})`);
  }
}

/** Refuses what the factory of `forRootAsync` returned beyond the outbox's options. */
export function checkOutboxFactoryResult(options: unknown, name: string): void {
  checkKeys(`QcloudMailOutboxModule.forRootAsync (outbox "${name}"), the factory's result`, options, false);
}
