import { describeSuppressionList } from '@qcloudmail/test-helpers';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../rate-limit/clock.js';
import { createMemorySuppressionList } from './memory-list.js';

describeSuppressionList('the memory list', (clock) => createMemorySuppressionList({ clock }));

describe('the memory list when full', () => {
  it('makes room with expired entries first, then those expiring soonest', async () => {
    const clock = createManualClock(1_000_000);
    const list = createMemorySuppressionList({ maxEntries: 3, clock });
    const at = (ms: number) => new Date(clock.now() + ms);
    await list.add({ address: 'short@example.com', reason: 'soft_bounce', expiresAt: at(10) });
    await list.add({ address: 'long@example.com', reason: 'soft_bounce', expiresAt: at(1000) });
    await list.add({ address: 'hard@example.com', reason: 'hard_bounce' });
    await list.add({ address: 'new1@example.com', reason: 'manual' });
    expect(await list.get('short@example.com')).toBeUndefined();
    expect(await list.get('long@example.com')).toBeDefined();
    await list.add({ address: 'new2@example.com', reason: 'manual' });
    expect(await list.get('long@example.com')).toBeUndefined();
    expect(((await list.list?.()) ?? []).map((entry) => entry.address).sort()).toEqual([
      'hard@example.com',
      'new1@example.com',
      'new2@example.com',
    ]);
  });

  it('refuses a new entry rather than forget a permanent one, and still updates the ones it has', async () => {
    const list = createMemorySuppressionList({ maxEntries: 1 });
    await list.add({ address: 'a@example.com', reason: 'hard_bounce' });
    await expect(list.add({ address: 'b@example.com', reason: 'manual' })).rejects.toMatchObject({
      code: 'CONFIGURATION',
      rule: 'R30',
    });
    await list.add({ address: 'A@example.com', reason: 'manual' });
    expect(await list.get('a@example.com')).toMatchObject({ reason: 'hard_bounce' });
  });

  it.each([0, 1.5, -1])('refuses maxEntries %s', (maxEntries) => {
    expect(() => createMemorySuppressionList({ maxEntries })).toThrow(/maxEntries/);
  });
});
