import type { ClientRuntime } from './client-runtime.js';

/**
 * Closes a client: lets the sends in `active` finish for up to `timeoutMs`, then aborts those still running
 * (they fail with `CLOSED`, or `OUTCOME_UNKNOWN` after the final dot), closes the pool and the limiter.
 */
export async function closeClient(
  runtime: ClientRuntime,
  active: ReadonlySet<Promise<unknown>>,
  timeoutMs: number,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const drained = Promise.allSettled([...active]).then(() => 'drained' as const);
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), timeoutMs);
  });
  const outcome = await Promise.race([drained, expired]);
  clearTimeout(timer);
  if (outcome === 'expired') {
    runtime.closing.abort();
    await Promise.allSettled([...active]);
  }
  runtime.transport.close();
  await runtime.closeLimiter();
  const { sent, failed } = runtime.counters;
  runtime.log({ level: 'info', message: 'closed', data: { sent, failed } });
}
