// The Redis store's side of filling the quota: held per-account grants (R5) shared by processes, finished by
// the client at the reply, and per-recipient slots given back (R6), each one Lua script on Redis's clock.
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRateLimitStore, type RedisRateLimitStore } from '../src/index.js';
import { deleteKeys, probeRedis, REDIS_URL, uniquePrefix } from './redis-available.js';

const available = await probeRedis();

const grantOf = (decision: { ok: boolean; grant?: string }): string => {
  if (!decision.ok || decision.grant === undefined) throw new Error('expected a grant with an id');
  return decision.grant;
};

describe.skipIf(!available)('the Redis store: held grants and released slots', () => {
  const prefix = uniquePrefix('quota');
  let redis: Redis;
  let first: RedisRateLimitStore;
  let second: RedisRateLimitStore;

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
    first = createRedisRateLimitStore(REDIS_URL, { prefix });
    second = createRedisRateLimitStore(REDIS_URL, { prefix });
  });

  afterAll(async () => {
    await deleteKeys(redis, prefix);
    await Promise.all([first.close(), second.close()]);
    await redis.quit();
  });

  it('holds a grant as in flight for every store until it is finished, then one window more (R5)', async () => {
    const held = grantOf(await first.acquireAccount('app-h', 1, 300, { holdMs: 30_000 }));
    await sleep(450);
    // Past its window, still in flight: another process must not start a send the service could count with it.
    const blocked = await second.acquireAccount('app-h', 1, 300);
    expect(blocked).toMatchObject({ ok: false, rule: 'R5' });
    // A short poll (a quarter of the spacing), not the 30 s hold: the finish can come any moment.
    if (!blocked.ok) expect(blocked.retryAfterMs).toBe(75);
    const finishing = performance.now();
    await first.finishAccount('app-h', held, 300);
    const afterFinish = await second.acquireAccount('app-h', 1, 300);
    // A window from the finish, less the time the two calls took (measured, so slow round trips under load
    // cannot fail the check); a window from the grant, 450 ms ago, would have let this one through.
    const took = performance.now() - finishing;
    expect(afterFinish.ok).toBe(false);
    if (!afterFinish.ok) expect(afterFinish.retryAfterMs).toBeGreaterThanOrEqual(300 - took - 1);
    await sleep(320);
    expect((await second.acquireAccount('app-h', 1, 300)).ok).toBe(true);
  });

  it('frees a held grant whose finish never comes once its hold runs out (a dead process)', async () => {
    grantOf(await first.acquireAccount('app-d', 1, 200, { holdMs: 300 }));
    await sleep(250);
    expect((await second.acquireAccount('app-d', 1, 200)).ok).toBe(false);
    await sleep(300);
    expect((await second.acquireAccount('app-d', 1, 200)).ok).toBe(true);
    // The key outlives its latest entry by a window, no more.
    const ttl = await redis.pttl(first.accountKey('app-d'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(200);
  });

  it('gives back exactly one message to each of its recipients, once, whichever store releases it (R6)', async () => {
    const hour = 3_600_000;
    const sender = 'rel@x.test';
    const released = grantOf(await first.acquireRecipients(sender, ['a@y.test', 'B@y.test'], 2, hour));
    grantOf(await first.acquireRecipients(sender, ['a@y.test', 'b@y.test'], 2, hour));
    expect((await second.acquireRecipients(sender, ['a@y.test'], 2, hour)).ok).toBe(false);
    await second.release(sender.toUpperCase(), ['a@y.test', 'b@y.test'], released);
    await second.release(sender, ['a@y.test', 'b@y.test'], released);
    expect(await redis.zcard(first.recipientKey(sender, 'a@y.test'))).toBe(1);
    expect((await second.acquireRecipients(sender, ['a@y.test', 'b@y.test'], 2, hour)).ok).toBe(true);
    expect((await second.acquireRecipients(sender, ['b@y.test'], 2, hour)).ok).toBe(false);
  });

  it('never grants more than 20 in flight or within a window of their finish, to four stores at once', async () => {
    const stores = Array.from({ length: 4 }, () => createRedisRateLimitStore(REDIS_URL, { prefix }));
    // Each send is in flight 150 ms: the service may count it at any moment of that, so with the window
    // a slot is busy 1150 ms and 20 slots allow about 17 sends a second.
    const spans: Array<{ start: number; end: number }> = [];
    const until = Date.now() + 2500;
    const worker = async (store: RedisRateLimitStore): Promise<void> => {
      while (Date.now() < until) {
        const decision = await store.acquireAccount('app-4', 20, 1000, { holdMs: 10_000 });
        if (!decision.ok) {
          await sleep(decision.retryAfterMs);
          continue;
        }
        const start = decision.at;
        await sleep(150);
        const grant = grantOf(decision);
        await store.finishAccount('app-4', grant, 1000);
        // The finishing time the store recorded (Redis's clock, in microseconds), not when this loop got to read a
        // clock afterwards: under load that could be much later and show overlaps the store never allowed.
        const finished = await redis.zscore(store.accountKey('app-4'), grant);
        expect(finished).not.toBeNull();
        spans.push({ start, end: Number(finished) / 1000 });
      }
    };
    await Promise.all(stores.flatMap((store) => [worker(store), worker(store), worker(store), worker(store)]));
    await Promise.all(stores.map((store) => store.close()));
    expect(spans.length).toBeGreaterThanOrEqual(30);
    // Whenever a send starts, fewer than 20 others are in flight or finished less than a window before.
    for (const span of spans) {
      const busy = spans.filter(
        (other) => other !== span && other.start <= span.start && other.end + 1000 > span.start,
      );
      expect(busy.length).toBeLessThan(20);
    }
  });
});
