import type { AddressInfo } from 'node:net';
import { QcloudMailError, systemClock } from '@qcloudmail/core';
import { createAccountDirectory } from './accounts.js';
import { createApiHandler } from './api-routes.js';
import type { EmulatorCallbackOptions } from './callbacks/callback-options.js';
import { createDeliveryEvents } from './callbacks/delivery-events.js';
import type { OnDemandEventRequest } from './callbacks/on-demand-request.js';
import { type EmulatorContext, emptyStats } from './context.js';
import { createFaultQueue, type EmulatorFaults } from './fault-queue.js';
import { normalizeAllowedHost } from './host-check.js';
import { type HttpHandler, type RunningHttpServer, startHttpServer } from './http-server.js';
import { createInboxHandler } from './inbox/inbox-handler.js';
import {
  createLatencyControl,
  type EmulatorLatency,
  type EmulatorLatencyInput,
  NO_LATENCY,
  parseLatency,
} from './latency.js';
import { createMessageStore } from './message-store.js';
import { createRateLimits } from './rate-limits.js';
import { createSmtpServer } from './smtp-server.js';
import { createTimerRegistry } from './timer-registry.js';
import { generateTlsMaterial } from './tls-material.js';
import type { DeliveryEventRecord, EmulatorClock, EmulatorOptions, EmulatorStats, StoredMessage } from './types.js';
import { parseRulesBaseUrl } from './rule-links.js';

/** A running emulator: where it listens, what it received, and the controls of tests. */
export interface Emulator<C extends EmulatorClock = EmulatorClock> {
  host: string;
  /** The SMTP port (implicit TLS, R2). */
  port: number;
  /** The CA certificate (PEM) that clients must trust (R3). */
  ca: string;
  smtpUrl: string;
  /** The HTTP API's base URL (the inbox page is at its `/`), undefined when `httpPort: false`. */
  httpUrl: string | undefined;
  /** Accepted messages, oldest first. */
  readonly messages: StoredMessage[];
  /** Refused messages, oldest first, each with the reply it got. */
  readonly refused: StoredMessage[];
  /** Accepted and refused messages together, oldest first. */
  readonly history: StoredMessage[];
  readonly stats: EmulatorStats;
  /** The first stored message (accepted or refused) matching `predicate`, already stored or within `timeoutMs`. */
  waitForMessage(predicate?: (message: StoredMessage) => boolean, timeoutMs?: number): Promise<StoredMessage>;
  /** Forgets the stored messages. */
  clear(): void;
  /** Forgets messages, faults, rate-limit windows and counters. */
  reset(): void;
  /** Failures to inject into the next sessions (see `FaultSpec`). */
  faults: EmulatorFaults;
  clock: C;
  /** The accounts and their sender addresses (no passwords). */
  accounts: Array<{ appId: string; senders: string[] }>;
  /** The latency held before each reply (see `EmulatorOptions.latencyMs`). */
  readonly latency: EmulatorLatency;
  /** Changes the latency for replies not yet held: ms for every reply, or `{ perReplyMs, endOfDataMs? }`; 0 for none. */
  setLatency(latency: EmulatorLatencyInput): EmulatorLatency;
  /**
   * Adds an on-demand delivery event (open, click, unsubscribe, spamreport) to accepted message `id` and posts
   * it at once, as `POST /api/messages/:id/events` does; returns its timeline entry.
   */
  triggerEvent(id: string, request: OnDemandEventRequest): DeliveryEventRecord;
  /**
   * Replaces the `callbacks` options (checked as at start; undefined for none) for events planned from now on,
   * for a receiver that starts after the emulator; events already planned keep their address.
   */
  setCallbacks(callbacks: EmulatorCallbackOptions | undefined): void;
  /**
   * Stops both servers and resolves once everything the emulator opened is gone: held replies and delay faults
   * are cancelled (their clients get no reply), sessions get smtp-server's short grace and are then destroyed,
   * event streams are ended, pending `waitForMessage` calls reject with `CLOSED`, and delivery events not yet
   * posted (or waiting for a retry, or in flight) are cancelled.
   */
  close(): Promise<void>;
}

/** Options of `startEmulator` beyond `EmulatorOptions`, for packages that extend the HTTP side. */
export interface EmulatorExtensions {
  /** Handlers tried after the API and before the inbox page, so they may replace it at `/`. */
  httpHandlers?: readonly HttpHandler[];
  /** Serve the inbox web page at `/` of the HTTP server. Default true. */
  inbox?: boolean;
}

/**
 * Starts an SMTP server that behaves like Tencent Cloud SES (R2-R21) and, unless disabled, its HTTP API.
 * Without `users` or `accounts`, one sender `sender@example.com` with password `secret` exists.
 */
