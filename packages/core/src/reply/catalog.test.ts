import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SES_ERROR_CATALOG } from './catalog-data.js';
import { isKnownErrorCode, longestKnownCodePrefix, lookupErrorCode } from './error-catalog.js';

const tsv = readFileSync(new URL('../../data/ses-error-codes.tsv', import.meta.url), 'utf8');
const rows = tsv
  .split(/\r?\n/)
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [code, meaningEn, meaningZh, retryable, category] = line.split('\t');
    return { code, meaningEn, meaningZh, retryable, category };
  });
const CATEGORIES = [
  'validation',
  'rate_limit',
  'quota',
  'auth',
  'sender',
  'recipient',
  'content',
  'service',
  'connection',
  'timeout',
  'configuration',
  'unknown',
];

describe('SES_ERROR_CATALOG against ses-error-codes.tsv (R17, R24)', () => {
  it('holds every row of the TSV, once, with the same meanings and source judgements', () => {
    expect(rows).toHaveLength(127);
    expect(SES_ERROR_CATALOG).toHaveLength(rows.length);
    expect(new Set(SES_ERROR_CATALOG.map((e) => e.code)).size).toBe(rows.length);
    for (const row of rows) {
      const entry = SES_ERROR_CATALOG.find((e) => e.code === row.code);
      expect(entry, row.code).toBeDefined();
      expect(entry?.meaningEn).toBe(row.meaningEn);
      expect(entry?.meaningZh).toBe(row.meaningZh);
      expect(entry?.source).toEqual({ retryable: row.retryable, category: row.category });
    }
  });

  it('keeps the TSV category where it is an error category and the yes/no retry judgements', () => {
    for (const row of rows) {
      const entry = lookupErrorCode(row.code ?? '');
      expect(CATEGORIES).toContain(entry.category);
      if (row.category !== 'other') expect(entry.category, row.code).toBe(row.category);
      if (row.retryable !== 'maybe') expect(entry.retryable, row.code).toBe(row.retryable === 'yes');
    }
  });

  it('gives every code a specific action sentence and waits only for retryable codes', () => {
    for (const entry of SES_ERROR_CATALOG) {
      expect(entry.action.length, entry.code).toBeGreaterThan(30);
      expect(entry.action.endsWith('.'), entry.code).toBe(true);
      if (!entry.retryable) expect(entry.retryAfterMs, entry.code).toBeNull();
      else expect(entry.retryAfterMs, entry.code).toBeGreaterThan(0);
    }
    expect(lookupErrorCode('FailedOperation.EmailAddrInBlacklist').action).toMatch(/blocklist/);
  });

  it('decides the waits of R6, R7 and R24', () => {
    expect(lookupErrorCode('RequestLimitExceeded.SmtpRateLimit')).toMatchObject({
      retryable: true,
      retryAfterMs: 1_000,
      rule: 'R7',
    });
    expect(lookupErrorCode('FailedOperation.FrequencyLimit')).toMatchObject({
      retryable: true,
      retryAfterMs: 3_600_000,
      rule: 'R6',
    });
    expect(lookupErrorCode('FailedOperation.TemporaryBlocked')).toMatchObject({
      retryable: true,
      retryAfterMs: 600_000,
    });
    expect(lookupErrorCode('FailedOperation.ServiceNotAvailable').retryable).toBe(true);
    expect(lookupErrorCode('FailedOperation').retryable).toBe(false);
    expect(lookupErrorCode('FailedOperation.ExceedSendLimit')).toMatchObject({ retryable: false, rule: 'R25' });
    for (const code of ['AuthFailure.SignatureExpire', 'AuthFailure.TokenFailure', 'UnauthorizedOperation']) {
      expect(lookupErrorCode(code).retryable, code).toBe(false);
    }
  });
});

describe('lookupErrorCode for codes outside the list (R24)', () => {
  it.each([
    ['FailedOperation.SomethingNew', 'unknown', false],
    ['InvalidParameter.New', 'validation', false],
    ['MissingParameter.New', 'validation', false],
    ['LimitExceeded.New', 'quota', false],
    ['AuthFailure.New', 'auth', false],
    ['UnauthorizedOperation.New', 'auth', false],
    ['RequestLimitExceeded.New', 'rate_limit', true],
    ['InternalError.New', 'service', true],
    ['ServiceUnavailable.New', 'service', true],
    ['TotallyUnknown', 'unknown', false],
    ['', 'unknown', false],
  ] as const)('%s falls back to %s (retryable %s)', (code, category, retryable) => {
    const entry = lookupErrorCode(code);
    expect(entry).toMatchObject({ code, category, retryable, known: false, meaningEn: '' });
    expect(isKnownErrorCode(code)).toBe(false);
  });

  it('finds the longest known code at a code boundary only', () => {
    expect(longestKnownCodePrefix('FailedOperation.MissingEmailContent.操作失败')).toBe(
      'FailedOperation.MissingEmailContent',
    );
    expect(longestKnownCodePrefix('FailedOperation.EmailAddrInBlacklist.The email')).toBe(
      'FailedOperation.EmailAddrInBlacklist',
    );
    expect(longestKnownCodePrefix('FailedOperationX')).toBeUndefined();
    expect(longestKnownCodePrefix('Nothing')).toBeUndefined();
  });
});
