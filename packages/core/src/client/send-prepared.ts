import { collectOutcome } from './collect-outcome.js';
import type { ClientRuntime } from './client-runtime.js';
import { toSendError } from './map-error.js';
import type { BuiltMessage, SendContext } from './send-context.js';
import { sendBuiltMessage } from './send-message.js';
import { openSendSignal } from './send-signal.js';
import type { SendOutcome } from './types.js';

/**
 * Sends the messages of one `send` (or `sendRaw`) under one signal (`openSendSignal`), each on its own
 * (`sendBuiltMessage`), and collects their outcome once all settled (`collectOutcome`).
 */
export async function sendPrepared(
  runtime: ClientRuntime,
  built: readonly BuiltMessage[],
  startedAt: number,
  userSignal: AbortSignal | undefined,
): Promise<SendOutcome> {
  const { clock, options } = runtime;
  const buildMs = clock.now() - startedAt;
  const { signal, dispose } = openSendSignal(userSignal, runtime.closing.signal, options.timeouts.total);
  try {
    if (signal.aborted) throw signal.reason;
    const context: SendContext = {
      signal,
      userSignal,
      deadline: startedAt + options.timeouts.total,
      startedAt,
      buildMs,
    };
    const settled = await Promise.allSettled(built.map((each) => sendBuiltMessage(runtime, each, context)));
    return collectOutcome(built, settled, (reason) => toSendError(reason, options.timeouts.total));
  } finally {
    dispose();
  }
}
