import type { MessageStore } from '../message-store.js';
import type { TimerRegistry } from '../timer-registry.js';
import type { DeliveryEventRecord, EmulatorClock, EmulatorLogger, StoredMessage } from '../types.js';
import { type PlannedEvent, planEvents } from './address-rules.js';
import { QcloudMailError } from '@qcloudmail/core';
import { httpFailure } from '../http-failure.js';
import { type EmulatorCallbackOptions, type ResolvedCallbacks, resolveCallbacks } from './callback-options.js';
import { type OnDemandEvent, type OnDemandEventRequest, parseOnDemandEvent } from './on-demand-request.js';
import { postEvent } from './post-event.js';
import { createBulkId, type PayloadEvent, providerPayload } from './provider-payload.js';

/** The delivery events of one emulator: automatic ones after each 250, on-demand ones, and their posts. */
export interface DeliveryEvents {
  /** Plans and schedules the events of an accepted message, one chain per recipient. */
  accepted(message: StoredMessage): void;
  /** Adds an on-demand event (open, click, unsubscribe, spamreport) to an accepted message, posted at once. */
  trigger(message: StoredMessage, request: OnDemandEvent): DeliveryEventRecord;
  /** Checks `input` and adds it as an on-demand event to stored message `id` (`emulator.triggerEvent`). */
  triggerById(id: string, input: OnDemandEventRequest): DeliveryEventRecord;
  /** Replaces the callback options for events created from now on (those already planned keep their address). */
  configure(options: EmulatorCallbackOptions | undefined): void;
  /** Ends posts in flight; pending ones are cancelled by the timers' own close. */
  close(): void;
}

/** The most events one message keeps: on-demand ones beyond it are refused, so a loop cannot grow it forever. */
export const MAX_EVENTS_PER_MESSAGE = 500;

/** What the delivery events use of the emulator. */
export interface DeliveryEventDeps {
  /** The `callbacks` option, checked here against `accounts`. */
  options: EmulatorCallbackOptions | undefined;
  accounts: ReadonlyArray<{ appId: string; senders: readonly string[] }>;
  store: MessageStore;
  timers: TimerRegistry;
  clock: EmulatorClock;
  log: EmulatorLogger;
}

/**
 * Creates the delivery events of one emulator: checks the callback options (a `CONFIGURATION` error before
 * anything listens), logs addresses on ports the provider refuses, and plans the events of every message the
 * store keeps as accepted.
 */
export function createDeliveryEvents(deps: DeliveryEventDeps): DeliveryEvents {
  const { store, timers, clock } = deps;
  const resolve = (options: EmulatorCallbackOptions | undefined): ResolvedCallbacks => {
    const resolved = resolveCallbacks(options, deps.accounts);
    for (const target of resolved.targets) {
      if (target.warning !== undefined)
        deps.log({ level: 'warn', message: `callback ${target.url}: ${target.warning}` });
    }
    return resolved;
  };
  let config = resolve(deps.options);
  const aborter = new AbortController();
  const bulkIds = new WeakMap<StoredMessage, string>();
  const bulkIdOf = (message: StoredMessage): string => {
    let id = bulkIds.get(message);
    if (id === undefined) {
      id = createBulkId(message.appId, message.receivedAt);
      bulkIds.set(message, id);
    }
    return id;
  };

  // An event is planned under the options of that moment: its address, secret, retries and timeout stay together
  // when `configure` replaces them before it fires.
  const newRecord = (
    message: StoredMessage,
    event: string,
    recipient: string,
    origin: DeliveryEventRecord['origin'],
    planned: ResolvedCallbacks,
  ): DeliveryEventRecord => {
    const target = planned.targetFor(message.appId, message.user);
    const record: DeliveryEventRecord = {
      id: `${message.id}.${message.events.length + 1}`,
      event,
      recipient,
      origin,
      url: target?.url ?? null,
      ...(target?.warning === undefined ? {} : { warning: target.warning }),
      status: 'scheduled',
      at: null,
      payload: null,
      attempts: [],
    };
    message.events.push(record);
    store.touch(message);
    return record;
  };

  // The event happens now: its payload is built with the clock's time, then posted (or kept, with no address).
  const fire = (
    message: StoredMessage,
    record: DeliveryEventRecord,
    planned: ResolvedCallbacks,
    detail: Omit<PayloadEvent, 'at'>,
    settled?: () => void,
  ): void => {
    const at = clock.now();
    record.at = new Date(at);
    record.payload = providerPayload(message, bulkIdOf(message), { ...detail, at });
    if (record.url === null) {
      record.status = 'unposted';
      store.touch(message);
      settled?.();
      return;
    }
    const postDeps = {
      config: planned,
      timers,
      clock,
      log: deps.log,
      signal: aborter.signal,
      changed: () => store.touch(message),
    };
    postEvent(record, postDeps, settled);
  };

  const cancelled = (message: StoredMessage, record: DeliveryEventRecord) => () => {
    record.status = 'cancelled';
    store.touch(message);
  };

  // Each recipient's events follow one another: the next is planned once the previous one was posted or given up,
  // so a receiver sees a deferral before the delivery that ends it.
  const chain = (message: StoredMessage, recipient: string, plan: readonly PlannedEvent[]): void => {
    const [next, ...rest] = plan;
    if (next === undefined) return;
    const planned = config;
    const record = newRecord(message, next.event, recipient, 'automatic', planned);
    timers.schedule(
      next.afterMs,
      () => {
        const detail = {
          event: next.event,
          recipient,
          ...(next.reason === undefined ? {} : { reason: next.reason }),
          ...(next.bounceType === undefined ? {} : { bounceType: next.bounceType }),
        };
        fire(message, record, planned, detail, () => chain(message, recipient, rest));
      },
      cancelled(message, record),
    );
  };

  const events: DeliveryEvents = {
    accepted(message) {
      for (const recipient of message.envelope.to) chain(message, recipient, planEvents(recipient, config));
    },
    trigger(message, request) {
      if (message.events.length >= MAX_EVENTS_PER_MESSAGE) {
        throw httpFailure(
          409,
          `Message ${message.id} has ${MAX_EVENTS_PER_MESSAGE} events, the most one message keeps`,
        );
      }
      const planned = config;
      const record = newRecord(message, request.event, request.recipient, 'on-demand', planned);
      timers.schedule(
        0,
        () =>
          fire(message, record, planned, {
            event: request.event,
            recipient: request.recipient,
            ...(request.link === undefined ? {} : { link: request.link }),
            ...(request.userAgent === undefined ? {} : { userAgent: request.userAgent }),
          }),
        cancelled(message, record),
      );
      return record;
    },
    triggerById(id, input) {
      const message = store.get(id);
      if (message === undefined)
        throw new QcloudMailError({ code: 'VALIDATION', message: `No message ${id} is stored` });
      return events.trigger(message, parseOnDemandEvent(message, input));
    },
    configure(options) {
      config = resolve(options);
    },
    close() {
      aborter.abort();
    },
  };
  // An accepted message's events start when it is stored, whether or not its 250 reached the client (R15, R19).
  store.subscribe((change) => {
    if (change.type === 'message' && change.message.status === 'accepted') events.accepted(change.message);
  });
  return events;
}
