import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRateLimitStore, type RedisRateLimitStore } from '../src/index.js';
import { deleteKeys, probeRedis, REDIS_URL, uniquePrefix } from './redis-available.js';

const available = await probeRedis();

describe.skipIf(!available)('createRedisRateLimitStore', () => {
  const prefix = uniquePrefix('rl');
  let redis: Redis;
  let store: RedisRateLimitStore;

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
    store = createRedisRateLimitStore(redis, { prefix });
  });

  afterAll(async () => {
    await deleteKeys(redis, prefix);
    await store.close();
    // The store was given this client: closing the store must leave it open.
    expect(redis.status).toBe('ready');
    await redis.quit();
  });

  it('grants 20 in a window, then refuses with R5 and how long to wait, then grants again (R5)', async () => {
    const first = await Promise.all(Array.from({ length: 20 }, () => store.acquireAccount('app-a', 20)));
    expect(first.every((decision) => decision.ok)).toBe(true);
    const refused = await store.acquireAccount('app-a', 20);
    expect(refused).toMatchObject({ ok: false, rule: 'R5' });
    if (refused.ok) return;
    expect(refused.retryAfterMs).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(1000);
    // The earliest grant leaves the window exactly 1000 ms after it was taken, by Redis's clock.
    const earliest = Math.min(...first.map((decision) => decision.at));
    expect(Math.abs(refused.at + refused.retryAfterMs - (earliest + 1000))).toBeLessThanOrEqual(1);
    // Another account has its own window.
    expect((await store.acquireAccount('app-b', 20)).ok).toBe(true);
    await sleep(refused.retryAfterMs + 5);
    expect((await store.acquireAccount('app-a', 20)).ok).toBe(true);
  });

  it('honours the window length and expires the account key with it', async () => {
    const decisions = [];
    for (let i = 0; i < 3; i += 1) decisions.push(await store.acquireAccount('app-w', 3, 300));
    expect(decisions.every((decision) => decision.ok)).toBe(true);
    const refused = await store.acquireAccount('app-w', 3, 300);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryAfterMs).toBeLessThanOrEqual(300);
    const ttl = await redis.pttl(store.accountKey('app-w'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(300);
    await sleep(350);
    expect(await redis.exists(store.accountKey('app-w'))).toBe(0);
  });

  it('keeps a tracked grant until a window after its send finished, not after it started (R5)', async () => {
    const untracked = await store.acquireAccount('app-t1', 1, 400);
    expect(untracked.ok).toBe(true);
    await sleep(200);
    const early = await store.acquireAccount('app-t1', 1, 400);
    // Untracked: the slot frees 400 ms after the grant, about 200 ms from now.
    if (!early.ok) expect(early.retryAfterMs).toBeLessThanOrEqual(210);

    // The send ends when its callback does: what is left of the window is measured from then, so slow round
    // trips under load cannot fail the check. Untracked, the slot would free 200 ms sooner than tracked.
    let sentAt = 0;
    const outcome = await store.track(async () => {
      expect((await store.acquireAccount('app-t2', 1, 400)).ok).toBe(true);
      await sleep(200);
      sentAt = performance.now();
      return 'sent';
    });
    expect(outcome).toBe('sent');
    const late = await store.acquireAccount('app-t2', 1, 400);
    const sinceSent = performance.now() - sentAt;
    expect(late.ok).toBe(false);
    // Tracked: the slot frees 400 ms after the send finished.
    if (!late.ok) expect(late.retryAfterMs).toBeGreaterThanOrEqual(400 - sinceSent - 1);
    // A failed send is settled too.
    let failedAt = 0;
    await expect(
      store.track(async () => {
        await sleep(450);
        expect((await store.acquireAccount('app-t3', 1, 400)).ok).toBe(true);
        await sleep(100);
        failedAt = performance.now();
        throw new Error('send failed');
      }),
    ).rejects.toThrow('send failed');
    const afterFailure = await store.acquireAccount('app-t3', 1, 400);
    const sinceFailed = performance.now() - failedAt;
    if (!afterFailure.ok) expect(afterFailure.retryAfterMs).toBeGreaterThanOrEqual(400 - sinceFailed - 1);
    expect(afterFailure.ok).toBe(false);
  });

  it('refuses the 11th message an hour to one recipient with R6, case-insensitively', async () => {
    const hour = 3_600_000;
    for (let i = 0; i < 10; i += 1) {
      const to = i % 2 === 0 ? 'r@y.test' : 'R@Y.TEST';
      expect((await store.acquireRecipients('S@x.test', [to], 10, hour)).ok).toBe(true);
    }
    const refused = await store.acquireRecipients('s@x.test', ['r@y.test'], 10, hour);
    expect(refused).toMatchObject({ ok: false, rule: 'R6' });
    if (!refused.ok) expect(refused.retryAfterMs).toBeGreaterThan(hour - 60_000);
    // Another sender to the same recipient has its own budget.
    expect((await store.acquireRecipients('t@x.test', ['r@y.test'], 10, hour)).ok).toBe(true);
    const ttl = await redis.pttl(store.recipientKey('s@x.test', 'r@y.test'));
    expect(ttl).toBeGreaterThan(hour - 60_000);
    expect(ttl).toBeLessThanOrEqual(hour);
  });

  it('checks and records every recipient of a message together: all or none (R6)', async () => {
    const sender = 'all@x.test';
    for (let i = 0; i < 2; i += 1)
      expect((await store.acquireRecipients(sender, ['full@y.test'], 2, 60_000)).ok).toBe(true);
    const refused = await store.acquireRecipients(sender, ['free@y.test', 'full@y.test'], 2, 60_000);
    expect(refused).toMatchObject({ ok: false, rule: 'R6' });
    // The refused message left no trace on the free recipient.
    expect(await redis.zcard(store.recipientKey(sender, 'free@y.test'))).toBe(0);
    // A recipient listed twice in one message counts once.
    expect((await store.acquireRecipients(sender, ['dup@y.test', 'DUP@y.test'], 2, 60_000)).ok).toBe(true);
    expect(await redis.zcard(store.recipientKey(sender, 'dup@y.test'))).toBe(1);
  });

  it('lets per-recipient keys expire after the window, and then grants again (R6)', async () => {
    const sender = 'exp@x.test';
    expect((await store.acquireRecipients(sender, ['a@y.test', 'b@y.test'], 1, 200)).ok).toBe(true);
    expect((await store.acquireRecipients(sender, ['a@y.test'], 1, 200)).ok).toBe(false);
    await sleep(250);
    expect(await redis.exists(store.recipientKey(sender, 'a@y.test'), store.recipientKey(sender, 'b@y.test'))).toBe(0);
    expect((await store.acquireRecipients(sender, ['a@y.test'], 1, 200)).ok).toBe(true);
  });

  it('never grants more than 20 in any 1000 ms, by Redis time, to three stores on their own connections', async () => {
    const stores = Array.from({ length: 3 }, () => createRedisRateLimitStore(REDIS_URL, { prefix }));
    const grants: number[] = [];
    const until = Date.now() + 2300;
    const hammer = async (each: RedisRateLimitStore): Promise<void> => {
      while (Date.now() < until) {
        const decision = await each.acquireAccount('app-shared', 20);
        if (decision.ok) grants.push(decision.at);
        else await sleep(Math.min(decision.retryAfterMs, 15));
      }
    };
    // Several callers per store too, so that requests really interleave.
    await Promise.all(stores.flatMap((each) => [hammer(each), hammer(each), hammer(each)]));
    await Promise.all(stores.map((each) => each.close()));
    grants.sort((a, b) => a - b);
    // At least two full windows' worth were granted: the limit is enforced, not just starved.
    expect(grants.length).toBeGreaterThanOrEqual(40);
    expect(grants.length).toBeLessThanOrEqual(60);
    for (let i = 0; i + 20 < grants.length; i += 1) {
      expect((grants[i + 20] as number) - (grants[i] as number)).toBeGreaterThanOrEqual(1000);
    }
    // Stores opened from a URL close their own connections.
    expect(stores.length).toBe(3);
  });

  it('reports a dead Redis as a retryable CONNECTION error', async () => {
    const dead = createRedisRateLimitStore(
      { port: 1, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null },
      { prefix },
    );
    await expect(dead.acquireAccount('app', 20)).rejects.toMatchObject({
      name: 'QcloudMailError',
      code: 'CONNECTION',
      retryable: true,
    });
    await dead.close();
  });

  it('refuses a nonsensical limit with CONFIGURATION', async () => {
    await expect(store.acquireAccount('app', 0)).rejects.toMatchObject({ code: 'CONFIGURATION' });
    expect(() => createRedisRateLimitStore('http://nope')).toThrow(/redis:\/\//);
  });
});
