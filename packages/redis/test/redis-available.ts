import { Redis } from 'ioredis';
// By path until @qcloudmail/test-helpers is a devDependency of this package (a lockfile change).
import { probeRedis as probe } from '../../test-helpers/src/redis.js';

export { deleteKeys, REDIS_URL, uniquePrefix } from '../../test-helpers/src/redis.js';

/** Pings Redis once: in CI a silent Redis fails the run, elsewhere the Redis tests are skipped, saying why. */
export function probeRedis(): Promise<boolean> {
  return probe(Redis, 'the Redis tests');
}
