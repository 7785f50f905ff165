import { isQcloudMailError } from '@qcloudmail/core';
import { describe, expect, it } from 'vitest';
import { serviceTarget, wantsRealService } from './service-target.js';

const FULL = {
  QCLOUDMAIL_USER: 'noreply@mail.example.com',
  QCLOUDMAIL_PASS: 'smtp-password',
  QCLOUDMAIL_REGION: 'guangzhou',
  QCLOUDMAIL_TO: 'me@example.org',
};

function configurationError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isQcloudMailError(error) && error.code === 'CONFIGURATION') return error.message;
    throw error;
  }
  throw new Error('expected a CONFIGURATION error');
}

describe('the real-service target', () => {
  it('is chosen only when the user and the password are set', () => {
    expect(wantsRealService({})).toBe(false);
    expect(wantsRealService({ QCLOUDMAIL_USER: 'a@b.c' })).toBe(false);
    expect(wantsRealService(FULL)).toBe(true);
  });

  it("uses core's region option, one recipient, no emulator, and never shows the password", () => {
    const target = serviceTarget(FULL);
    expect(target.kind).toBe('service');
    expect(target.client).toEqual({ region: 'guangzhou', auth: { user: FULL.QCLOUDMAIL_USER, pass: 'smtp-password' } });
    expect(target.emulator).toBeUndefined();
    expect(target.recipient('NestJS')).toBe('me@example.org');
    expect(JSON.stringify(target.describe)).toContain('gz-smtp.qcloudmail.com:465');
    expect(JSON.stringify(target.describe)).not.toContain('smtp-password');
  });

  it('names every missing variable', () => {
    const message = configurationError(() => serviceTarget({ QCLOUDMAIL_USER: 'a@b.c', QCLOUDMAIL_PASS: 'p' }));
    expect(message).toContain('QCLOUDMAIL_REGION, QCLOUDMAIL_TO');
  });

  it('refuses a region that is not one of the three (R1)', () => {
    const message = configurationError(() => serviceTarget({ ...FULL, QCLOUDMAIL_REGION: 'beijing' }));
    expect(message).toContain('hongkong, guangzhou, singapore');
  });
});