export async function startEmulator<C extends EmulatorClock = typeof systemClock>(
  options: EmulatorOptions<C> & EmulatorExtensions = {},
): Promise<Emulator<C>> {
  const clock = (options.clock ?? systemClock) as C;
  const host = options.host ?? '127.0.0.1';
  // Checked before anything listens, so a bad name fails the start cleanly.
  const allowedHosts = (options.allowedHosts ?? []).map(normalizeAllowedHost);
  const rulesBaseUrl = parseRulesBaseUrl(options.rulesBaseUrl);
  if (options.latencyMs !== undefined && options.latency !== undefined) {
    throw new QcloudMailError({ code: 'CONFIGURATION', message: 'Give latencyMs or latency, not both' });
  }
  const latency =
    options.latency !== undefined
      ? parseLatency(options.latency)
      : options.latencyMs !== undefined
        ? parseLatency(options.latencyMs)
        : NO_LATENCY;
  const stats = emptyStats();
  const accounts = createAccountDirectory(options);
  const store = createMessageStore(options.maxMessages ?? 1000);
  const timers = createTimerRegistry();
  const log = options.logger ?? (() => {});
  const deliveryEvents = createDeliveryEvents({
    options: options.callbacks,
    accounts: accounts.describe(),
    store,
    timers,
    clock,
    log,
  });
  const context: EmulatorContext = {
    accounts,
    faults: createFaultQueue(() => {
      stats.faultsApplied += 1;
    }),
    store,
    rateLimits: createRateLimits(options.rateLimit ?? {}, clock),
    stats,
    clock,
    log,
    limits: options.limits,
    oversize: options.oversize ?? 'drop',
    latency: createLatencyControl(latency),
    timers,
    deliveryEvents,
    countAt: (options.rateLimit === false ? undefined : options.rateLimit?.countAt) ?? 'data-end',
  };
  if (context.countAt !== 'data-end' && context.countAt !== 'reply') {
    throw new QcloudMailError({ code: 'CONFIGURATION', message: 'rateLimit.countAt must be data-end or reply' });
  }
  const tls = options.tls ?? (await generateTlsMaterial(host === '127.0.0.1' || host === 'localhost' ? [] : [host]));
  const smtp = createSmtpServer(context, tls);
  await new Promise<void>((resolve, reject) => {
    smtp.server.server.once('error', reject);
    smtp.server.listen(options.port ?? 0, host, () => {
      smtp.server.server.off('error', reject);
      resolve();
    });
  });
  const port = (smtp.server.server.address() as AddressInfo).port;
  const reset = (): void => {
    context.store.clear();
    context.faults.clear();
    context.rateLimits.reset();
    Object.assign(stats, emptyStats());
  };
  let http: RunningHttpServer | undefined;
  if (options.httpPort !== false) {
    try {
      const handlers = [
        createApiHandler(context, { reset, rulesBaseUrl }),
        ...(options.httpHandlers ?? []),
        ...(options.inbox === false ? [] : [createInboxHandler()]),
      ];
      http = await startHttpServer(host, options.httpPort ?? 0, handlers, { allowedHosts });
    } catch (error) {
      await smtp.close();
      throw error;
    }
  }
  const shownHost = host.includes(':') ? `[${host}]` : host;
  context.log({ level: 'info', message: `listening on smtps://${shownHost}:${port}` });
  let closing: Promise<void> | undefined;
  return {
    host,
    port,
    ca: tls.ca,
    smtpUrl: `smtps://${shownHost}:${port}`,
    httpUrl: http?.url,
    get messages() {
      return context.store.all().filter((message) => message.status === 'accepted');
    },
    get refused() {
      return context.store.all().filter((message) => message.status === 'refused');
    },
    get history() {
      return context.store.all();
    },
    get stats() {
      return { ...stats };
    },
    waitForMessage: (predicate = () => true, timeoutMs = 5000) => context.store.waitFor(predicate, timeoutMs),
    clear: () => context.store.clear(),
    reset,
    faults: context.faults,
    clock,
    accounts: context.accounts.describe(),
    get latency() {
      return context.latency.get();
    },
    setLatency: (input) => context.latency.set(input),
    setCallbacks: (callbacks) => context.deliveryEvents.configure(callbacks),
    triggerEvent: (id, request) => context.deliveryEvents.triggerById(id, request),
    close() {
      // Timers first: a held reply or a delay fault would otherwise outlive the servers (and keep a process up).
      context.timers.close();
      context.deliveryEvents.close();
      context.store.close();
      closing ??= Promise.all([smtp.close(), http?.close() ?? Promise.resolve()]).then(() => undefined);
      return closing;
    },
  };
}
