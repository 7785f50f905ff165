import { describeSuppressionList } from '@qcloudmail/test-helpers';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisSuppressionList, type RedisSuppressionList } from '../src/index.js';
import { deleteKeys, probeRedis, REDIS_URL, uniquePrefix } from './redis-available.js';

const available = await probeRedis();

describe.skipIf(!available)('createRedisSuppressionList', () => {
  const prefix = uniquePrefix('suppression');
  let redis: Redis;
  let lists = 0;
  const opened: RedisSuppressionList[] = [];

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await Promise.all(opened.map((list) => list.close()));
    await deleteKeys(redis, prefix);
    expect(redis.status).toBe('ready');
    await redis.quit();
  });

  // Each test of the shared suite gets a list on keys of its own.
  describeSuppressionList('the Redis list', (clock) => {
    lists += 1;
    const list = createRedisSuppressionList({ redis, prefix: `${prefix}${lists}:`, clock });
    opened.push(list);
    return list;
  });

  it('gives a soft bounce a Redis expiry at its expiresAt, and a permanent entry none', async () => {
    const list = createRedisSuppressionList({ redis, prefix: `${prefix}ttl:` });
    const expiresAt = Date.now() + 60_000;
    await list.add({ address: 'soft@example.com', reason: 'soft_bounce', expiresAt: new Date(expiresAt) });
    await list.add({ address: 'hard@example.com', reason: 'hard_bounce' });
    expect(await redis.pexpiretime(list.key('soft@example.com'))).toBe(expiresAt);
    expect(await redis.pttl(list.key('hard@example.com'))).toBe(-1);
    await list.add({ address: 'soft@example.com', reason: 'hard_bounce' });
    expect(await redis.pttl(list.key('SOFT@example.com'))).toBe(-1);
  });

  it('keeps the strongest entry when processes race to add', async () => {
    const list = createRedisSuppressionList({ redis, prefix: `${prefix}race:` });
    const other = createRedisSuppressionList({ redis: REDIS_URL, prefix: `${prefix}race:` });
    opened.push(other);
    const soon = (ms: number) => new Date(Date.now() + ms);
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? list : other).add({
          address: 'r@example.com',
          reason: 'soft_bounce',
          expiresAt: soon(60_000 + i),
        }),
      ),
      other.add({ address: 'r@example.com', reason: 'spamreport' }),
    ]);
    expect(await list.get('r@example.com')).toMatchObject({ reason: 'spamreport' });
    expect((await list.get('r@example.com'))?.expiresAt).toBeUndefined();
  });

  it('ignores keys under its prefix that are not its entries, and closes only what it opened', async () => {
    const list = createRedisSuppressionList({ redis, prefix: `${prefix}odd:` });
    await redis.hset(`${prefix}odd:not an address`, 'reason', 'manual', 'since', '1');
    await redis.hset(`${prefix}odd:x@example.com`, 'reason', 'nonsense', 'since', '1');
    await list.add({ address: 'y@example.com', reason: 'manual' });
    expect((await list.list()).map((entry) => entry.address)).toEqual(['y@example.com']);
    expect(await list.get('x@example.com')).toBeUndefined();
    await list.close();
    expect(redis.status).toBe('ready');
  });

  it('reports an unreachable Redis as a retryable CONNECTION error', async () => {
    const list = createRedisSuppressionList({
      redis: { host: '127.0.0.1', port: 1, maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true },
    });
    await expect(list.check(['a@example.com'])).rejects.toMatchObject({ code: 'CONNECTION', retryable: true });
    await expect(list.add({ address: 'a@example.com', reason: 'manual' })).rejects.toMatchObject({
      code: 'CONNECTION',
    });
    await list.close();
  });
});
