import { describe, expect, it } from 'vitest';
import { createEventHub } from './event-hub.js';
import type { MailClientEvents } from './types.js';
import { createSlotGate } from './slot-gate.js';

describe('createSlotGate', () => {
  it('hands out slots first in, first out', async () => {
    const gate = createSlotGate(2);
    const a = await gate.acquire();
    const b = await gate.acquire();
    const order: string[] = [];
    const c = gate.acquire().then((release) => {
      order.push('c');
      return release;
    });
    const d = gate.acquire().then((release) => {
      order.push('d');
      return release;
    });
    expect(gate.busy()).toBe(2);
    expect(gate.waiting()).toBe(2);
    a();
    a();
    b();
    (await c)();
    (await d)();
    expect(order).toEqual(['c', 'd']);
    expect(gate.busy()).toBe(0);
  });

  it('lets an abort leave the line without taking a slot', async () => {
    const gate = createSlotGate(1);
    const release = await gate.acquire();
    const controller = new AbortController();
    const waiting = gate.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(gate.waiting()).toBe(0);
    release();
    expect(gate.busy()).toBe(0);
    await expect(gate.acquire(controller.signal)).rejects.toThrow('stop');
  });
});

describe('createEventHub', () => {
  it('delivers to listeners until unsubscribed, and contains a throwing listener', () => {
    const errors: string[] = [];
    const hub = createEventHub<MailClientEvents>((event) => errors.push(event));
    const seen: number[] = [];
    const off = hub.on('retrying', (payload) => seen.push(payload.attempt));
    hub.on('retrying', () => {
      throw new Error('listener bug');
    });
    const error = { code: 'CONNECTION' } as never;
    hub.emit('retrying', { messageId: 'm', error, attempt: 1, delayMs: 0 });
    off();
    hub.emit('retrying', { messageId: 'm', error, attempt: 2, delayMs: 0 });
    expect(seen).toEqual([1]);
    expect(errors).toEqual(['retrying', 'retrying']);
  });
});
