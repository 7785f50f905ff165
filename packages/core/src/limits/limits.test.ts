import { describe, expect, it } from 'vitest';
import { isQcloudMailError, LIMITS, resolveEndpoint, resolveLimits } from '../index.js';
import { FOLD_WIDTH } from '../mime/header-fold.js';

describe('LIMITS and resolveLimits', () => {
  it('keeps the conservative defaults', () => {
    expect(resolveLimits().maxAttachmentBytes).toBe(4 * 1024 * 1024);
    expect(LIMITS.maxRecipients).toBe(50);
  });
  it('derives the line-bound caps from the 998-octet line and the fold width', () => {
    expect('Message-ID: '.length + LIMITS.maxMessageIdLength).toBe(LIMITS.maxLineOctets);
    expect(LIMITS.maxHeaderNameLength).toBe(FOLD_WIDTH);
    expect([LIMITS.maxAddressOctets, LIMITS.maxLocalPartOctets, LIMITS.maxDomainLabelOctets]).toEqual([254, 64, 63]);
    expect(LIMITS.maxDisplayNameLength).toBe(256);
  });
  it('allows one attachment up to 5 MiB', () => {
    expect(resolveLimits({ maxAttachmentBytes: 5 * 1024 * 1024 }).maxAttachmentBytes).toBe(5 * 1024 * 1024);
  });
  it('refuses more than the service allows', () => {
    let caught: unknown;
    try {
      resolveLimits({ maxAttachmentBytes: 6 * 1024 * 1024 });
    } catch (error) {
      caught = error;
    }
    expect(isQcloudMailError(caught) && caught.code).toBe('CONFIGURATION');
  });
});

describe('resolveEndpoint', () => {
  it('maps the three regions to port 465 (R1, R2)', () => {
    expect(resolveEndpoint('hongkong')).toEqual({ host: 'smtp.qcloudmail.com', port: 465, secure: true });
    expect(resolveEndpoint('guangzhou').host).toBe('gz-smtp.qcloudmail.com');
    expect(resolveEndpoint('singapore').host).toBe('sg-smtp.qcloudmail.com');
  });
  it('takes an explicit host, port and CA', () => {
    expect(resolveEndpoint({ host: '127.0.0.1', port: 2465, ca: 'PEM' })).toEqual({
      host: '127.0.0.1',
      port: 2465,
      secure: true,
      ca: 'PEM',
    });
  });
  it('refuses an unknown region', () => {
    expect(() => resolveEndpoint('mars' as 'hongkong')).toThrow(/Unknown region/);
  });
});
