import type { ClientRuntime } from './client-runtime.js';
import { toSendError } from './map-error.js';
import { openSendSignal } from './send-signal.js';

/** Connects, authenticates and disconnects within the total timeout, the caller's signal and a forced close. */
export async function verifyConnection(runtime: ClientRuntime, userSignal: AbortSignal | undefined): Promise<true> {
  const { signal, dispose } = openSendSignal(userSignal, runtime.closing.signal, runtime.options.timeouts.total);
  try {
    const aborted = new Promise<never>((_, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    return await Promise.race([runtime.transport.verify(), aborted]);
  } catch (error) {
    throw toSendError(error, runtime.options.timeouts.total);
  } finally {
    dispose();
  }
}
