// The store side of filling the quota: held per-account grants (R5) and per-recipient slots given back (R6), in
// core's in-memory store and through the limiter, on a manual clock.
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../src/rate-limit/clock.js';
import { createMemoryRateLimitStore } from '../src/rate-limit/memory-store.js';
import { createRateLimiter } from '../src/rate-limit/rate-limiter.js';
import type { RateLimitDecision } from '../src/rate-limit/types.js';

const grantOf = (decision: RateLimitDecision): string => {
  if (!decision.ok || decision.grant === undefined) throw new Error('expected a grant with an id');
  return decision.grant;
};

describe('held per-account grants (R5)', () => {
  it('count as now until finished, then for one window from the finish', async () => {
    let time = 0;
    const store = createMemoryRateLimitStore({ now: () => time });
    const held = grantOf(await store.acquireAccount('a', 1, 1000, { holdMs: 60_000 }));
    time = 5000;
    // Still in flight five windows later: the service may count it only now.
    const blocked = await store.acquireAccount('a', 1, 1000);
    expect(blocked).toMatchObject({ ok: false, rule: 'R5' });
    // The wait is a short poll, not the hold: the finish can come at any moment.
    if (!blocked.ok) expect(blocked.retryAfterMs).toBe(250);
    await store.finishAccount?.('a', held, 1000);
    time = 5999;
    expect((await store.acquireAccount('a', 1, 1000)).ok).toBe(false);
    time = 6000;
    expect((await store.acquireAccount('a', 1, 1000)).ok).toBe(true);
  });

  it('frees a grant whose finish never came once its hold ran out (a process that died)', async () => {
    let time = 0;
    const store = createMemoryRateLimitStore({ now: () => time });
    grantOf(await store.acquireAccount('a', 1, 1000, { holdMs: 3000 }));
    time = 3999;
    expect((await store.acquireAccount('a', 1, 1000)).ok).toBe(false);
    time = 4000;
    expect((await store.acquireAccount('a', 1, 1000)).ok).toBe(true);
  });

  it('is held by the limiter until its done(), and another limiter on the store waits for it', async () => {
    const clock = createManualClock(0);
    const store = createMemoryRateLimitStore({ now: clock.now });
    const limiterOn = () =>
      createRateLimiter({
        store,
        appId: 'a',
        perSecond: 1,
        accountWindowMs: 1000,
        perHourPerRecipient: 10,
        recipientWindowMs: 3_600_000,
        maxQueueMs: 60_000,
        holdMs: 30_000,
        clock,
      });
    const done = await limiterOn().acquireAccount(0);
    // A second limiter on the same store (another process sharing it) cannot see the first one's sends.
    let granted = -1;
    const next = limiterOn()
      .acquireAccount(clock.now())
      .then((finish) => {
        granted = clock.now();
        finish();
      });
    await clock.advance(10_000);
    // Ten windows later the first send is still in flight: without the hold it would have been granted at 1000.
    expect(granted).toBe(-1);
    done();
    await clock.advance(2000);
    await next;
    // Granted one window after the finish (at the next poll).
    expect(granted).toBeGreaterThanOrEqual(11_000);
    expect(granted).toBeLessThanOrEqual(11_250);
  });
});

describe('per-recipient slots given back (R6)', () => {
  it('removes exactly the released message from each recipient, once', async () => {
    const store = createMemoryRateLimitStore({ now: () => 0 });
    const first = grantOf(await store.acquireRecipients('s@x.test', ['a@y.test', 'B@y.test'], 2, 3_600_000));
    grantOf(await store.acquireRecipients('s@x.test', ['a@y.test', 'b@y.test'], 2, 3_600_000));
    expect((await store.acquireRecipients('s@x.test', ['a@y.test'], 2, 3_600_000)).ok).toBe(false);
    await store.release?.('S@x.test', ['a@y.test', 'b@y.test'], first);
    await store.release?.('s@x.test', ['a@y.test', 'b@y.test'], first);
    expect((await store.acquireRecipients('s@x.test', ['a@y.test', 'b@y.test'], 2, 3_600_000)).ok).toBe(true);
    expect((await store.acquireRecipients('s@x.test', ['b@y.test'], 2, 3_600_000)).ok).toBe(false);
  });

  it('is what the limiter gives back through its grant', async () => {
    const clock = createManualClock(0);
    const limiter = createRateLimiter({
      store: createMemoryRateLimitStore({ now: clock.now }),
      appId: 'a',
      perSecond: 20,
      accountWindowMs: 1000,
      perHourPerRecipient: 1,
      recipientWindowMs: 3_600_000,
      maxQueueMs: 0,
      clock,
    });
    const grant = await limiter.acquireRecipients('s@x.test', ['r@y.test']);
    await expect(limiter.acquireRecipients('s@x.test', ['r@y.test'])).rejects.toMatchObject({ rule: 'R6' });
    await grant.release();
    const again = await limiter.acquireRecipients('s@x.test', ['r@y.test']);
    // Releasing twice gives back nothing more: the second message keeps its slot.
    await grant.release();
    await expect(limiter.acquireRecipients('s@x.test', ['r@y.test'])).rejects.toMatchObject({ rule: 'R6' });
    expect(again).toBeDefined();
  });
});
