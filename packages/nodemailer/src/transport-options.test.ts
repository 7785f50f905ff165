import {
  createMailClient,
  DEFAULT_MAX_CONNECTIONS,
  isQcloudMailError,
  type MailLogRecord,
  type QcloudMailError,
} from '@qcloudmail/core';
import { describe, expect, it } from 'vitest';
import { resolveTransportOptions } from './transport-options.js';

const auth = { user: 'noreply@mail.example.com', pass: 'secret' };
const base = { region: 'hongkong', auth };

function refusal(options: unknown): QcloudMailError {
  try {
    resolveTransportOptions(options);
  } catch (error) {
    if (isQcloudMailError(error)) return error;
    throw error;
  }
  throw new Error('expected the options to be refused');
}

describe('resolveTransportOptions: nodemailer options that map', () => {
  it("passes core options through and defaults the idle capacity to the bound of core's pool (20)", () => {
    const resolved = resolveTransportOptions({ ...base, appId: 'app', allowFileAccess: true });
    expect(resolved.clientOptions).toEqual({ ...base, appId: 'app' });
    expect(resolved).toMatchObject({ client: undefined, allowFileAccess: true, capacity: 20, limits: {} });
    expect(resolved.capacity).toBe(DEFAULT_MAX_CONNECTIONS);
  });

  it('maps the pool size and the timeouts onto the client options', () => {
    const resolved = resolveTransportOptions({
      ...base,
      pool: true,
      maxConnections: 4,
      maxMessages: 50,
      connectionTimeout: 1_000,
      greetingTimeout: 2_000,
      socketTimeout: 3_000,
      timeouts: { total: 9_000 },
    });
    expect(resolved.clientOptions).toEqual({
      ...base,
      pool: { maxConnections: 4, maxMessages: 50 },
      timeouts: { connect: 1_000, greeting: 2_000, socket: 3_000, total: 9_000 },
    });
    expect(resolved.capacity).toBe(4);
  });

  it('maps tls ca, servername and maxVersion, and keeps verification on', () => {
    const tls = { ca: 'PEM', servername: 'smtp.test', maxVersion: 'TLSv1.2', rejectUnauthorized: true };
    const resolved = resolveTransportOptions({ host: '127.0.0.1', port: 2465, auth, secure: true, tls });
    expect(resolved.clientOptions).toEqual({
      host: '127.0.0.1',
      port: 2465,
      auth,
      ca: 'PEM',
      servername: 'smtp.test',
      maxTlsVersion: 'TLSv1.2',
    });
  });

  it("adapts nodemailer's bunyan-style logger and drops auth.type 'login'", () => {
    const seen: unknown[][] = [];
    const logger = {
      debug: (...args: unknown[]) => seen.push(['debug', ...args]),
      info: (...args: unknown[]) => seen.push(['info', ...args]),
      warn: (...args: unknown[]) => seen.push(['warn', ...args]),
      error: (...args: unknown[]) => seen.push(['error', ...args]),
    };
    const resolved = resolveTransportOptions({ ...base, auth: { ...auth, type: 'login' }, logger, debug: false });
    expect(resolved.clientOptions?.auth).toEqual(auth);
    const record: MailLogRecord = { level: 'warn', message: 'retrying', data: { attempt: 2 } };
    resolved.clientOptions?.logger?.(record);
    expect(seen).toEqual([['warn', { attempt: 2 }, 'retrying']]);
    expect(resolveTransportOptions({ ...base, logger: false }).clientOptions).not.toHaveProperty('logger');
  });

  it('takes limits, maxConnections and file settings beside a wrapped client', async () => {
    const client = createMailClient(base as never);
    const resolved = resolveTransportOptions({ client, maxConnections: 5, disableFileAccess: true });
    expect(resolved).toMatchObject({ client, clientOptions: undefined, capacity: 5, allowFileAccess: false });
    // Without maxConnections the wrapped client is taken to have core's default bound.
    expect(resolveTransportOptions({ client }).capacity).toBe(20);
    await client.close();
  });
});

describe('resolveTransportOptions: refused by name, with what to write instead', () => {
  it.each([
    [{ tls: { rejectUnauthorized: false } }, 'tls.rejectUnauthorized', /never turned off.*ca/],
    [{ tls: { checkServerIdentity: () => undefined } }, 'tls.checkServerIdentity', /never turned off/],
    [{ tls: { ciphers: 'ALL' } }, 'tls.ciphers', /sets up TLS itself/],
    [{ secure: false }, 'secure', /implicit TLS only \(R2\)/],
    [{ ignoreTLS: true }, 'ignoreTLS', /TLS from its first byte/],
    [{ pool: false }, 'pool', /always pools/],
    [{ debug: true }, 'debug', /never logged.*logger/],
    [{ service: 'QQex' }, 'service', /region/],
    [{ maxRequeues: 3 }, 'maxRequeues', /retry/],
    [{ rateLimit: 5 }, 'rateLimit', /rateLimit: \{ perSecond: 5 \}/],
    [{ rateDelta: 1000 }, 'rateDelta', /perSecond/],
    [{ proxy: 'socks5://proxy' }, 'proxy', /not supported/],
    [{ dkim: { domainName: 'example.com' } }, 'dkim', /DKIM itself/],
    [{ auth: { type: 'OAuth2', user: auth.user, accessToken: 'token' } }, 'auth.accessToken', /R4/],
    [{ logger: 'yes' }, 'logger', /expected a function/],
    [{ disableFileAccess: false }, 'disableFileAccess', /allowFileAccess: true/],
    [{ disableUrlAccess: false }, 'disableUrlAccess', /never fetched/],
    [{ maxConnections: 3, pool: { maxConnections: 4 } }, 'pool.maxConnections', /give it once/],
    [{ host: 'smtp.qcloudmail.com', port: 587 }, 'port', /465 with implicit TLS \(R2\)/],
    [{ connectionTimout: 5_000 }, 'connectionTimout', /unknown to the qcloudmail transport/],
  ])('refuses %j naming %s', (extra, option, instead) => {
    const error = refusal({ ...base, ...extra });
    expect(error.code).toBe('CONFIGURATION');
    expect(error.message.startsWith(`Invalid option ${option}: `)).toBe(true);
    expect(error.message).toMatch(instead);
  });

  it('refuses client settings beside a wrapped client, TLS verification off with its own message', async () => {
    const client = createMailClient(base as never);
    expect(refusal({ client, maxConnections: 2, connectionTimeout: 5 }).message).toMatch(
      /^Invalid option connectionTimeout: the wrapped client has its own settings/,
    );
    expect(refusal({ client, tls: { rejectUnauthorized: false } }).message).toMatch(
      /^Invalid option tls.rejectUnauthorized: TLS verification is never turned off/,
    );
    expect(refusal({ client, surprise: 1 }).message).toMatch(/^Invalid option surprise: unknown/);
    await client.close();
  });
});
