import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { LIMITS, type LimitOverrides, resolveLimits } from '../limits/limits.js';
import { isRegion, resolveEndpoint, type SmtpEndpoint } from '../limits/regions.js';
import { isMailClientOption } from './client-option-keys.js';
import { ACCOUNT_WINDOW_MS, createMemoryRateLimitStore } from '../rate-limit/memory-store.js';
import { type ResolvedRetryPolicy, resolveRetryPolicy } from './retry-policy.js';
import type { RecipientPolicy } from '../limits/recipient-policy.js';
import type { RateLimitCountAt, RateLimitStore } from '../rate-limit/types.js';
import { resolveTelemetryOptions } from '../telemetry/resolve-telemetry.js';
import type { ResolvedTelemetry } from '../telemetry/types.js';
import type { SuppressionList } from '../suppression/types.js';
import type { TemplateRenderer } from '../templates/types.js';
import type { MailClientOptions, MailClientTimeouts, MailLogRecord } from './types.js';
import { clipText, MAX_PATH_KEY_LENGTH } from '../errors/clip-text.js';

/** The rate-limit settings after defaults. */
export interface ResolvedRateLimit {
  store: RateLimitStore;
  /** Clients with this key share one limiter and store in this process (rate-limit/shared-limiters.ts). */
  shareKey: string | undefined;
  /** True when the client created the store and so closes it. */
  ownsStore: boolean;
  perSecond: number;
  perHourPerRecipient: number;
  maxQueueMs: number;
  accountWindowMs: number;
  /** When the service is assumed to count a message (R5): where the account's grant is taken. */
  countAt: RateLimitCountAt;
}

/** Every option of the client, checked and with defaults filled in. */
export interface ResolvedClientOptions {
  endpoint: SmtpEndpoint;
  auth: { user: string; pass: string };
  appId: string;
  pool: { maxConnections: number; maxMessages: number; idleTimeoutMs: number };
  timeouts: Required<MailClientTimeouts>;
  retry: ResolvedRetryPolicy;
  rateLimit: ResolvedRateLimit | false;
  recipients: RecipientPolicy;
  limits: LimitOverrides;
  maxTlsVersion: 'TLSv1.2' | 'TLSv1.3';
  logger: ((record: MailLogRecord) => void) | undefined;
  telemetry: ResolvedTelemetry | false;
  suppression: SuppressionList | undefined;
  templates: TemplateRenderer | undefined;
}

/**
 * The default bound on pooled connections. The pool opens only as many as the measured latency and the quota
 * need (`pool-sizer.ts`): 20 covers the whole 20 a second even at 600 ms per reply with pipelining.
 */
export const DEFAULT_MAX_CONNECTIONS = 20;

/** How long the pool may sit with nothing to send before its connections are closed, in milliseconds. */
export const DEFAULT_IDLE_TIMEOUT_MS = 15_000;

/** The default timeouts, in milliseconds. */
export const DEFAULT_TIMEOUTS: Required<MailClientTimeouts> = {
  connect: 10_000,
  greeting: 10_000,
  socket: 60_000,
  total: 120_000,
};

/**
 * The default interval in which at most `perSecond` sends start (R5) with a shared store that cannot hold grants
 * (no `finishAccount`): a second plus a margin, because the service counts when a message arrives, after it
 * started, and this process cannot see when other processes' sends finish. A store that holds grants until the
 * reply (core's memory store, `@qcloudmail/redis`) sees that, and gets exactly a second.
 */
export const DEFAULT_ACCOUNT_WINDOW_MS = ACCOUNT_WINDOW_MS + 50;

/**
 * The default with the client's own in-memory store: exactly a second. The limiter also holds each send in its
 * window until the reply (which comes after the service counted it), so every send of the account is tracked
 * from start to reply and no margin is needed (R5).
 */
export const OWN_STORE_ACCOUNT_WINDOW_MS = ACCOUNT_WINDOW_MS;

const POLICIES: readonly RecipientPolicy[] = ['single', 'split', 'chunk'];

