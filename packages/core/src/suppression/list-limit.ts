import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { SuppressionListOptions } from './types.js';

/** The most entries one `list` call returns. */
export const MAX_SUPPRESSION_LIST_LIMIT = 10_000;

/** The `limit` of a `list` call, checked: default 1000, at most 10,000. */
export function listLimit(options: SuppressionListOptions | undefined): number {
  const limit = options?.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SUPPRESSION_LIST_LIMIT) {
    throw new QcloudMailError({
      code: 'VALIDATION',
      rule: 'R30',
      message: `Invalid suppression list limit: expected a whole number from 1 to ${MAX_SUPPRESSION_LIST_LIMIT} (R30)`,
    });
  }
  return limit;
}
