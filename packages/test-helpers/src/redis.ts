import { randomUUID } from 'node:crypto';

/** The Redis of the tests: `REDIS_URL`, else 127.0.0.1:6379. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The few commands of an ioredis connection that the helpers use. */
export interface RedisConnection {
  connect(): Promise<void>;
  ping(): Promise<string>;
  scan(cursor: string, match: 'MATCH', pattern: string, count: 'COUNT', size: number): Promise<[string, string[]]>;
  del(...keys: string[]): Promise<number>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  disconnect(): void;
}

/** ioredis's `Redis` class: each suite passes the one its package depends on, so this package needs no copy. */
export type RedisConstructor = new (
  url: string,
  options: { lazyConnect: boolean; connectTimeout: number; maxRetriesPerRequest: number; retryStrategy: () => null },
) => RedisConnection;

/**
 * Pings Redis once. In CI a silent Redis is a failure (the tests must run there); elsewhere the caller skips
 * `suite` (such as "the Redis tests") and this prints why.
 */
export async function probeRedis(Redis: RedisConstructor, suite: string): Promise<boolean> {
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
    console.warn(`Skipping ${suite}: no Redis answers at ${REDIS_URL} (${why}); set REDIS_URL or start one.`);
    return false;
  } finally {
    redis.disconnect();
  }
}

/** A key prefix unique to one test run, so that parallel runs never share keys. */
export function uniquePrefix(name: string): string {
  return `qcm-test:${name}:${randomUUID().slice(0, 8)}:`;
}

/** Deletes every key under `prefix`. */
export async function deleteKeys(redis: Pick<RedisConnection, 'scan' | 'del'>, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}
