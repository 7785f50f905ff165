import {
  DEFAULT_MAX_CONNECTIONS,
  type LimitOverrides,
  type MailClient,
  type MailClientOptions,
} from '@qcloudmail/core';
import { isMailClientOption } from '@qcloudmail/core/internal';
import { type ClientDraft, checkEndpoint, NODEMAILER_OPTIONS, refuseOption } from './nodemailer-options.js';

/** The transport's options after checking: the client to create (or the one to wrap) and the transport's settings. */
export interface ResolvedTransportOptions {
  client: MailClient | undefined;
  clientOptions: MailClientOptions | undefined;
  allowFileAccess: boolean;
  limits: LimitOverrides;
  /** How many sends at once count as busy for `isIdle()`. */
  capacity: number;
}

const WRAP_KEYS = new Set(['client', 'limits', 'maxConnections', 'allowFileAccess', 'disableFileAccess']);
// As many sends at once as core's pool may carry: it opens up to this many connections as the measured latency and
// the quota need (pool-sizer), and holds the rest in its own queue. A smaller capacity would throttle nodemailer's
// `idle` loop below the 20 a second (R5) as soon as replies are slow.
const DEFAULT_CAPACITY = DEFAULT_MAX_CONNECTIONS;

function fileAccess(options: Record<string, unknown>): boolean {
  const { allowFileAccess, disableFileAccess } = options;
  if (allowFileAccess !== undefined && typeof allowFileAccess !== 'boolean') {
    refuseOption('allowFileAccess', 'expected a boolean');
  }
  if (disableFileAccess === false) {
    refuseOption('disableFileAccess', 'local files are read only with allowFileAccess: true; write that instead');
  }
  if (disableFileAccess !== undefined && disableFileAccess !== true) refuseOption('disableFileAccess', 'expected true');
  if (disableFileAccess === true && allowFileAccess === true) {
    refuseOption('disableFileAccess', 'allowFileAccess: true asks for the opposite; give one of them');
  }
  return allowFileAccess === true;
}

// Every key maps or is refused: in JavaScript a misspelt or leftover option would otherwise change nothing, silently.
function toClientOptions(options: Record<string, unknown>): ClientDraft {
  const draft: ClientDraft = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || key === 'allowFileAccess' || key === 'disableFileAccess' || key === 'client') continue;
    const handler = NODEMAILER_OPTIONS[key];
    if (handler !== undefined) handler(value, draft, key);
    else if (isMailClientOption(key)) {
      // Core's options are copied as given: core checks their values.
      if (draft[key] !== undefined && draft[key] !== value) refuseOption(key, `${key} is given twice; give it once`);
      draft[key] = value;
    } else {
      refuseOption(key, 'unknown to the qcloudmail transport; see the options table of @qcloudmail/nodemailer');
    }
  }
  checkEndpoint(draft);
  return draft;
}

/**
 * Checks `qcloudmailTransport`'s options: core's client options pass to `createMailClient`, nodemailer's SMTP
 * options map onto them (`maxConnections`, the timeouts, `logger`, `tls.ca`) or are refused by name, and any other
 * key is refused: a `CONFIGURATION` error saying what to write instead.
 */
export function resolveTransportOptions(input: unknown): ResolvedTransportOptions {
  if (typeof input !== 'object' || input === null) refuseOption('options', 'expected an object');
  const options = input as Record<string, unknown>;
  const allowFileAccess = fileAccess(options);
  if (options.client === undefined) {
    const clientOptions = toClientOptions(options) as unknown as MailClientOptions;
    const capacity = clientOptions.pool?.maxConnections ?? DEFAULT_CAPACITY;
    return { client: undefined, clientOptions, allowFileAccess, limits: clientOptions.limits ?? {}, capacity };
  }
  const client = options.client as MailClient;
  if (typeof client !== 'object' || typeof client.send !== 'function' || typeof client.verify !== 'function') {
    refuseOption('client', 'expected a MailClient from createMailClient');
  }
  const { limits, maxConnections } = options as { limits?: LimitOverrides; maxConnections?: unknown };
  for (const key of Object.keys(options)) {
    if (WRAP_KEYS.has(key) || options[key] === undefined) continue;
    // The same checks first, so that a refused value (TLS verification off) gets its own message.
    toClientOptions({ [key]: options[key] });
    refuseOption(key, 'the wrapped client has its own settings; give it to createMailClient instead');
  }
  if (maxConnections !== undefined && (!Number.isInteger(maxConnections) || (maxConnections as number) < 1)) {
    refuseOption('maxConnections', 'expected a whole number from 1');
  }
  const capacity = (maxConnections as number | undefined) ?? DEFAULT_CAPACITY;
  return { client, clientOptions: undefined, allowFileAccess, limits: limits ?? {}, capacity };
}
