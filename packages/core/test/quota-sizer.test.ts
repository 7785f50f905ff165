// The pool sizer and the resizable slot gate: sends in flight follow rate x busy time + 1 (issue 19).
import { describe, expect, it } from 'vitest';
import { createPoolSizer } from '../src/client/pool-sizer.js';
import { createSlotGate } from '../src/client/slot-gate.js';

describe('createPoolSizer', () => {
  const sizer = (now: () => number) => createPoolSizer({ perSecond: 20, accountWindowMs: 1000, min: 2, max: 20, now });

  it('starts at its minimum, then sizes from the quota and the median busy time', () => {
    let time = 0;
    const each = sizer(() => time);
    expect(each.target()).toBe(2);
    // 300 ms per answer, held as long: 20 per 1.3 s is 15.4/s; 15.4 x 0.3 = 4.6 on the wire, + 1 waiting.
    for (let i = 0; i < 40; i += 1) {
      time += 65;
      each.record({ busyMs: 300, heldMs: 300 });
    }
    expect(each.target()).toBe(6);
    // A slow first answer on a new connection does not move the median.
    each.record({ busyMs: 3000, heldMs: 3000 });
    expect(each.target()).toBe(6);
    each.reset();
    expect(each.target()).toBe(2);
  });

  it('grows from what this process reached, by half again at most, and never past its bound', () => {
    let time = 0;
    const each = sizer(() => time);
    // Four answers in 2 s at 600 ms each: 2/s seen, so 3/s x 0.6 s = 1.8, + 1.
    for (let i = 0; i < 4; i += 1) {
      time += 500;
      each.record({ busyMs: 600, heldMs: 600 });
    }
    expect(each.target()).toBe(3);
    const bounded = createPoolSizer({ perSecond: 20, accountWindowMs: 1000, min: 2, max: 4, now: () => time });
    for (let i = 0; i < 60; i += 1) {
      time += 10;
      bounded.record({ busyMs: 5000, heldMs: 100 });
    }
    expect(bounded.target()).toBe(4);
  });
});

describe('createSlotGate resize', () => {
  it('lets waiting callers in when it grows and holds new ones back when it shrinks', async () => {
    const gate = createSlotGate(1);
    const first = await gate.acquire();
    const order: number[] = [];
    const waiting = [1, 2, 3].map((n) =>
      gate.acquire().then((release) => {
        order.push(n);
        return release;
      }),
    );
    gate.resize(3);
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([1, 2]);
    expect(gate.busy()).toBe(3);
    gate.resize(1);
    first();
    await new Promise((resolve) => setImmediate(resolve));
    // Three taken, one allowed: a freed slot is not passed on until fewer than one are taken.
    expect(order).toEqual([1, 2]);
    const [one, two] = await Promise.all(waiting.slice(0, 2));
    one?.();
    two?.();
    const three = await waiting[2];
    expect(order).toEqual([1, 2, 3]);
    expect(gate.busy()).toBe(1);
    three?.();
    expect(gate.busy()).toBe(0);
  });
});
