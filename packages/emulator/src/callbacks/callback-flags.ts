import type { EmulatorCallbackOptions } from './callback-options.js';

/** The command's flags for delivery-event callbacks, in `parseArgs` form. */
export const CALLBACK_FLAGS = {
  'callback-url': { type: 'string' },
  'sender-callback-url': { type: 'string', multiple: true },
  'callback-secret': { type: 'string' },
  'callback-delay': { type: 'string' },
  'callback-attempts': { type: 'string' },
  'processed-events': { type: 'boolean' },
  'strict-callback-ports': { type: 'boolean' },
} as const;

/** The help lines of the callback flags. */
export const CALLBACK_HELP = `  --callback-url <url>   Post delivery events (R26-R29) here: the account-level address
  --sender-callback-url <sender>=<url>
                         A sender-level address, which wins for that sender; repeatable
  --callback-secret <s>  Sent as ?token=<s> on every post (or set ${'QCLOUDMAIL_EMULATOR_CALLBACK_SECRET'},
                         which keeps it out of the process list)
  --callback-delay <ms>  From the 250 to the first event (default 10)
  --callback-attempts <n>
                         Posts of one event before it is given up (default 3)
  --processed-events     Post a processed event before each outcome
  --strict-callback-ports
                         Refuse callback ports other than 8080-8082, as the provider does
`;

/** The environment variable that may carry the callback secret. */
export const CALLBACK_SECRET_ENV = 'QCLOUDMAIL_EMULATOR_CALLBACK_SECRET';

/** The values `parseArgs` gives for `CALLBACK_FLAGS`. */
export interface CallbackFlagValues {
  'callback-url'?: string | undefined;
  'sender-callback-url'?: string[] | undefined;
  'callback-secret'?: string | undefined;
  'callback-delay'?: string | undefined;
  'callback-attempts'?: string | undefined;
  'processed-events'?: boolean | undefined;
  'strict-callback-ports'?: boolean | undefined;
}

// `sender=url`: split where the URL starts, since a local part may itself hold an `=`.
function senderUrl(value: string): [string, string] {
  const lower = value.toLowerCase();
  const candidates = [lower.indexOf('=http://'), lower.indexOf('=https://')].filter((at) => at > 0);
  const at = candidates.length === 0 ? -1 : Math.min(...candidates);
  if (at < 0)
    throw new Error('--sender-callback-url expects sender=url, such as noreply@example.com=http://host:8080/ses');
  return [value.slice(0, at), value.slice(at + 1)];
}

function count(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isInteger(number) || number < 0) throw new Error(`${flag} expects a whole number`);
  return number;
}

/**
 * The callback options the flags (and the secret's environment variable) give, or undefined when none is set;
 * the emulator checks the URLs and figures when it starts.
 */
export function callbackOptionsFromFlags(
  values: CallbackFlagValues,
  env: Readonly<Record<string, string | undefined>>,
): EmulatorCallbackOptions | undefined {
  const secret = values['callback-secret'] ?? env[CALLBACK_SECRET_ENV];
  const senders = Object.fromEntries((values['sender-callback-url'] ?? []).map(senderUrl));
  const delayMs = count('--callback-delay', values['callback-delay']);
  const attempts = count('--callback-attempts', values['callback-attempts']);
  const options: EmulatorCallbackOptions = {
    ...(values['callback-url'] === undefined ? {} : { url: values['callback-url'] }),
    ...(Object.keys(senders).length === 0 ? {} : { senders }),
    ...(secret === undefined || secret === '' ? {} : { secret }),
    ...(delayMs === undefined ? {} : { delayMs }),
    ...(attempts === undefined ? {} : { attempts }),
    ...(values['processed-events'] ? { processed: true } : {}),
    ...(values['strict-callback-ports'] ? { strictPorts: true } : {}),
  };
  return Object.keys(options).length === 0 ? undefined : options;
}
