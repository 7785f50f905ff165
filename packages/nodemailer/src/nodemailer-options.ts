import { type MailClientOptions, type MailLogRecord, QcloudMailError, REGIONS, SES_SMTP_PORT } from '@qcloudmail/core';

/** The client options built so far from the transport's options; each nodemailer key writes its part. */
export type ClientDraft = Record<string, unknown> & {
  pool?: Record<string, unknown>;
  timeouts?: Record<string, unknown>;
};

/** Fails a transport option: a `CONFIGURATION` error naming it and what to write instead. */
export function refuseOption(option: string, instead: string): never {
  throw new QcloudMailError({ code: 'CONFIGURATION', message: `Invalid option ${option}: ${instead}` });
}

function nested(draft: ClientDraft, group: 'pool' | 'timeouts', key: string, value: unknown, option: string): void {
  const target = draft[group] ?? {};
  draft[group] = target;
  if (target[key] !== undefined && target[key] !== value) {
    refuseOption(option, `another option sets ${group}.${key} to another value; give it once`);
  }
  target[key] = value;
}

// Core's `pool` and `timeouts` objects, merged with nodemailer's flat keys for the same settings.
function group(value: unknown, draft: ClientDraft, name: 'pool' | 'timeouts', option: string): void {
  if (typeof value !== 'object' || value === null) {
    draft[name] = value as undefined;
    return;
  }
  for (const [key, each] of Object.entries(value)) nested(draft, name, key, each, `${option}.${key}`);
}

/** A key accepted only with the value the transport always has; any other value asks for what cannot be. */
function only(expected: unknown, instead: string): (value: unknown, draft: ClientDraft, option: string) => void {
  return (value, _draft, option) => {
    if (value !== expected) refuseOption(option, instead);
  };
}

type LoggerMethod = (data: Record<string, unknown>, message: string) => void;

// nodemailer takes `true` (its console logger) or a bunyan-style object whose level methods take (data, message).
function toLogger(value: unknown, option: string): MailClientOptions['logger'] {
  if (value === false || value === undefined) return undefined;
  if (typeof value === 'function') return value as (record: MailLogRecord) => void;
  if (value === true) {
    return (record) => console[record.level](`[qcloudmail] ${record.message}`, record.data ?? {});
  }
  if (typeof value === 'object' && value !== null) {
    const methods = value as Record<string, unknown>;
    if (['debug', 'info', 'warn', 'error'].every((level) => typeof methods[level] === 'function')) {
      return (record) => (methods[record.level] as LoggerMethod).call(value, record.data ?? {}, record.message);
    }
  }
  return refuseOption(
    option,
    'expected a function (record) => void, a logger with debug/info/warn/error, or a boolean',
  );
}

const TLS_VERIFY =
  'TLS verification is never turned off: the password would go to whoever answers. To trust a test server ' +
  '(the emulator), give its certificate authority as ca';

// nodemailer's `tls` is Node's tls options: the parts that still mean something here map, the rest are refused.
function tls(value: unknown, draft: ClientDraft, option: string): void {
  if (typeof value !== 'object' || value === null) refuseOption(option, 'expected an object');
  for (const [key, each] of Object.entries(value)) {
    const name = `${option}.${key}`;
    if (key === 'rejectUnauthorized') {
      if (each !== true) refuseOption(name, TLS_VERIFY);
    } else if (key === 'ca' || key === 'servername') {
      if (draft[key] !== undefined && draft[key] !== each) refuseOption(name, `${key} is given twice; give it once`);
      draft[key] = each;
    } else if (key === 'maxVersion') {
      draft.maxTlsVersion = each;
    } else if (key === 'minVersion') {
      if (each !== 'TLSv1.2') refuseOption(name, 'the client always accepts TLS 1.2 and 1.3 (R3); remove it');
    } else if (key === 'checkServerIdentity') {
      refuseOption(name, TLS_VERIFY);
    } else {
      refuseOption(name, 'the client sets up TLS itself (R2, R3); remove it, or give ca, servername or maxVersion');
    }
  }
}

const SERVICE_HOSTS = new Set<string>(Object.values(REGIONS).map((region) => region.host));

