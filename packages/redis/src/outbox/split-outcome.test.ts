import { createMailClient, createSendHandler, type MailClientOptions } from '@qcloudmail/core';
import { type Emulator, startEmulator } from '@qcloudmail/emulator';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox } from './create-outbox.js';
import type { OutboxSendResult } from './outbox-types.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const USER = 'noreply@mail.example.com';
const PASS = 'emulator-secret';

async function redisAnswers(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch (error) {
    if (process.env.CI === 'true') throw error;
    return false;
  } finally {
    redis.disconnect();
  }
}

const available = await redisAnswers();

/** What every door must agree on: the recipients at the top and each message's, ids aside (each send has its own). */
function shape(outcome: {
  accepted: string[];
  rejected: string[];
  messages: Array<{ accepted: string[]; rejected: string[] }>;
}) {
  return {
    accepted: outcome.accepted,
    rejected: outcome.rejected,
    messages: outcome.messages.map(({ accepted, rejected }) => ({ accepted, rejected })),
  };
}

describe.skipIf(!available)('a split send reports one outcome at every door', () => {
  let emulator: Emulator;
  let options: MailClientOptions;
  const input = {
    from: USER,
    to: 'first@example.org',
    cc: ['second@example.org', 'third@example.org'],
    subject: 'Split',
    text: 'One copy per recipient',
  };
  const expected = {
    accepted: ['first@example.org', 'second@example.org', 'third@example.org'],
    rejected: [],
    messages: [
      { accepted: ['first@example.org'], rejected: [] },
      { accepted: ['second@example.org'], rejected: [] },
      { accepted: ['third@example.org'], rejected: [] },
    ],
  };

  beforeAll(async () => {
    emulator = await startEmulator({ users: [{ user: USER, pass: PASS }], appId: 'app-1', httpPort: false });
    options = {
      host: emulator.host,
      port: emulator.port,
      ca: emulator.ca,
      auth: { user: USER, pass: PASS },
      appId: 'app-1',
      recipients: 'split',
    };
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('through the client, the HTTP handler and the outbox: accepted and rejected over all messages, each listed', async () => {
    const client = createMailClient(options);
    const prefix = `qcm-test:split-${process.pid}-${Date.now()}:`;
    const box = createOutbox({
      connection: REDIS_URL,
      prefix: `${prefix}bull`,
      rateLimitPrefix: `${prefix}rl:`,
      queueName: 'split',
      client: options,
    });
    try {
      const direct = await client.send(input);
      const answer = await createSendHandler()(
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: { parsed: input } },
        client,
      );
      const sent = new Promise<OutboxSendResult>((resolve) => box.on('sent', (event) => resolve(event.result)));
      await box.enqueue(input);
      box.startWorker();
      const queued = await sent;

      expect(shape(direct)).toEqual(expected);
      expect(answer.status).toBe(202);
      expect(shape(JSON.parse(answer.body))).toEqual(expected);
      expect(shape(queued)).toEqual(expected);
      expect(emulator.messages).toHaveLength(9);
    } finally {
      await box.close();
      await client.close({ timeoutMs: 2000 });
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });
});
