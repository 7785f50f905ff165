import type { MailClientOptions } from '@qcloudmail/core';
import { APP_ID, type Emulator, PASS, startTestEmulator, USER } from '@qcloudmail/test-helpers';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createOutbox, type Outbox, type OutboxEvents, type OutboxOptions } from '../src/index.js';
import { deleteKeys, REDIS_URL, uniquePrefix } from './redis-available.js';

/** Resolves once `check` holds, polling every 25 ms; rejects after `timeoutMs`. */
export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 8000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Every event an outbox emits from now on, by name. */
export function record(box: Outbox): { [E in keyof OutboxEvents]: OutboxEvents[E][] } {
  const seen: { [E in keyof OutboxEvents]: OutboxEvents[E][] } = {
    sent: [],
    failed: [],
    unknown: [],
    retrying: [],
    delivery: [],
  };
  box.on('sent', (event) => seen.sent.push(event));
  box.on('failed', (event) => seen.failed.push(event));
  box.on('unknown', (event) => seen.unknown.push(event));
  box.on('retrying', (event) => seen.retrying.push(event));
  box.on('delivery', (event) => seen.delivery.push(event));
  return seen;
}

/** A suite's emulator, its Redis connection and the outboxes its tests create, on keys of its own. */
export interface OutboxSuite {
  readonly emulator: Emulator;
  readonly redis: Redis;
  /** Client options that log in to the emulator as the test sender; `extra` adds to them. */
  client(extra?: Partial<MailClientOptions>): MailClientOptions;
  /** An outbox on a fresh queue sending to the emulator, three attempts with short backoffs; closed last. */
  outbox(options?: Partial<OutboxOptions>): Outbox;
  /** The Redis key of job `id` of an outbox this suite created. */
  jobKey(box: Outbox, id: string): string;
}

/**
 * Starts the emulator and a Redis connection before the suite's tests, forgets the emulator's messages after
 * each test and, last, closes the outboxes, the emulator and the connection and deletes the suite's keys.
 */
export function outboxSuite(name: string): OutboxSuite {
  const prefix = uniquePrefix(name);
  let redis: Redis | undefined;
  let emulator: Emulator | undefined;
  const queues = new Map<Outbox, string>();

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    emulator = await startTestEmulator({ httpPort: false });
  });
  afterEach(() => {
    emulator?.reset();
  });
  afterAll(async () => {
    await Promise.all([...queues.keys()].map((box) => box.close()));
    await emulator?.close();
    if (redis !== undefined) {
      await deleteKeys(redis, prefix);
      await redis.quit();
    }
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('outboxSuite: read before the suite started');
    return value;
  };
  const client = (extra: Partial<MailClientOptions> = {}): MailClientOptions => {
    const { host, port, ca } = started(emulator);
    return { host, port, ca, auth: { user: USER, pass: PASS }, appId: APP_ID, ...extra };
  };
  return {
    get emulator() {
      return started(emulator);
    },
    get redis() {
      return started(redis);
    },
    client,
    outbox(options = {}) {
      const queueName = `q${queues.size}`;
      const created = createOutbox({
        connection: REDIS_URL,
        prefix: `${prefix}bull`,
        rateLimitPrefix: `${prefix}rl:`,
        queueName,
        retry: { attempts: 3, baseDelayMs: 50, maxDelayMs: 200 },
        client: client(),
        ...options,
      });
      queues.set(created, queueName);
      return created;
    },
    jobKey(box, id) {
      return `${prefix}bull:${queues.get(box)}:${id}`;
    },
  };
}