function fail(option: string, expected: string): never {
  throw new QcloudMailError({ code: 'CONFIGURATION', message: `Invalid option ${option}: ${expected}` });
}

function integer(option: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(option, `expected a whole number from ${min} to ${max}`);
  }
  return value;
}

function text(option: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') fail(option, 'expected a non-empty string');
  return value;
}

const TLS_VERIFY =
  'TLS verification is never turned off: the password would go to whoever answers (R3, R4). To trust a test ' +
  'server (the emulator), give its certificate authority as ca';

// In JavaScript a misspelt or leftover option would otherwise change nothing, silently: every key must be known.
function refuseUnknownKeys(options: object): void {
  for (const key of Object.keys(options)) {
    const value: unknown = (options as Record<string, unknown>)[key];
    // An unknown key left undefined (a spread of optional settings) asks for nothing.
    if (isMailClientOption(key) || value === undefined) continue;
    const verifyOff =
      (key === 'rejectUnauthorized' && value !== true) ||
      (key === 'tls' &&
        typeof value === 'object' &&
        value !== null &&
        'rejectUnauthorized' in value &&
        value.rejectUnauthorized !== true);
    if (verifyOff) fail(key === 'tls' ? 'tls.rejectUnauthorized' : key, TLS_VERIFY);
    if (key === 'tls')
      fail(key, 'not an option of createMailClient: give ca, servername and maxTlsVersion at the top level');
    // Bounded: the name is echoed into the error.
    fail(clipText(key, MAX_PATH_KEY_LENGTH), 'unknown to createMailClient; see MailClientOptions');
  }
}

/** Checks the options of `createMailClient` up front; a bad one is a `CONFIGURATION` error naming it. */
export function resolveClientOptions(options: MailClientOptions): ResolvedClientOptions {
  if (typeof options !== 'object' || options === null) fail('options', 'expected an object');
  refuseUnknownKeys(options);
  if (typeof options.auth !== 'object' || options.auth === null) fail('auth', 'expected { user, pass } (R4)');
  const auth = { user: text('auth.user', options.auth.user), pass: text('auth.pass', options.auth.pass) };

  let endpoint: SmtpEndpoint;
  if (options.host !== undefined) {
    if (options.region !== undefined) fail('region', 'give either region or host, not both');
    endpoint = resolveEndpoint({
      host: text('host', options.host),
      port: integer('port', options.port, 1, 65_535, 465),
      ...(options.ca === undefined ? {} : { ca: options.ca }),
      ...(options.servername === undefined ? {} : { servername: text('servername', options.servername) }),
    });
  } else {
    if (!isRegion(options.region)) fail('region', 'expected hongkong, guangzhou or singapore (R1), or a host');
    if (options.port !== undefined) fail('port', 'only with host: the service listens on 465 (R2)');
    endpoint = resolveEndpoint(options.region);
  }

  const timeouts = { ...DEFAULT_TIMEOUTS };
  for (const key of Object.keys(DEFAULT_TIMEOUTS) as Array<keyof MailClientTimeouts>) {
    timeouts[key] = integer(`timeouts.${key}`, options.timeouts?.[key], 1, 24 * 3_600_000, DEFAULT_TIMEOUTS[key]);
  }

  const retry = resolveRetryPolicy(options.retry);
  integer('retry.attempts', retry.attempts, 1, 100, 1);
  integer('retry.baseDelayMs', retry.baseDelayMs, 0, 3_600_000, 0);
  integer('retry.maxDelayMs', retry.maxDelayMs, 0, 3_600_000, 0);
  if (typeof retry.retryUnknownOutcome !== 'boolean') fail('retry.retryUnknownOutcome', 'expected a boolean');

  const recipients = options.recipients ?? 'single';
  if (!POLICIES.includes(recipients)) fail('recipients', `expected one of ${POLICIES.join(', ')} (R8, R9)`);
  if (options.maxTlsVersion !== undefined && !['TLSv1.2', 'TLSv1.3'].includes(options.maxTlsVersion)) {
    fail('maxTlsVersion', 'expected TLSv1.2 or TLSv1.3 (R3)');
  }
  if (options.logger !== undefined && typeof options.logger !== 'function') fail('logger', 'expected a function');
  const templates = options.templates;
  if (
    templates !== undefined &&
    (typeof templates !== 'object' ||
      templates === null ||
      typeof templates.render !== 'function' ||
      typeof templates.engine !== 'string')
  ) {
    fail('templates', 'expected a TemplateRenderer ({ engine, render }), e.g. from @qcloudmail/templates');
  }
  const suppression = options.suppression;
  if (suppression !== undefined && (typeof suppression !== 'object' || typeof suppression?.check !== 'function')) {
    fail('suppression', 'expected a SuppressionList (createMemorySuppressionList, createRedisSuppressionList) (R30)');
  }
  const limits = options.limits ?? {};
  resolveLimits(limits);

  return {
    endpoint,
    auth,
    appId: options.appId === undefined ? auth.user : text('appId', options.appId),
    pool: {
      maxConnections: integer('pool.maxConnections', options.pool?.maxConnections, 1, 50, DEFAULT_MAX_CONNECTIONS),
      maxMessages: integer('pool.maxMessages', options.pool?.maxMessages, 1, 100_000, 100),
      idleTimeoutMs: integer('pool.idleTimeoutMs', options.pool?.idleTimeoutMs, 1, 3_600_000, DEFAULT_IDLE_TIMEOUT_MS),
    },
    timeouts,
    retry,
    rateLimit: resolveRateLimit(options.rateLimit),
    recipients,
    limits,
    maxTlsVersion: options.maxTlsVersion ?? 'TLSv1.3',
    logger: options.logger,
    telemetry: resolveTelemetryOptions(options.telemetry),
    suppression,
    templates,
  };
}

