// Clients sharing the Redis store against the emulator: a send that fails before its final dot gives its
// recipient's hourly slot back in Redis (R6), one with an unknown outcome keeps it; and two clients sharing the
// account send a burst 300 ms away with default options without one rate-limit reply (R5).
import { createMailClient, type MailClient, type MailClientOptions } from '@qcloudmail/core';
import { type Emulator, startEmulator } from '@qcloudmail/emulator';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRateLimitStore, type RedisRateLimitStore } from '../src/index.js';
import { deleteKeys, probeRedis, REDIS_URL, uniquePrefix } from './redis-available.js';

const available = await probeRedis();
const USER = 'noreply@mail.example.com';
const PASS = 'quota-secret';

describe.skipIf(!available)('clients over the Redis store against the emulator', () => {
  const prefix = uniquePrefix('quota-client');
  let redis: Redis;
  let store: RedisRateLimitStore;
  let emulator: Emulator | undefined;
  const clients: MailClient[] = [];

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
    store = createRedisRateLimitStore(REDIS_URL, { prefix });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close({ timeoutMs: 2000 })));
    await emulator?.close();
    emulator = undefined;
  });
  afterAll(async () => {
    await deleteKeys(redis, prefix);
    await store.close();
    await redis.quit();
  });

  const start = async (
    emulatorOptions: Parameters<typeof startEmulator>[0],
    rateLimit: MailClientOptions['rateLimit'] = { store },
  ): Promise<MailClient> => {
    emulator = await startEmulator({
      users: [{ user: USER, pass: PASS }],
      appId: 'app-q',
      httpPort: false,
      ...emulatorOptions,
    });
    const client = createMailClient({
      host: emulator.host,
      port: emulator.port,
      ca: emulator.ca,
      auth: { user: USER, pass: PASS },
      appId: `app-q-${clients.length}-${Date.now()}`,
      retry: false,
      rateLimit,
    });
    clients.push(client);
    return client;
  };

  it('gives a recipient its hourly slot back in Redis when the send failed before its final dot (R6)', async () => {
    const client = await start({}, { store, perHourPerRecipient: 1 });
    emulator?.faults.add({ type: 'reject-connection' });
    await expect(
      client.send({ from: USER, to: 'back@example.org', subject: 'Quota', text: 'a' }),
    ).rejects.toMatchObject({
      code: expect.not.stringMatching(/^(OUTCOME_UNKNOWN|RATE_LIMIT)$/),
    });
    expect(await redis.zcard(store.recipientKey(USER, 'back@example.org'))).toBe(0);
    await client.send({ from: USER, to: 'back@example.org', subject: 'Quota', text: 'b' });
    expect(await redis.zcard(store.recipientKey(USER, 'back@example.org'))).toBe(1);
  });

  it('keeps the slot after an unknown outcome (R6)', async () => {
    const client = await start({}, { store, perHourPerRecipient: 1 });
    emulator?.faults.add({ type: 'drop-after-data' });
    await expect(
      client.send({ from: USER, to: 'kept@example.org', subject: 'Quota', text: 'a' }),
    ).rejects.toMatchObject({
      code: 'OUTCOME_UNKNOWN',
    });
    expect(await redis.zcard(store.recipientKey(USER, 'kept@example.org'))).toBe(1);
    await expect(
      client.send({ from: USER, to: 'kept@example.org', subject: 'Quota', text: 'b' }),
    ).rejects.toMatchObject({
      code: 'RATE_LIMIT',
      rule: 'R6',
    });
  });

  it('sends a burst from two clients sharing the account, 300 ms away, without a rate-limit reply (R5)', async () => {
    emulator = await startEmulator({
      users: [{ user: USER, pass: PASS }],
      appId: 'app-q',
      httpPort: false,
      latencyMs: 300,
      rateLimit: { countAt: 'reply' },
    });
    const shared = `app-burst-${Date.now()}`;
    const make = (): MailClient => {
      const client = createMailClient({
        host: emulator?.host ?? '',
        port: emulator?.port ?? 0,
        ca: emulator?.ca ?? '',
        auth: { user: USER, pass: PASS },
        appId: shared,
        rateLimit: { store },
      });
      clients.push(client);
      return client;
    };
    const [a, b] = [make(), make()];
    const sends = Array.from({ length: 30 }, (_, index) =>
      (index % 2 === 0 ? a : b).send({
        from: USER,
        to: `burst${index}@example.org`,
        subject: 'Quota',
        text: 'x',
      }),
    );
    await Promise.all(sends);
    expect(emulator.stats.rateLimited).toBe(0);
    expect(emulator.stats.accepted).toBe(30);
  });
});
