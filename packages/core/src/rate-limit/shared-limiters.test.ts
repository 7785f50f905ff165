import { describe, expect, it } from 'vitest';
import { createMailClient } from '../client/create-mail-client.js';
import { isQcloudMailError } from '../errors/qcloud-mail-error.js';
import { systemClock } from './clock.js';
import { createMemoryRateLimitStore } from './memory-store.js';
import { createRateLimiter } from './rate-limiter.js';
import { acquireSharedLimiter } from './shared-limiters.js';

function fresh() {
  const inner = createMemoryRateLimitStore();
  let closed = 0;
  const store = {
    ...inner,
    close: async () => {
      closed += 1;
    },
  };
  const limiter = createRateLimiter({
    store,
    appId: 'a',
    perSecond: 20,
    accountWindowMs: 1000,
    perHourPerRecipient: 10,
    recipientWindowMs: 3_600_000,
    maxQueueMs: 0,
    clock: systemClock,
  });
  return { limiter, store, closedCount: () => closed };
}

describe('acquireSharedLimiter', () => {
  it('gives every user of a key the same limiter and closes its store after the last release', async () => {
    const made = fresh();
    const first = acquireSharedLimiter('k1', 's', () => made);
    const second = acquireSharedLimiter('k1', 's', () => fresh());
    expect(second.limiter).toBe(first.limiter);
    await first.release();
    await first.release();
    expect(made.closedCount()).toBe(0);
    await second.release();
    expect(made.closedCount()).toBe(1);
    const third = acquireSharedLimiter('k1', 's', () => fresh());
    expect(third.limiter).not.toBe(first.limiter);
    await third.release();
  });

  it('refuses a second user of a key with other limits', async () => {
    const first = acquireSharedLimiter('k2', 'a', () => fresh());
    let thrown: unknown;
    try {
      acquireSharedLimiter('k2', 'b', () => fresh());
    } catch (error) {
      thrown = error;
    }
    expect(isQcloudMailError(thrown) && thrown.code === 'CONFIGURATION').toBe(true);
    await first.release();
  });

  it('refuses a shareKey together with a store', () => {
    expect(() =>
      createMailClient({
        region: 'hongkong',
        auth: { user: 'a@mail.example.com', pass: 'p' },
        rateLimit: { shareKey: 'x', store: createMemoryRateLimitStore() },
      }),
    ).toThrow(/shareKey/);
  });
});
