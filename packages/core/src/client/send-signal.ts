import { setMaxListeners } from 'node:events';
import { QcloudMailError } from '../errors/qcloud-mail-error.js';

/** A send's signal and the function that detaches it from its sources once the send settled. */
export interface SendSignal {
  signal: AbortSignal;
  dispose: () => void;
}

/** The error of a send on a closed client, or of one a forced close ended. */
export function closedError(): QcloudMailError {
  return new QcloudMailError({ code: 'CLOSED', message: 'The mail client is closed; create a new one to send' });
}

/**
 * Opens one send's signal: it aborts on the caller's signal (`ABORTED`), the total timeout (`TIMEOUT`) or the
 * client's forced close (`CLOSED`), its reason being the error to report.
 */
export function openSendSignal(
  userSignal: AbortSignal | undefined,
  closing: AbortSignal,
  totalTimeoutMs: number,
): SendSignal {
  const controller = new AbortController();
  // Every wait of the send listens to this signal; many at once are expected, not a leak.
  setMaxListeners(0, controller.signal);
  const onUser = (): void =>
    controller.abort(
      new QcloudMailError({ code: 'ABORTED', message: 'The send was aborted', cause: userSignal?.reason }),
    );
  const onClose = (): void => controller.abort(closedError());
  const timer = setTimeout(
    () =>
      controller.abort(
        new QcloudMailError({
          code: 'TIMEOUT',
          retryable: true,
          message: `The send timed out (${totalTimeoutMs} ms)`,
        }),
      ),
    totalTimeoutMs,
  );
  userSignal?.addEventListener('abort', onUser, { once: true });
  closing.addEventListener('abort', onClose, { once: true });
  if (userSignal?.aborted) onUser();
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      userSignal?.removeEventListener('abort', onUser);
      closing.removeEventListener('abort', onClose);
    },
  };
}
