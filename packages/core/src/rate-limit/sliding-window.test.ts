import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryRateLimitStore } from './memory-store.js';
import { SlidingWindowLog } from './sliding-window.js';

describe('SlidingWindowLog', () => {
  it('grants up to the limit, then says how long until the oldest grant leaves the window', () => {
    const log = new SlidingWindowLog();
    for (let i = 0; i < 3; i += 1) {
      expect(log.waitMs(100 + i, 3, 1000)).toBe(0);
      log.record(100 + i);
    }
    expect(log.waitMs(500, 3, 1000)).toBe(600);
    expect(log.waitMs(1099, 3, 1000)).toBe(1);
    expect(log.waitMs(1100, 3, 1000)).toBe(0);
  });

  it('never lets more than the limit start in any window, whatever the arrival pattern (R5)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 200 }), (gaps) => {
        const log = new SlidingWindowLog();
        const granted: number[] = [];
        let time = 0;
        for (const gap of gaps) {
          time += gap;
          // Every request waits exactly as told, as the client does.
          const wait = log.waitMs(time, 5, 1000);
          const at = time + wait;
          expect(log.waitMs(at, 5, 1000)).toBe(0);
          log.record(at);
          granted.push(at);
          time = at;
        }
        for (let i = 5; i < granted.length; i += 1) {
          expect((granted[i] ?? 0) - (granted[i - 5] ?? 0)).toBeGreaterThanOrEqual(1000);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('createMemoryRateLimitStore', () => {
  it('limits each appId separately (R5)', async () => {
    let time = 0;
    const store = createMemoryRateLimitStore({ now: () => time });
    for (let i = 0; i < 20; i += 1) expect(await store.acquireAccount('a', 20)).toMatchObject({ ok: true });
    expect(await store.acquireAccount('a', 20)).toEqual({ ok: false, retryAfterMs: 1000, rule: 'R5' });
    expect(await store.acquireAccount('b', 20)).toMatchObject({ ok: true });
    time = 1000;
    expect(await store.acquireAccount('a', 20)).toMatchObject({ ok: true });
  });

  it('honours a wider window than one second', async () => {
    let time = 0;
    const store = createMemoryRateLimitStore({ now: () => time });
    expect((await store.acquireAccount('a', 1, 1100)).ok).toBe(true);
    time = 1000;
    expect(await store.acquireAccount('a', 1, 1100)).toEqual({ ok: false, retryAfterMs: 100, rule: 'R5' });
  });

  it('allows 10 messages an hour from one sender to one recipient, then refuses the whole message (R6)', async () => {
    let time = 0;
    const store = createMemoryRateLimitStore({ now: () => time });
    const hour = 3_600_000;
    for (let i = 0; i < 10; i += 1) {
      time = i * 1000;
      expect((await store.acquireRecipients('s@x.test', ['R@y.test'], 10, hour)).ok).toBe(true);
    }
    time = 60_000;
    const refused = await store.acquireRecipients('S@X.test', ['other@y.test', 'r@y.test'], 10, hour);
    expect(refused).toEqual({ ok: false, retryAfterMs: hour - 60_000, rule: 'R6' });
    // Nothing was recorded for the other recipient of the refused message.
    for (let i = 0; i < 10; i += 1) {
      expect((await store.acquireRecipients('s@x.test', ['other@y.test'], 10, hour)).ok).toBe(true);
    }
    expect((await store.acquireRecipients('another@x.test', ['r@y.test'], 10, hour)).ok).toBe(true);
    time = hour;
    expect((await store.acquireRecipients('s@x.test', ['r@y.test'], 10, hour)).ok).toBe(true);
  });

  it('forgets idle keys on sweeps', async () => {
    let time = 0;
    const store = createMemoryRateLimitStore({ now: () => time, sweepEvery: 2 });
    await store.acquireRecipients('s@x.test', ['r@y.test'], 1, 1000);
    time = 5000;
    await store.acquireRecipients('s@x.test', ['q@y.test'], 1, 1000);
    // After the sweep r@y.test starts afresh; a refusal would show the old grant was kept.
    expect((await store.acquireRecipients('s@x.test', ['r@y.test'], 1, 1000)).ok).toBe(true);
    await store.close?.();
  });
});
