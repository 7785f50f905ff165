import type { MailClientOptions } from './types.js';

// A record of every option, so that adding one to MailClientOptions without listing it here fails to compile.
const CLIENT_OPTION_KEYS: Record<keyof MailClientOptions, true> = {
  region: true,
  host: true,
  port: true,
  ca: true,
  servername: true,
  auth: true,
  appId: true,
  pool: true,
  timeouts: true,
  retry: true,
  rateLimit: true,
  recipients: true,
  limits: true,
  maxTlsVersion: true,
  logger: true,
  clock: true,
  telemetry: true,
  suppression: true,
  templates: true,
};

/**
 * Whether `key` names an option of `createMailClient`: the client refuses every other key by name, and the
 * adapters pass these on to core and refuse every key that is neither one of them nor one of their own.
 */
export function isMailClientOption(key: string): boolean {
  // Own keys only: `constructor` or `toString` is no option, whatever the prototype holds.
  return Object.hasOwn(CLIENT_OPTION_KEYS, key);
}
