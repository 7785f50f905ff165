import { isQcloudMailError, type QcloudMailError } from '../errors/qcloud-mail-error.js';
import { mapSendError } from './map-error.js';
import type { PoolSendInfo } from './pool-transport.js';
import type { BuiltMessage, SendContext, SenderDeps } from './send-context.js';
import { createUploadMark } from './upload-mark.js';

/** How one attempt ended: the service's answer, or the error it failed with; and how long it took. */
export type AttemptResult =
  | { ok: true; info: PoolSendInfo; transmitMs: number }
  | { ok: false; error: QcloudMailError; transmitMs: number; handedOver: boolean };

/**
 * Makes one attempt at sending `raw` through the pool; `beforeLastBytes` (the data-end grant) holds back its
 * last bytes. A failure is judged by this attempt's own upload mark:
 * after the whole message was handed over it may follow the final dot, so it becomes `OUTCOME_UNKNOWN` (R19)
 * unless a reply settled it.
 */
export async function transmitOnce(
  deps: SenderDeps,
  built: BuiltMessage,
  raw: Buffer,
  context: SendContext,
  beforeLastBytes?: () => Promise<void>,
): Promise<AttemptResult> {
  const started = deps.clock.now();
  // This attempt's own mark: never shared with another attempt or another send of the same Message-ID.
  const upload = createUploadMark(beforeLastBytes);
  try {
    const info = await deps.transport.send(raw, built.envelope, upload, context.signal);
    return { ok: true, info, transmitMs: deps.clock.now() - started };
  } catch (cause) {
    const transmitMs = deps.clock.now() - started;
    // The grant its last bytes waited for was refused (R5): nothing was sent, and the limiter's error says why.
    const heldBack = upload.heldBack;
    if (isQcloudMailError(heldBack) && heldBack.code === 'RATE_LIMIT')
      return { ok: false, error: heldBack, transmitMs, handedOver: false };
    const reason: unknown = context.signal.reason;
    const closedBy = isQcloudMailError(reason) && reason.code === 'CLOSED' ? reason : undefined;
    const error = mapSendError(cause, {
      afterDataSent: upload.handedOver,
      aborted: context.userSignal?.aborted === true || closedBy !== undefined,
      closedBy,
      timedOut: context.signal.aborted && isQcloudMailError(reason) && reason.code === 'TIMEOUT',
      totalTimeoutMs: deps.options.timeouts.total,
    });
    return { ok: false, error, transmitMs, handedOver: upload.handedOver };
  }
}
