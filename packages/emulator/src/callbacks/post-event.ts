import type { EmulatorClock, EmulatorLogger, DeliveryEventRecord } from '../types.js';
import type { TimerRegistry } from '../timer-registry.js';
import { postUrl, type ResolvedCallbacks } from './callback-options.js';

/** What posting needs from the emulator: its timers (cleared by close), clock, log, and a way to say "changed". */
export interface PostDeps {
  config: ResolvedCallbacks;
  timers: TimerRegistry;
  clock: EmulatorClock;
  log: EmulatorLogger;
  /** Aborted by close(), so a post in flight ends with it. */
  signal: AbortSignal;
  changed(): void;
}

const MAX_RETRY_DELAY_MS = 30_000;
const MAX_ERROR_LENGTH = 200;

function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const text =
    cause !== undefined && typeof cause.code === 'string'
      ? cause.code
      : error instanceof Error
        ? `${error.name}: ${error.message}`
        : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

async function attempt(record: DeliveryEventRecord, body: string, deps: PostDeps): Promise<number | null> {
  const url = postUrl(record.url as string, deps.config.secret);
  const started = new Date(deps.clock.now());
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      // A redirect is an answer, not a delivery: the provider is not known to follow one.
      redirect: 'manual',
      signal: AbortSignal.any([deps.signal, AbortSignal.timeout(deps.config.timeoutMs)]),
    });
    // The body is not read: only the status counts, and an unread body would hold the socket.
    await response.body?.cancel().catch(() => {});
    record.attempts.push({ at: started, status: response.status });
    return response.status;
  } catch (error) {
    const message = deps.signal.aborted ? 'the emulator closed' : describeFailure(error);
    record.attempts.push({ at: started, status: null, error: message });
    return null;
  }
}

/**
 * Posts `record`'s payload to its address (with `token=<secret>` when a secret is configured), at most
 * `attempts` times: any answer but 2xx, a refused connection or a timeout is retried after `retryDelayMs`,
 * doubling (capped at 30 s). Retries wait on the emulator's timers, so close() cancels them. `settled` runs once
 * the event is posted or given up (not when cancelled).
 */
export function postEvent(record: DeliveryEventRecord, deps: PostDeps, settled: () => void = () => {}): void {
  const body = JSON.stringify(record.payload);
  const shownUrl = record.url as string;
  const run = async (): Promise<void> => {
    record.status = 'posting';
    deps.changed();
    const status = await attempt(record, body, deps);
    if (status !== null && status >= 200 && status < 300) {
      record.status = 'posted';
      deps.changed();
      settled();
      return;
    }
    if (deps.signal.aborted) {
      cancel();
      return;
    }
    const count = record.attempts.length;
    const last = record.attempts[count - 1];
    const answer = last?.status === null ? (last.error ?? 'no answer') : `HTTP ${String(last?.status)}`;
    if (count >= deps.config.attempts) {
      record.status = 'failed';
      deps.log({
        level: 'warn',
        message: `callback ${record.event} for ${record.recipient} to ${shownUrl} failed after ${count} attempts: ${answer}`,
      });
      deps.changed();
      settled();
      return;
    }
    record.status = 'retrying';
    deps.changed();
    const wait = Math.min(deps.config.retryDelayMs * 2 ** (count - 1), MAX_RETRY_DELAY_MS);
    deps.timers.schedule(wait, () => void run(), cancel);
  };
  const cancel = (): void => {
    record.status = 'cancelled';
    deps.changed();
  };
  void run();
}
