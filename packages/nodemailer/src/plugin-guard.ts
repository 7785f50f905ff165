import { QcloudMailError } from '@qcloudmail/core';

/** The part of nodemailer's transporter (`Mail`) the guard reads and wraps. */
interface PluginHost {
  use(step: string, plugin: unknown): unknown;
  _userPlugins?: { stream?: unknown[] };
}

/** The error for a `'stream'` plugin: the transport never sends nodemailer's compiled message, so it would not run. */
export function streamPluginError(): QcloudMailError {
  return new QcloudMailError({
    code: 'CONFIGURATION',
    message:
      "Invalid plugin use('stream', ...): the qcloudmail transport builds the MIME itself from the message " +
      "options and never sends nodemailer's compiled stream, so a stream plugin would change nothing; use a " +
      "'compile' plugin that changes mail.data instead",
  });
}

function isPluginHost(value: unknown): value is PluginHost {
  return typeof value === 'object' && value !== null && typeof (value as PluginHost).use === 'function';
}

/**
 * Makes the transporter refuse `use('stream', plugin)` when it is called, with a `CONFIGURATION` error: such a
 * plugin would otherwise be skipped silently. `'compile'` plugins run as in nodemailer (they change `mail.data`).
 */
export function guardPlugins(mailer: unknown): void {
  if (!isPluginHost(mailer)) return;
  const use = mailer.use;
  mailer.use = function guardedUse(this: unknown, step: string, plugin: unknown) {
    if (String(step) === 'stream') throw streamPluginError();
    return use.call(this, step, plugin);
  };
}

/** True when a stream plugin got past the guard (registered on nodemailer's internals directly). */
export function hasStreamPlugins(mailer: unknown): boolean {
  return isPluginHost(mailer) && (mailer._userPlugins?.stream?.length ?? 0) > 0;
}
