import { isQcloudMailError } from '../errors/qcloud-mail-error.js';
import type { SendContext, SenderDeps } from './send-context.js';

/** A connection slot and rate-limit grant held by one attempt. */
export interface HeldSlot {
  /** Ends the grant and frees the slot; call once, when the attempt is over. */
  release: () => void;
  /** How long the attempt waited for both, in milliseconds. */
  waitedMs: number;
}

/** The error that ended a wait: the rate limiter's own, or the reason the send's signal aborted with. */
export function waitError(error: unknown, context: SendContext): unknown {
  if (isQcloudMailError(error) && error.code === 'RATE_LIMIT') return error;
  return context.signal.aborted ? context.signal.reason : error;
}

/**
 * Waits for a connection slot, then for the account's rate-limit grant (R5), so that the attempt starts the
 * moment it is granted. Throws the rate limiter's error, or the send signal's reason when it aborts first.
 */
export async function acquireSlot(deps: SenderDeps, context: SendContext): Promise<HeldSlot> {
  const waitStart = deps.clock.now();
  let releaseSlot: (() => void) | undefined;
  let finishGrant: (() => void) | undefined;
  try {
    releaseSlot = await deps.gate.acquire(context.signal);
    if (deps.limiter !== undefined) finishGrant = await deps.limiter.acquireAccount(waitStart, context.signal);
  } catch (error) {
    releaseSlot?.();
    throw waitError(error, context);
  }
  return {
    release: () => {
      finishGrant?.();
      releaseSlot?.();
    },
    waitedMs: deps.clock.now() - waitStart,
  };
}
