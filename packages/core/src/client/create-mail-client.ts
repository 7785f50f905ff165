import { setMaxListeners } from 'node:events';
import { isQcloudMailError, QcloudMailError } from '../errors/qcloud-mail-error.js';
import { type Clock, systemClock } from '../rate-limit/clock.js';
import { createRateLimiter, type RateLimiter } from '../rate-limit/rate-limiter.js';
import { acquireSharedLimiter } from '../rate-limit/shared-limiters.js';
import type { RateLimitStore } from '../rate-limit/types.js';
import { buildMimeFromMessage } from '../mime/build-mime.js';
import { assertValidMessage } from '../model/validate-message.js';
import { checkRawMessage } from './raw-message.js';
import { createEventHub } from './event-hub.js';
import { mapSendError } from './map-error.js';
import { QcloudMailPartialSendError, type SendFailure } from './partial-failure.js';
import { createPoolTransport } from './pool-transport.js';
import { planMessages } from './recipient-plan.js';
import { resolveClientOptions } from './resolve-options.js';
import { type BuiltMessage, type SenderCounters, type SendContext, sendBuiltMessage } from './send-message.js';
import { createSlotGate } from './slot-gate.js';
import type {
  MailClient,
  MailClientEvents,
  MailClientOptions,
  MailLogRecord,
  SendOutcome,
  SendResult,
} from './types.js';

