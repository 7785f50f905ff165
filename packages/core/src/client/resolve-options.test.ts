import { describe, expect, it } from 'vitest';
import { isQcloudMailError } from '../errors/qcloud-mail-error.js';
import { DEFAULT_ACCOUNT_WINDOW_MS, OWN_STORE_ACCOUNT_WINDOW_MS, resolveClientOptions } from './resolve-options.js';
import type { MailClientOptions } from './types.js';

const base: MailClientOptions = { region: 'hongkong', auth: { user: 'noreply@example.com', pass: 'secret' } };

function configurationError(options: unknown): string {
  try {
    resolveClientOptions(options as MailClientOptions);
  } catch (error) {
    if (isQcloudMailError(error) && error.code === 'CONFIGURATION') return error.message;
    throw error;
  }
  throw new Error('expected a CONFIGURATION error');
}

describe('resolveClientOptions', () => {
  it('fills the defaults: region endpoint on 465, appId = user, up to 20 connections, limiter on counting at the transaction (R1, R2, R5)', () => {
    const resolved = resolveClientOptions(base);
    expect(resolved.endpoint).toEqual({ host: 'smtp.qcloudmail.com', port: 465, secure: true });
    expect(resolved.appId).toBe('noreply@example.com');
    expect(resolved.pool).toEqual({ maxConnections: 20, maxMessages: 100, idleTimeoutMs: 15_000 });
    expect(resolved.recipients).toBe('single');
    expect(resolved.rateLimit).toMatchObject({
      perSecond: 20,
      perHourPerRecipient: 10,
      maxQueueMs: 10_000,
      countAt: 'transaction',
    });
    expect(resolved.rateLimit === false ? 0 : resolved.rateLimit.accountWindowMs).toBe(OWN_STORE_ACCOUNT_WINDOW_MS);
    const store = {
      acquireAccount: async () => ({ ok: true }) as const,
      acquireRecipients: async () => ({ ok: true }) as const,
    };
    const shared = resolveClientOptions({ ...base, rateLimit: { store } });
    expect(shared.rateLimit === false ? 0 : shared.rateLimit.accountWindowMs).toBe(DEFAULT_ACCOUNT_WINDOW_MS);
    expect(resolved.retry.attempts).toBe(3);
  });

  it('accepts an explicit host with its CA, and rateLimit false', () => {
    const resolved = resolveClientOptions({
      ...base,
      region: undefined,
      host: '127.0.0.1',
      port: 2465,
      ca: 'PEM',
      rateLimit: false,
    });
    expect(resolved.endpoint).toEqual({ host: '127.0.0.1', port: 2465, secure: true, ca: 'PEM' });
    expect(resolved.rateLimit).toBe(false);
  });

  it.each([
    [{ ...base, auth: undefined }, 'auth'],
    [{ ...base, auth: { user: '', pass: 'x' } }, 'auth.user'],
    [{ ...base, auth: { user: 'a@b.c', pass: '' } }, 'auth.pass'],
    [{ ...base, region: 'mars' }, 'region'],
    [{ ...base, host: 'h' }, 'region'],
    [{ ...base, port: 25 }, 'port'],
    [{ ...base, region: undefined, host: 'h', port: 70_000 }, 'port'],
    [{ ...base, pool: { maxConnections: 0 } }, 'pool.maxConnections'],
    [{ ...base, pool: { idleTimeoutMs: 0 } }, 'pool.idleTimeoutMs'],
    [{ ...base, rateLimit: { countAt: 'mail-from' } }, 'rateLimit.countAt'],
    [{ ...base, timeouts: { total: -1 } }, 'timeouts.total'],
    [{ ...base, retry: { attempts: 0 } }, 'retry.attempts'],
    [{ ...base, rateLimit: { perSecond: 21 } }, 'rateLimit.perSecond'],
    [{ ...base, rateLimit: { perHourPerRecipient: 11 } }, 'rateLimit.perHourPerRecipient'],
    [{ ...base, rateLimit: { accountWindowMs: 500 } }, 'rateLimit.accountWindowMs'],
    [{ ...base, rateLimit: { store: {} } }, 'rateLimit.store'],
    [{ ...base, recipients: 'all' }, 'recipients'],
    [{ ...base, maxTlsVersion: 'TLSv1.1' }, 'maxTlsVersion'],
    [{ ...base, logger: 'console' }, 'logger'],
  ])('refuses a bad option and names it (%#)', (options, name) => {
    expect(configurationError(options)).toContain(`Invalid option ${name}:`);
  });

  it.each([
    [{ ...base, maxConnections: 5 }, 'maxConnections'],
    [{ ...base, secure: true }, 'secure'],
    [{ ...base, constructor: {} }, 'constructor'],
    [{ ...base, tls: { ca: 'PEM' } }, 'tls'],
    [{ ...base, rejectUnauthorized: true }, 'rejectUnauthorized'],
  ])('refuses an unknown option by name (%#)', (options, name) => {
    expect(configurationError(options)).toMatch(new RegExp(`^Invalid option ${name}: .*(unknown|not an option)`));
  });

  it('bounds the name of an unknown option in the error', () => {
    const message = configurationError({ ...base, ['x'.repeat(10_000)]: 1 });
    expect(message.length).toBeLessThan(200);
  });

  it('takes an unknown key left undefined as asking for nothing', () => {
    expect(resolveClientOptions({ ...base, tls: undefined } as MailClientOptions).auth.user).toBe(
      'noreply@example.com',
    );
  });

  it.each([
    [{ ...base, tls: { rejectUnauthorized: false } }, 'tls.rejectUnauthorized'],
    [{ ...base, tls: { rejectUnauthorized: 0, ca: 'PEM' } }, 'tls.rejectUnauthorized'],
    [{ ...base, rejectUnauthorized: false }, 'rejectUnauthorized'],
  ])('refuses turning TLS verification off, loudly (%#)', (options, name) => {
    const message = configurationError(options);
    expect(message).toContain(`Invalid option ${name}: TLS verification is never turned off`);
    expect(message).toContain('ca');
  });

  it('never puts the password in a configuration error', () => {
    expect(configurationError({ ...base, auth: { user: '', pass: 'hunter2' } })).not.toContain('hunter2');
  });
});