function countAtOf(value: unknown): RateLimitCountAt {
  if (value === undefined) return 'transaction';
  if (value !== 'transaction' && value !== 'data-end')
    fail('rateLimit.countAt', "expected 'transaction' or 'data-end' (R5)");
  return value;
}

function resolveRateLimit(option: MailClientOptions['rateLimit']): ResolvedRateLimit | false {
  if (option === false) return false;
  if (option !== undefined && (typeof option !== 'object' || option === null)) {
    fail('rateLimit', 'expected false or an object');
  }
  const store = option?.store;
  if (
    store !== undefined &&
    (typeof store.acquireAccount !== 'function' || typeof store.acquireRecipients !== 'function')
  ) {
    fail('rateLimit.store', 'expected a RateLimitStore (acquireAccount, acquireRecipients)');
  }
  const shareKey = option?.shareKey;
  if (shareKey !== undefined && (typeof shareKey !== 'string' || shareKey === '')) {
    fail('rateLimit.shareKey', 'expected a non-empty string');
  }
  if (shareKey !== undefined && store !== undefined) {
    fail('rateLimit.shareKey', 'give either a store (shared between processes) or a shareKey (within this process)');
  }
  return {
    store: store ?? createMemoryRateLimitStore(),
    shareKey,
    ownsStore: store === undefined,
    perSecond: integer('rateLimit.perSecond', option?.perSecond, 1, LIMITS.messagesPerSecond, LIMITS.messagesPerSecond),
    perHourPerRecipient: integer(
      'rateLimit.perHourPerRecipient',
      option?.perHourPerRecipient,
      1,
      LIMITS.messagesPerHourPerRecipient,
      LIMITS.messagesPerHourPerRecipient,
    ),
    maxQueueMs: integer('rateLimit.maxQueueMs', option?.maxQueueMs, 0, 3_600_000, 10_000),
    countAt: countAtOf(option?.countAt),
    accountWindowMs: integer(
      'rateLimit.accountWindowMs',
      option?.accountWindowMs,
      ACCOUNT_WINDOW_MS,
      60_000,
      store === undefined || typeof store.finishAccount === 'function'
        ? OWN_STORE_ACCOUNT_WINDOW_MS
        : DEFAULT_ACCOUNT_WINDOW_MS,
    ),
  };
}
