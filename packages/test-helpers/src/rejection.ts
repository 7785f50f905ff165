import { isQcloudMailError, type QcloudMailError } from '@qcloudmail/core';

/**
 * The rejection of `result`, which must reject with a `QcloudMailError` (everything the toolkit throws is one).
 * `result` is awaited whatever it is, so a maybe-promise (what `TemplateRenderer.render` returns) is taken as is.
 */
export async function rejection(result: unknown): Promise<QcloudMailError> {
  try {
    await result;
  } catch (error) {
    if (isQcloudMailError(error)) return error;
    throw new Error(`expected a QcloudMailError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the promise to reject');
}
