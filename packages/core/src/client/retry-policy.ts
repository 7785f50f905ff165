import type { QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { RetryPolicy } from './types.js';

/** A retry policy with every default filled in. */
export type ResolvedRetryPolicy = Required<RetryPolicy>;

/** The defaults of `RetryPolicy`. */
export const DEFAULT_RETRY: ResolvedRetryPolicy = {
  attempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  retryUnknownOutcome: false,
};

/** No retries at all (`retry: false`). */
export const NO_RETRY: ResolvedRetryPolicy = { ...DEFAULT_RETRY, attempts: 1 };

/** Fills in the defaults of a retry policy; `false` means one attempt. */
export function resolveRetryPolicy(policy: RetryPolicy | false | undefined): ResolvedRetryPolicy {
  if (policy === false) return NO_RETRY;
  return { ...DEFAULT_RETRY, ...stripUndefined(policy ?? {}) };
}

function stripUndefined(policy: RetryPolicy): RetryPolicy {
  return Object.fromEntries(Object.entries(policy).filter(([, value]) => value !== undefined)) as RetryPolicy;
}

/**
 * Whether a failed attempt may be tried again: only errors the catalog calls retryable (R21, R24), never an
 * outcome that may already have been accepted (the message could go out twice) unless the policy allows it.
 */
export function isRetryable(error: QcloudMailError, policy: ResolvedRetryPolicy): boolean {
  if (error.code === 'OUTCOME_UNKNOWN') return policy.retryUnknownOutcome;
  if (error.code === 'AUTH' || error.code === 'VALIDATION' || error.code === 'CONFIGURATION') return false;
  if (error.code === 'ABORTED' || error.code === 'CLOSED') return false;
  return error.retryable;
}

/**
 * The wait before attempt `attempt + 1`: exponential backoff with full jitter (a random wait between 0 and the
 * exponential bound), but never shorter than the `retryAfterMs` the failure asked for.
 */
export function backoffDelay(
  attempt: number,
  policy: ResolvedRetryPolicy,
  error: QcloudMailError,
  random: () => number = Math.random,
): number {
  const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * bound);
  return Math.max(jittered, error.retryAfterMs ?? 0);
}

/** The decision after a failed attempt: retry after `delayMs`, or stop. */
export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: 'not-retryable' | 'attempts' | 'deadline' };

/** Decides whether and when to retry after attempt number `attempt` (1-based) failed with `error`. */
export function decideRetry(
  attempt: number,
  error: QcloudMailError,
  policy: ResolvedRetryPolicy,
  remainingMs: number,
  random: () => number = Math.random,
): RetryDecision {
  if (!isRetryable(error, policy)) return { retry: false, reason: 'not-retryable' };
  if (attempt >= policy.attempts) return { retry: false, reason: 'attempts' };
  const delayMs = backoffDelay(attempt, policy, error, random);
  // A retry that cannot start before the total timeout would only burn the budget.
  if (delayMs >= remainingMs) return { retry: false, reason: 'deadline' };
  return { retry: true, delayMs };
}