/** Creates the mail client: validation, MIME, rate limits and retries in front of nodemailer's SMTP pool. */
export function createMailClient(clientOptions: MailClientOptions): MailClient {
  const options = resolveClientOptions(clientOptions);
  const clock: Clock = clientOptions.clock ?? systemClock;
  const log = (record: MailLogRecord): void => {
    try {
      options.logger?.(record);
    } catch {
      // A failing logger must not fail a send.
    }
  };
  const transport = createPoolTransport(options, log);
  const rate = options.rateLimit;
  // Without a limiter no grant can drift from the service's count, so each connection gets a second message
  // queued in the pool: it starts the moment the first is answered, instead of after nodemailer's per-message
  // setup (measured in bench/client.bench.ts).
  const gate = createSlotGate(options.pool.maxConnections * (rate === false ? 2 : 1));
  const newLimiter = (store: RateLimitStore): RateLimiter | undefined =>
    rate === false
      ? undefined
      : createRateLimiter({
          store,
          appId: options.appId,
          perSecond: rate.perSecond,
          accountWindowMs: rate.accountWindowMs,
          perHourPerRecipient: rate.perHourPerRecipient,
          recipientWindowMs: 3_600_000,
          maxQueueMs: rate.maxQueueMs,
          clock,
        });
  const sharedLimiter =
    rate === false || rate.shareKey === undefined
      ? undefined
      : acquireSharedLimiter(
          rate.shareKey,
          `appId ${options.appId}, ${rate.perSecond}/${rate.accountWindowMs} ms, ${rate.perHourPerRecipient}/h`,
          () => ({ limiter: newLimiter(rate.store) as RateLimiter, store: rate.store }),
        );
  const limiter = sharedLimiter?.limiter ?? (rate === false ? undefined : newLimiter(rate.store));
  const events = createEventHub<MailClientEvents>((event, error) =>
    log({ level: 'error', message: `a ${event} listener threw`, data: { error: String(error) } }),
  );
  const counters: SenderCounters = { sent: 0, failed: 0, retried: 0, inFlight: 0, queued: 0 };
  const deps = { options, transport, gate, limiter, clock, events, counters, log };
  const closing = new AbortController();
  // Every running send listens to these signals; many at once are expected, not a leak.
  setMaxListeners(0, closing.signal);
  const active = new Set<Promise<unknown>>();
  let closed = false;

  const closedError = (): QcloudMailError =>
    new QcloudMailError({ code: 'CLOSED', message: 'The mail client is closed; create a new one to send' });

  /** A signal that aborts on the caller's signal, the total timeout or a forced close, with the error to report. */
  const sendSignal = (userSignal: AbortSignal | undefined): { signal: AbortSignal; dispose: () => void } => {
    const controller = new AbortController();
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
            message: `The send timed out (${options.timeouts.total} ms)`,
          }),
        ),
      options.timeouts.total,
    );
    userSignal?.addEventListener('abort', onUser, { once: true });
    closing.signal.addEventListener('abort', onClose, { once: true });
    if (userSignal?.aborted) onUser();
    return {
      signal: controller.signal,
      dispose: () => {
        clearTimeout(timer);
        userSignal?.removeEventListener('abort', onUser);
        closing.signal.removeEventListener('abort', onClose);
      },
    };
  };

  const sendNow = async (input: Parameters<MailClient['send']>[0], userSignal?: AbortSignal): Promise<SendOutcome> => {
    const startedAt = clock.now();
    // Validation and building come before any connection (R19): a bad message never reaches the network.
    const message = assertValidMessage(input, { recipients: options.recipients, limits: options.limits });
    const planned = planMessages(message, options.recipients);
    const built: BuiltMessage[] = planned.map((each) => buildMimeFromMessage(each, { limits: options.limits }));
    return transmit(built, startedAt, userSignal);
  };

  const transmit = async (built: BuiltMessage[], startedAt: number, userSignal?: AbortSignal): Promise<SendOutcome> => {
    const buildMs = clock.now() - startedAt;
    const { signal, dispose } = sendSignal(userSignal);
    try {
      if (signal.aborted) throw signal.reason;
      const context: SendContext = {
        signal,
        userSignal,
        deadline: startedAt + options.timeouts.total,
        startedAt,
        buildMs,
      };
      const settled = await Promise.allSettled(built.map((each) => sendBuiltMessage(deps, each, context)));
      const sent: SendResult[] = [];
      const failures: SendFailure[] = [];
      settled.forEach((outcome, index) => {
        if (outcome.status === 'fulfilled') sent.push(outcome.value);
        else failures.push({ index, to: built[index]?.envelope.to ?? [], error: toError(outcome.reason) });
      });
      if (failures.length > 0) {
        if (built.length === 1) throw failures[0]?.error;
        throw new QcloudMailPartialSendError(sent, failures);
      }
      const first = sent[0] as SendResult;
      return { ...first, messages: sent };
    } finally {
      dispose();
    }
  };

  const toError = (error: unknown): QcloudMailError =>
    isQcloudMailError(error)
      ? error
      : mapSendError(error, {
          afterDataSent: false,
          aborted: false,
          timedOut: false,
          totalTimeoutMs: options.timeouts.total,
        });

  const track = <T>(promise: Promise<T>): Promise<T> => {
    active.add(promise);
    const forget = (): void => {
      active.delete(promise);
    };
    promise.then(forget, forget);
    return promise;
  };

  const client: MailClient = {
    send(input, sendOptions) {
      if (closed) return Promise.reject(closedError());
      return track(sendNow(input, sendOptions?.signal));
    },
    sendRaw(raw, envelope, sendOptions) {
      if (closed) return Promise.reject(closedError());
      const startedAt = clock.now();
      const run = async (): Promise<SendOutcome> =>
        transmit([checkRawMessage(raw, envelope, options.limits)], startedAt, sendOptions?.signal);
      return track(run());
    },
    sendMany(messages, sendOptions) {
      return Promise.allSettled(messages.map((message) => client.send(message, sendOptions)));
    },
    async verify(verifyOptions) {
      if (closed) throw closedError();
      const { signal, dispose } = sendSignal(verifyOptions?.signal);
      try {
        const aborted = new Promise<never>((_, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        });
        return await Promise.race([transport.verify(), aborted]);
      } catch (error) {
        throw toError(error);
      } finally {
        dispose();
      }
    },
    async close(closeOptions) {
      if (closed) return;
      closed = true;
      const timeoutMs = closeOptions?.timeoutMs ?? 30_000;
      let timer: NodeJS.Timeout | undefined;
      const drained = Promise.allSettled([...active]).then(() => 'drained' as const);
      const expired = new Promise<'expired'>((resolve) => {
        timer = setTimeout(() => resolve('expired'), timeoutMs);
      });
      const outcome = await Promise.race([drained, expired]);
      clearTimeout(timer);
      if (outcome === 'expired') {
        // Sends still running past the deadline fail with CLOSED (or OUTCOME_UNKNOWN after the final dot).
        closing.abort();
        await Promise.allSettled([...active]);
      }
      transport.close();
      if (sharedLimiter !== undefined) await sharedLimiter.release();
      else if (rate !== false && rate.ownsStore) await rate.store.close?.();
      log({ level: 'info', message: 'closed', data: { sent: counters.sent, failed: counters.failed } });
    },
    stats: () => ({ ...counters }),
    on: (event, listener) => events.on(event, listener),
  };
  return client;
}
