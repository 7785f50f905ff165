import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

/** The Redis of the tests: `REDIS_URL`, else 127.0.0.1:6379. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The few ioredis commands the tests use. */
export interface RedisClient {
  connect(): Promise<void>;
  ping(): Promise<string>;
  scan(cursor: string, ...args: Array<string | number>): Promise<[string, string[]]>;
  del(...keys: string[]): Promise<number>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  quit(): Promise<unknown>;
  disconnect(): void;
}

// ioredis as @qcloudmail/redis has it (the outbox's own dependency), rather than a second copy for the tests.
const requireFromRedis = createRequire(createRequire(import.meta.url).resolve('@qcloudmail/redis/package.json'));
const { Redis } = requireFromRedis('ioredis') as { Redis: new (url: string, options: object) => RedisClient };

/** A connection for checking and cleaning keys; the caller quits it. */
export function redisClient(): RedisClient {
  return new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
}

/** Pings Redis once: in CI a silent Redis fails the run, elsewhere the Redis tests are skipped, saying why. */
export async function probeRedis(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    if (process.env.CI === 'true') throw new Error(`Redis at ${REDIS_URL} does not answer in CI: ${why}`);
    console.warn(`Skipping the NestJS outbox tests: no Redis answers at ${REDIS_URL} (${why}).`);
    return false;
  } finally {
    redis.disconnect();
  }
}

/** A key prefix unique to one test run, so that parallel runs never share keys. */
export function uniquePrefix(name: string): string {
  return `qcm-nest-test:${name}:${randomUUID().slice(0, 8)}:`;
}

/** Deletes every key under `prefix`. */
export async function deleteKeys(redis: RedisClient, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}
