import * as core from '@qcloudmail/core';
import { describe, expect, it } from 'vitest';
import { isQcloudMailError, QcloudMailError, QcloudMailPartialSendError } from './index.js';

// A user who installed only this package catches and checks errors with what it exports: the very same as core's.
describe('the errors users catch, from this package alone', () => {
  it('re-exports core’s error class, guard and partial-send error', () => {
    expect(QcloudMailError).toBe(core.QcloudMailError);
    expect(QcloudMailPartialSendError).toBe(core.QcloudMailPartialSendError);
    expect(isQcloudMailError).toBe(core.isQcloudMailError);
  });

  it('recognizes an error thrown by core', () => {
    const thrown = (() => {
      try {
        core.assertValidMessage({ to: 'a@b.co', cc: 'c@d.co' });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(isQcloudMailError(thrown)).toBe(true);
    expect(thrown).toBeInstanceOf(QcloudMailError);
  });
});
