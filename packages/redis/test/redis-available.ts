import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis of the tests: `REDIS_URL`, else 127.0.0.1:6379. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Pings Redis once. In CI a silent Redis is a failure (the tests must run there); elsewhere the caller skips
 * the Redis tests and this prints why.
 */
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
    console.warn(`Skipping the Redis tests: no Redis answers at ${REDIS_URL} (${why}); set REDIS_URL or start one.`);
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
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}
