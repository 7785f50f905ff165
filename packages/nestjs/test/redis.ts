import { createRequire } from 'node:module';
import { probeRedis as probe, REDIS_URL, type RedisConnection } from '@qcloudmail/test-helpers';

export { deleteKeys, REDIS_URL, uniquePrefix } from '@qcloudmail/test-helpers';

/** The few ioredis commands the tests use. */
export interface RedisClient extends RedisConnection {
  quit(): Promise<unknown>;
}

// ioredis as @qcloudmail/redis has it (the outbox's own dependency), rather than a second copy for the tests.
const requireFromRedis = createRequire(createRequire(import.meta.url).resolve('@qcloudmail/redis/package.json'));
const { Redis } = requireFromRedis('ioredis') as { Redis: new (url: string, options: object) => RedisClient };

/** A connection for checking and cleaning keys; the caller quits it. */
export function redisClient(): RedisClient {
  return new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
}

/** Pings Redis once: in CI a silent Redis fails the run, elsewhere the NestJS outbox tests are skipped, saying why. */
export function probeRedis(): Promise<boolean> {
  return probe(Redis, 'the NestJS outbox tests');
}
