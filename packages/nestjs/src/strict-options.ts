import { type MailClientOptions, messageSchema, QcloudMailError, type SendOptions } from '@qcloudmail/core';
import { isMailClientOption } from '@qcloudmail/core/internal';
import type { QcloudMailModuleExtras, QcloudMailModuleOptions } from './module-options.js';
import { BUILDER_ASYNC_KEYS, refuse } from './refuse-configuration.js';
import { checkTemplatesOption } from './templates-option.js';

// Typed as a record of every option the module adds to the client's, so that adding one to the interface without
// listing it fails to compile; the client's own options are core's to name.
const MODULE_OPTIONS: Record<Exclude<keyof QcloudMailModuleOptions, keyof MailClientOptions>, true> = {
  defaults: true,
  verifyOnStartup: true,
  shutdownTimeoutMs: true,
};

function isMailerOption(key: string): boolean {
  return isMailClientOption(key) || Object.hasOwn(MODULE_OPTIONS, key);
}

const EXTRAS: Record<keyof QcloudMailModuleExtras, true> = { name: true, isGlobal: true };
// A record of every send option, so that one added to core's SendOptions without being listed fails to compile.
const SEND_OPTIONS: Record<keyof SendOptions, true> = { signal: true, ignoreSuppression: true };

const TLS_ADVICE =
  'TLS is built in, with certificate verification always on (R3): to trust a test server give its `ca` (and `servername`), `maxTlsVersion` caps the version';

/** What @nestjs-modules/mailer (and nodemailer) users write, and what to write instead. */
const MAILER_ADVICE: ReadonlyMap<string, string> = new Map([
  [
    'transport',
    "is @nestjs-modules/mailer's shape: give the endpoint and login at the top level, `{ region: 'hongkong', auth: { user, pass } }` (or `host`, `port`, `ca` for the emulator); port 465 with implicit TLS is built in (R1, R2)",
  ],
  [
    'transports',
    "is @nestjs-modules/mailer's shape: register one mailer per sender, `QcloudMailModule.forRoot({ name: 'marketing', region, auth })`, and inject it with `@InjectMailer('marketing')`",
  ],
  [
    'template',
    "is `templates` here, with the engine by name: `templates: { dir, engine: 'handlebars' }` (the adapter's options beside `engine`)",
  ],
  ['options', "is the adapter's options: write them inside `templates`, beside `engine`"],
  ['preview', "has no counterpart: look at sent messages in the emulator's inbox page (qcloudmail-emulator)"],
  ['verifyTransporters', 'is `verifyOnStartup: true` here'],
  ['tls', TLS_ADVICE],
  ['secure', 'is not needed: port 465 with implicit TLS is built in (R2); remove it'],
  ['url', 'is not read: give `region` (or `host`, `port`, `ca`) and `auth` instead of an smtps:// URL'],
]);

/** @nestjs-modules/mailer's message keys, refused with what to write instead. */
const MESSAGE_ADVICE: ReadonlyMap<string, string> = new Map([
  [
    'transporterName',
    "chooses a transport in @nestjs-modules/mailer: here each sender is its own mailer; inject it with `@InjectMailer('<name>')` and call its `send`",
  ],
]);

/** Keys a message may have that `defaults` may not: a template and its values belong to each message. */
const DEFAULTS_ADVICE: ReadonlyMap<string, string> = new Map([
  ['template', 'is not a default: name the template on each message, `send({ template, context })`'],
  ['context', "is not a default: give the template's values on each message, `send({ template, context })`"],
  ['locale', 'is not a default: give it on each message, `send({ template, context, locale })`'],
]);

function keysOf(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  try {
    return Object.keys(value);
  } catch {
    // A revoked proxy: core reports the message as unreadable.
    return [];
  }
}

// Configuration, not hostile input; still, an error stays short whatever was given.
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function refuseOption(where: string, key: string, options: Record<string, unknown>): never {
  if (key === 'tls' && keysOf(options.tls).includes('rejectUnauthorized')) {
    refuse(where, `\`tls.rejectUnauthorized\` cannot be set: the password would go to whoever answers. ${TLS_ADVICE}`);
  }
  const advice = MAILER_ADVICE.get(key);
  if (advice !== undefined) refuse(where, `\`${key}\` ${advice}`);
  refuse(
    where,
    `\`${key}\` is no option of a mailer; remove it or check its spelling (options: see QcloudMailModuleOptions)`,
  );
}

