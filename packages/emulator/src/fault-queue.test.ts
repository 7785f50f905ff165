import { describe, expect, it } from 'vitest';
import { createFaultQueue } from './fault-queue.js';

describe('createFaultQueue', () => {
  it('fires a fault count times, oldest first, and counts firings', () => {
    let fired = 0;
    const queue = createFaultQueue(() => {
      fired += 1;
    });
    queue.add({ type: 'provider-error', code: 'FailedOperation.A', count: 2 });
    queue.add({ type: 'provider-error', code: 'FailedOperation.B' });
    expect(queue.take('provider-error')?.code).toBe('FailedOperation.A');
    expect(queue.list()).toMatchObject([{ remaining: 1 }, { remaining: 1 }]);
    expect(queue.take('provider-error')?.code).toBe('FailedOperation.A');
    expect(queue.take('provider-error')?.code).toBe('FailedOperation.B');
    expect(queue.take('provider-error')).toBeUndefined();
    expect(fired).toBe(3);
  });

  it('takeFirst fires the oldest fault of any kind the matcher accepts, and leaves the others', () => {
    const queue = createFaultQueue();
    queue.add({ type: 'delay', ms: 5 });
    queue.add({ type: 'drop-after-data' });
    queue.add({ type: 'provider-error', code: 'FailedOperation.A' });
    const outcome = (fault: { type: string }) => fault.type === 'provider-error' || fault.type === 'drop-after-data';
    expect(queue.takeFirst(outcome)?.type).toBe('drop-after-data');
    expect(queue.takeFirst(outcome)?.type).toBe('provider-error');
    expect(queue.takeFirst(outcome)).toBeUndefined();
    expect(queue.list()).toMatchObject([{ type: 'delay', remaining: 1 }]);
  });

  it('keeps an "always" fault until removed, and filters by stage', () => {
    const queue = createFaultQueue();
    const fault = queue.add({ type: 'reply', code: 421, stage: 'rcpt', count: 'always' });
    expect(queue.take('reply', (candidate) => candidate.stage === 'mail')).toBeUndefined();
    for (let i = 0; i < 3; i += 1) expect(queue.take('reply', (candidate) => candidate.stage === 'rcpt')).toBeDefined();
    expect(queue.remove(fault.id)).toBe(true);
    expect(queue.remove(fault.id)).toBe(false);
    expect(queue.list()).toEqual([]);
  });

  it('validates what it is given and defaults the reply stage to data', () => {
    const queue = createFaultQueue();
    expect(queue.add({ type: 'reply', code: 421 })).toMatchObject({ stage: 'data', remaining: 1 });
    expect(() => queue.add({ type: 'greeting-delay', ms: 1.5 })).toThrow(/ms must be/);
    queue.clear();
    expect(queue.list()).toEqual([]);
  });

  it('tells subscribers about every change, not about firings of an "always" fault, until unsubscribed', () => {
    const queue = createFaultQueue();
    const seen: number[] = [];
    const stop = queue.subscribe((faults) => seen.push(faults.length));
    const once = queue.add({ type: 'drop-after-data' });
    queue.add({ type: 'reject-connection', count: 'always' });
    queue.take('reject-connection');
    queue.take('drop-after-data');
    queue.add({ type: 'drop-before-data' });
    expect(queue.remove(once.id)).toBe(false);
    queue.clear();
    expect(seen).toEqual([1, 2, 1, 2, 0]);
    stop();
    queue.add({ type: 'drop-after-data' });
    expect(seen).toHaveLength(5);
  });
});
