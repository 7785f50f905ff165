import { isQcloudMailError, QcloudMailError } from '../errors/qcloud-mail-error.js';
import { noteRateLimitWait } from '../telemetry/send-scope.js';
import type { SendContext, SenderDeps } from './send-context.js';

/** A connection slot held by one attempt, and its account grant (R5): taken already, or at its last bytes. */
export interface HeldSlot {
  /** Ends the grant (if taken) and frees the slot; call once, when the attempt is over. */
  release: () => void;
  /** How long the attempt waited for its slot (and, counted at the transaction, its grant), in milliseconds. */
  waitedMs: number;
  /**
   * Under `countAt: 'data-end'`: takes the account's grant, for the attempt's upload to await before its last
   * bytes (`UploadMark.beforeLastBytes`). Undefined when the grant was taken with the slot, or there is no limiter.
   */
  grantAtLastBytes: (() => Promise<void>) | undefined;
  /** When the grant was taken (the clock's time), once it was. */
  grantedAt(): number | undefined;
  /** How long the attempt's last bytes waited for their grant (data-end), in milliseconds; 0 otherwise. */
  lastBytesWaitedMs(): number;
}

/** The error that ended a wait: the rate limiter's own, or the reason the send's signal aborted with. */
export function waitError(error: unknown, context: SendContext): unknown {
  if (isQcloudMailError(error) && error.code === 'RATE_LIMIT') return error;
  return context.signal.aborted ? context.signal.reason : error;
}

/**
 * Waits for a connection slot, then (when the service is assumed to count anywhere in the transaction) for the
 * account's rate-limit grant (R5), so that the attempt starts the moment it is granted. Under the data-end
 * assumption the grant waits for the attempt's last bytes instead (`grantAtLastBytes`). Throws the rate
 * limiter's error, or the send signal's reason when it aborts first.
 */
export async function acquireSlot(deps: SenderDeps, context: SendContext): Promise<HeldSlot> {
  const { clock, limiter } = deps;
  const waitStart = clock.now();
  let releaseSlot: (() => void) | undefined;
  let finishGrant: (() => void) | undefined;
  let grantedAt: number | undefined;
  let lastBytesWaitedMs = 0;
  let released = false;
  const dataEnd = deps.options.rateLimit !== false && deps.options.rateLimit.countAt === 'data-end';
  try {
    releaseSlot = await deps.gate.acquire(context.signal);
    if (limiter !== undefined && !dataEnd) {
      finishGrant = await limiter.acquireAccount(waitStart, context.signal);
      grantedAt = clock.now();
    }
  } catch (error) {
    releaseSlot?.();
    throw waitError(error, context);
  }
  const grantAtLastBytes =
    limiter === undefined || !dataEnd
      ? undefined
      : async (): Promise<void> => {
          const asked = clock.now();
          const done = await limiter.acquireAccount(asked, context.signal);
          lastBytesWaitedMs = clock.now() - asked;
          noteRateLimitWait(deps.events, 'data-end', lastBytesWaitedMs);
          if (released) {
            // The attempt ended before its grant came (aborted, its connection lost): end the grant at once,
            // and let no last bytes go.
            done();
            throw new QcloudMailError({ code: 'CLOSED', message: 'The attempt ended before its grant' });
          }
          finishGrant = done;
          grantedAt = clock.now();
        };
  const waitedMs = clock.now() - waitStart;
  noteRateLimitWait(deps.events, 'slot', waitedMs);
  return {
    release: () => {
      released = true;
      finishGrant?.();
      releaseSlot?.();
    },
    waitedMs,
    grantAtLastBytes,
    grantedAt: () => grantedAt,
    lastBytesWaitedMs: () => lastBytesWaitedMs,
  };
}