function checkDefaults(where: string, defaults: unknown): void {
  if (defaults === undefined) return;
  if (typeof defaults !== 'object' || defaults === null)
    refuse(where, '`defaults` must be an object of message fields');
  const fields = Object.keys(messageSchema.shape);
  for (const key of Object.keys(defaults)) {
    if (fields.includes(key)) continue;
    const advice = DEFAULTS_ADVICE.get(key) ?? MESSAGE_ADVICE.get(key);
    refuse(where, `\`defaults.${key}\` ${advice ?? 'is no field of a message; remove it or check its spelling'}`);
  }
}

/** Refuses what the module would otherwise ignore in `forRoot`'s options, naming the key and what to write. */
export function checkForRootOptions(options: unknown): void {
  const where = 'QcloudMailModule.forRoot';
  if (typeof options !== 'object' || options === null) refuse(where, 'expected an object of options');
  const record = options as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!isMailerOption(key) && !Object.hasOwn(EXTRAS, key)) refuseOption(where, key, record);
  }
  checkDefaults(where, record.defaults);
  checkTemplatesOption(where, record.templates);
}

/** Refuses unknown keys beside `useFactory`: mailer options there would be silently dropped. */
export function checkAsyncOptions(options: unknown): void {
  const where = 'QcloudMailModule.forRootAsync';
  if (typeof options !== 'object' || options === null) refuse(where, 'expected an object of options');
  for (const key of Object.keys(options)) {
    if (BUILDER_ASYNC_KEYS.includes(key) || Object.hasOwn(EXTRAS, key)) continue;
    if (isMailerOption(key)) {
      refuse(
        where,
        `\`${key}\` is a mailer option: return it from \`useFactory\` (or the options class), not beside it`,
      );
    }
    refuse(
      where,
      `\`${key}\` is no option of forRootAsync (${[...BUILDER_ASYNC_KEYS, 'name', 'isGlobal'].join(', ')})`,
    );
  }
}

/** Refuses what the factory (or options class) of `forRootAsync` returned beyond a mailer's options. */
export function checkFactoryResult(options: unknown, name: string): void {
  const where = `QcloudMailModule.forRootAsync (mailer "${name}"), the factory's result`;
  if (typeof options !== 'object' || options === null) refuse(where, 'expected an object of options');
  const record = options as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (isMailerOption(key)) continue;
    if (Object.hasOwn(EXTRAS, key)) {
      // The factory runs after Nest has registered the mailer's token, so a name (or scope) here comes too late.
      refuse(
        where,
        `\`${key}\` is read only beside useFactory, before the factory runs: write QcloudMailModule.forRootAsync({ ${key}: ${shown(record[key])}, useFactory, inject })`,
      );
    }
    refuseOption(where, key, record);
  }
  checkDefaults(where, record.defaults);
  checkTemplatesOption(where, record.templates);
}

/** Refuses unknown keys of `send`'s options and @nestjs-modules/mailer's message keys, with what to write. */
export function checkSend(mailer: string, message: unknown, options: unknown): void {
  for (const key of keysOf(options)) {
    if (!Object.hasOwn(SEND_OPTIONS, key)) {
      refuse(
        `QcloudMailService.send (mailer "${mailer}")`,
        `\`${key}\` is no send option (only ${Object.keys(SEND_OPTIONS)
          .map((name) => `\`${name}\``)
          .join(', ')})`,
      );
    }
  }
  for (const key of keysOf(message)) {
    const advice = MESSAGE_ADVICE.get(key);
    if (advice === undefined) continue;
    const text = `\`${key}\` ${advice}`;
    throw new QcloudMailError({
      code: 'VALIDATION',
      message: `The message cannot be sent: ${text}`,
      issues: [{ code: 'option_unknown', path: [key], rule: 'HEADERS', message: `${key}: ${text}` }],
    });
  }
}