/** Checks the endpoint options that core would accept but that cannot reach the service as meant. */
export function checkEndpoint(draft: ClientDraft): void {
  const host = typeof draft.host === 'string' ? draft.host.toLowerCase() : undefined;
  if (host !== undefined && SERVICE_HOSTS.has(host) && draft.port !== undefined && draft.port !== SES_SMTP_PORT) {
    refuseOption('port', `the service takes SMTP on ${SES_SMTP_PORT} with implicit TLS (R2); remove port`);
  }
}

function auth(value: unknown, draft: ClientDraft, option: string): void {
  if (typeof value !== 'object' || value === null) {
    draft.auth = value;
    return;
  }
  const { user, pass, type, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) refuseOption(`${option}.${extra}`, 'the service takes a user and password only (R4)');
  if (type !== undefined && String(type).toLowerCase() !== 'login') {
    refuseOption(`${option}.type`, 'the service takes a user and its SMTP password only (R4); remove type');
  }
  draft.auth = { user, pass };
}

type Handler = (value: unknown, draft: ClientDraft, option: string) => void;

/**
 * nodemailer's SMTP transport options, each mapped onto the client's or refused with what to write instead.
 * Core's own option names (`host`, `port`, `pool` as an object, `logger` as a function, ...) are copied as given.
 */
export const NODEMAILER_OPTIONS: Readonly<Record<string, Handler>> = {
  auth,
  tls,
  maxConnections: (value, draft, option) => nested(draft, 'pool', 'maxConnections', value, option),
  maxMessages: (value, draft, option) => nested(draft, 'pool', 'maxMessages', value, option),
  connectionTimeout: (value, draft, option) => nested(draft, 'timeouts', 'connect', value, option),
  greetingTimeout: (value, draft, option) => nested(draft, 'timeouts', 'greeting', value, option),
  socketTimeout: (value, draft, option) => nested(draft, 'timeouts', 'socket', value, option),
  logger: (value, draft, option) => {
    const logger = toLogger(value, option);
    if (logger !== undefined) draft.logger = logger;
  },
  pool: (value, draft, option) => {
    if (value === true) return;
    if (value === false) refuseOption(option, 'the client always pools its connections; remove pool');
    group(value, draft, 'pool', option);
  },
  timeouts: (value, draft, option) => group(value, draft, 'timeouts', option),
  rateLimit: (value, draft, option) => {
    if (typeof value === 'number') {
      refuseOption(option, `the client keeps the service limits itself (R5); use rateLimit: { perSecond: ${value} }`);
    }
    draft.rateLimit = value;
  },
  secure: only(true, `the service takes SMTP on ${SES_SMTP_PORT} with implicit TLS only (R2); remove secure`),
  requireTLS: only(true, 'every connection is TLS from its first byte (R2); remove requireTLS'),
  ignoreTLS: only(false, 'every connection is TLS from its first byte (R2); remove ignoreTLS'),
  opportunisticTLS: only(false, 'every connection is TLS from its first byte (R2); remove opportunisticTLS'),
  debug: only(false, 'SMTP traffic is never logged (it carries the credentials); pass logger for log records'),
  disableUrlAccess: only(true, 'href URLs are never fetched; download the content and pass it as content'),
  service: only(undefined, "use region: 'hongkong', 'guangzhou' or 'singapore' (R1)"),
  maxRequeues: only(undefined, 'the client decides every retry (R19); use retry: { attempts } instead'),
  rateDelta: only(undefined, 'the client keeps the service limits itself (R5); use rateLimit: { perSecond }'),
  idleTimeout: only(undefined, 'the client manages its pooled connections; remove idleTimeout'),
  name: only(undefined, 'the client names itself in EHLO; remove name'),
  localAddress: only(undefined, 'connections go straight to the service; remove localAddress'),
  proxy: only(undefined, 'connections go straight to the service; a proxy is not supported'),
  authMethod: only(undefined, 'the client picks the authentication method; remove authMethod'),
  dkim: only(undefined, 'the service signs messages with DKIM itself (HEADERS); remove dkim'),
};
