import * as core from '@qcloudmail/core';
import { expect } from 'vitest';

/** What an adapter re-exports so that users who installed only it can catch and check its errors. */
export interface AdapterErrorExports {
  QcloudMailError: unknown;
  QcloudMailPartialSendError: unknown;
  isQcloudMailError: unknown;
}

/** Asserts that an adapter's error exports are core's own (not copies), and that they recognize what core throws. */
export function expectCoreErrorExports(adapter: AdapterErrorExports): void {
  expect(adapter.QcloudMailError).toBe(core.QcloudMailError);
  expect(adapter.QcloudMailPartialSendError).toBe(core.QcloudMailPartialSendError);
  expect(adapter.isQcloudMailError).toBe(core.isQcloudMailError);
  let thrown: unknown;
  try {
    core.assertValidMessage({ to: 'a@b.co', cc: 'c@d.co' });
  } catch (error) {
    thrown = error;
  }
  expect(core.isQcloudMailError(thrown)).toBe(true);
  expect(thrown).toBeInstanceOf(adapter.QcloudMailError as typeof core.QcloudMailError);
}
