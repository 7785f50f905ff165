import { describe, expect, it } from 'vitest';
import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { backoffDelay, decideRetry, DEFAULT_RETRY, isRetryable, resolveRetryPolicy } from './retry-policy.js';

const busy = new QcloudMailError({ code: 'CONNECTION', message: '421 busy', retryable: true, responseCode: 421 });

describe('retry policy', () => {
  it('fills defaults and turns false into a single attempt', () => {
    expect(resolveRetryPolicy(undefined)).toEqual(DEFAULT_RETRY);
    expect(resolveRetryPolicy({ attempts: 5, baseDelayMs: undefined }).attempts).toBe(5);
    expect(resolveRetryPolicy({ attempts: 5, baseDelayMs: undefined }).baseDelayMs).toBe(500);
    expect(resolveRetryPolicy(false).attempts).toBe(1);
  });

  it('retries only what the catalog calls retryable, never credentials (R21)', () => {
    expect(isRetryable(busy, DEFAULT_RETRY)).toBe(true);
    const auth = new QcloudMailError({ code: 'AUTH', message: '535', retryable: true });
    expect(isRetryable(auth, DEFAULT_RETRY)).toBe(false);
    const content = new QcloudMailError({ code: 'PROVIDER', message: 'FailedOperation', retryable: false });
    expect(isRetryable(content, DEFAULT_RETRY)).toBe(false);
  });

  it('never retries an unknown outcome unless asked', () => {
    const unknown = new QcloudMailError({ code: 'OUTCOME_UNKNOWN', message: 'dropped after DATA', retryable: true });
    expect(isRetryable(unknown, DEFAULT_RETRY)).toBe(false);
    expect(isRetryable(unknown, { ...DEFAULT_RETRY, retryUnknownOutcome: true })).toBe(true);
  });

  it('backs off exponentially with full jitter, capped, and honours retryAfterMs', () => {
    expect(backoffDelay(1, DEFAULT_RETRY, busy, () => 0.999)).toBe(499);
    expect(backoffDelay(3, DEFAULT_RETRY, busy, () => 0.5)).toBe(1000);
    expect(backoffDelay(30, DEFAULT_RETRY, busy, () => 0.5)).toBe(15_000);
    expect(backoffDelay(1, DEFAULT_RETRY, busy, () => 0)).toBe(0);
    const limited = new QcloudMailError({ code: 'RATE_LIMIT', message: 'limit', retryable: true, retryAfterMs: 2000 });
    expect(backoffDelay(1, DEFAULT_RETRY, limited, () => 0.1)).toBe(2000);
  });

  it('stops at the attempt bound and before the total timeout', () => {
    expect(decideRetry(1, busy, DEFAULT_RETRY, 10_000, () => 0.5)).toEqual({ retry: true, delayMs: 250 });
    expect(decideRetry(3, busy, DEFAULT_RETRY, 10_000, () => 0.5)).toEqual({ retry: false, reason: 'attempts' });
    expect(decideRetry(1, busy, DEFAULT_RETRY, 100, () => 0.5)).toEqual({ retry: false, reason: 'deadline' });
  });
});
