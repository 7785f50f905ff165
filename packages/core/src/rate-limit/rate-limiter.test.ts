import { describe, expect, it } from 'vitest';
import { isQcloudMailError, type QcloudMailError } from '../errors/qcloud-mail-error.js';
import { createManualClock } from './clock.js';
import { createMemoryRateLimitStore } from './memory-store.js';
import { createRateLimiter } from './rate-limiter.js';

function setup(maxQueueMs = 10_000) {
  const clock = createManualClock(0);
  const store = createMemoryRateLimitStore({ now: clock.now });
  const limiter = createRateLimiter({
    store,
    appId: 'app',
    perSecond: 20,
    accountWindowMs: 1000,
    perHourPerRecipient: 10,
    recipientWindowMs: 3_600_000,
    maxQueueMs,
    clock,
  });
  return { clock, limiter };
}

async function caught(promise: Promise<unknown>): Promise<QcloudMailError> {
  try {
    await promise;
  } catch (error) {
    if (isQcloudMailError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('createRateLimiter', () => {
  it('grants 20 at once, the next 20 one window later, in order (R5)', async () => {
    const { clock, limiter } = setup();
    const grants: Array<{ index: number; at: number }> = [];
    const all = Array.from({ length: 45 }, (_, index) =>
      limiter.acquireAccount(0).then((done) => {
        done();
        grants.push({ index, at: clock.now() });
      }),
    );
    await clock.advance(0);
    expect(grants).toHaveLength(20);
    expect(limiter.waiting()).toBe(25);
    await clock.advance(999);
    expect(grants).toHaveLength(20);
    await clock.advance(1);
    expect(grants).toHaveLength(40);
    await clock.advance(1000);
    await Promise.all(all);
    expect(grants.map((grant) => grant.index)).toEqual(Array.from({ length: 45 }, (_, index) => index));
    expect(grants.at(-1)?.at).toBe(2000);
    expect(limiter.waiting()).toBe(0);
  });

  it('fails with RATE_LIMIT, without waiting in vain, when no grant can come within maxQueueMs', async () => {
    const { clock, limiter } = setup(500);
    const first = Array.from({ length: 20 }, () => limiter.acquireAccount(0).then((done) => done()));
    await clock.advance(0);
    await Promise.all(first);
    const error = await caught(limiter.acquireAccount(clock.now()));
    expect(error).toMatchObject({ code: 'RATE_LIMIT', category: 'rate_limit', rule: 'R5', retryAfterMs: 1000 });
    expect(clock.now()).toBe(0);
  });

  it('fails a send that waits in line past its deadline', async () => {
    const { clock, limiter } = setup(1500);
    const sends = Array.from({ length: 60 }, () =>
      limiter.acquireAccount(0).then(
        (done) => {
          done();
          return 'sent';
        },
        (error: QcloudMailError) => error,
      ),
    );
    await clock.advance(3000);
    const outcomes = await Promise.all(sends);
    expect(outcomes.filter((outcome) => outcome === 'sent')).toHaveLength(40);
    expect(outcomes.slice(40).every((outcome) => typeof outcome !== 'string' && outcome.code === 'RATE_LIMIT')).toBe(
      true,
    );
  });

  it('lets an abort end the wait with ABORTED, and the line moves on', async () => {
    const { clock, limiter } = setup();
    await Promise.all(Array.from({ length: 20 }, () => limiter.acquireAccount(0).then((done) => done())));
    const controller = new AbortController();
    const aborted = caught(limiter.acquireAccount(0, controller.signal));
    const next = limiter.acquireAccount(0);
    await clock.advance(100);
    controller.abort();
    expect((await aborted).code).toBe('ABORTED');
    await clock.advance(900);
    await next;
    expect(clock.now()).toBe(1000);
  });

  it('counts a send from its start until it finishes, so a slow send delays the window (R5)', async () => {
    const { clock, limiter } = setup();
    const dones = await Promise.all(Array.from({ length: 20 }, () => limiter.acquireAccount(0)));
    let granted = false;
    const next = limiter.acquireAccount(0).then((done) => {
      granted = true;
      return done;
    });
    // Still in flight at 1000 (say, a new connection's handshake): the service may count them only now.
    await clock.advance(1200);
    expect(granted).toBe(false);
    for (const done of dones) done();
    await clock.advance(999);
    expect(granted).toBe(false);
    await clock.advance(1);
    (await next)();
    expect(clock.now()).toBe(2200);
  });

  it('refuses a recipient over 10 an hour at once, with retryAfterMs (R6)', async () => {
    const { limiter } = setup();
    for (let i = 0; i < 10; i += 1) await limiter.acquireRecipients('s@x.test', ['r@y.test']);
    const error = await caught(limiter.acquireRecipients('s@x.test', ['r@y.test']));
    expect(error).toMatchObject({ code: 'RATE_LIMIT', rule: 'R6', retryAfterMs: 3_600_000 });
  });
});
