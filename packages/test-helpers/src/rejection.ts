import { isQcloudMailError, type QcloudMailError } from '@qcloudmail/core';

/** The rejection of `promise`, which must reject with a `QcloudMailError` (everything the toolkit throws is one). */
export async function rejection(promise: Promise<unknown>): Promise<QcloudMailError> {
  try {
    await promise;
  } catch (error) {
    if (isQcloudMailError(error)) return error;
    throw new Error(`expected a QcloudMailError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the promise to reject');
}
