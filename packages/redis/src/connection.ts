import { QcloudMailError } from '@qcloudmail/core';
import { Redis, type RedisOptions } from 'ioredis';

/** Where Redis is: a connected ioredis client (never closed by qcloudmail), a `redis://` URL, or ioredis options. */
export type RedisConnectionInput = Redis | string | RedisOptions;

/** The URL used when none is given: `REDIS_URL`, else 127.0.0.1:6379. */
export function defaultRedisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

// Connection errors surface as rejected commands (wrapped by the caller); without a listener ioredis would also
// print each one as an unhandled error event.
function quiet(redis: Redis): Redis {
  redis.on('error', () => {});
  return redis;
}

/** A connection and whether its creator (qcloudmail) must close it. */
export interface OwnedConnection {
  redis: Redis;
  owned: boolean;
}

/**
 * Opens a connection of our own from a URL or options, or duplicates a given client with `overrides` when
 * asked to (BullMQ needs `maxRetriesPerRequest: null` on a worker's connection). A given client used as-is
 * is never closed by us.
 */
export function openConnection(
  input: RedisConnectionInput,
  overrides: RedisOptions = {},
  reuseInstance = true,
): OwnedConnection {
  if (input instanceof Redis) {
    if (reuseInstance) return { redis: input, owned: false };
    return { redis: quiet(input.duplicate(overrides)), owned: true };
  }
  if (typeof input === 'string') {
    if (!/^rediss?:\/\//.test(input)) {
      throw new QcloudMailError({
        code: 'CONFIGURATION',
        message: 'Invalid Redis connection: expected a redis:// or rediss:// URL, ioredis options or an ioredis client',
      });
    }
    return { redis: quiet(new Redis(input, overrides)), owned: true };
  }
  if (typeof input !== 'object' || input === null) {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      message: 'Invalid Redis connection: expected a redis:// or rediss:// URL, ioredis options or an ioredis client',
    });
  }
  return { redis: quiet(new Redis({ ...input, ...overrides })), owned: true };
}

/** Closes a connection if we opened it: QUIT lets queued commands finish, a disconnect covers a dead server. */
export async function closeConnection(connection: OwnedConnection): Promise<void> {
  if (!connection.owned) return;
  if (connection.redis.status === 'end') return;
  try {
    await connection.redis.quit();
  } catch {
    connection.redis.disconnect();
  }
}

/** The error for a Redis command that failed: nothing was sent, so it may be retried. */
export function redisError(what: string, cause: unknown): QcloudMailError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new QcloudMailError({
    code: 'CONNECTION',
    category: 'connection',
    retryable: true,
    message: `${what} failed on Redis: ${detail}`,
    action: 'Check that Redis is reachable (REDIS_URL) and retry.',
    cause,
  });
}
