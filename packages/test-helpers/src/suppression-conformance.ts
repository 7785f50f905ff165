import {
  createManualClock,
  isQcloudMailError,
  type ManualClock,
  recordSuppressionEvent,
  type SesEvent,
  type SuppressionList,
} from '@qcloudmail/core';
import { beforeEach, describe, expect, it } from 'vitest';

/** Creates an empty list on keys of its own, reading the time from `clock`. */
export type SuppressionListFactory = (clock: { now(): number }) => SuppressionList | Promise<SuppressionList>;

/** A delivery event as the parser returns it, for feeding a list in tests. */
export function sesEvent(fields: Partial<SesEvent> & Pick<SesEvent, 'kind' | 'recipient'>): SesEvent {
  return { event: fields.kind, timestamp: new Date(), extra: {}, ...fields };
}

const HOUR = 3_600_000;

async function refusal(promise: Promise<unknown>): Promise<{ code: string; rule: unknown; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isQcloudMailError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/**
 * The one suite every suppression list passes (R30), as unstorage's driver tests: the memory list and the Redis
 * list run it with their own factory. Time comes from a manual clock starting now, so expiry is tested by
 * moving the clock, never by waiting.
 */
export function describeSuppressionList(name: string, factory: SuppressionListFactory): void {
  describe(`${name}: the suppression list contract (R30)`, () => {
    let clock: ManualClock;
    let list: SuppressionList;
    beforeEach(async () => {
      clock = createManualClock(Date.now());
      list = await factory(clock);
    });

    it('keeps an entry with its reason, when it was added, its message and detail', async () => {
      await list.add({ address: 'a@example.com', reason: 'hard_bounce', messageId: '<m1@x.example>', detail: '551' });
      expect(await list.get('a@example.com')).toEqual({
        address: 'a@example.com',
        reason: 'hard_bounce',
        since: new Date(clock.now()),
        messageId: '<m1@x.example>',
        detail: '551',
      });
      expect(await list.get('b@example.com')).toBeUndefined();
    });

    it('compares addresses in lower case, local part included, and keys check by the address as given', async () => {
      await list.add({ address: 'Bob.Smith@Example.COM', reason: 'unsubscribe' });
      expect((await list.get('bob.smith@example.com'))?.address).toBe('bob.smith@example.com');
      const found = await list.check(['BOB.SMITH@example.com', 'other@example.com']);
      expect([...found.keys()]).toEqual(['BOB.SMITH@example.com']);
      expect(found.get('BOB.SMITH@example.com')?.reason).toBe('unsubscribe');
    });

    it('lets an address be sent to again after remove, saying whether it was suppressed', async () => {
      await list.add({ address: 'gone@example.com', reason: 'manual' });
      expect(await list.remove('GONE@example.com')).toBe(true);
      expect(await list.get('gone@example.com')).toBeUndefined();
      expect(await list.remove('gone@example.com')).toBe(false);
    });

    it('forgets a soft bounce when its expiry comes, and stores none already expired', async () => {
      await list.add({ address: 'soft@example.com', reason: 'soft_bounce', expiresAt: new Date(clock.now() + HOUR) });
      expect((await list.get('soft@example.com'))?.expiresAt).toEqual(new Date(clock.now() + HOUR));
      await clock.advance(HOUR - 1);
      expect((await list.check(['soft@example.com'])).size).toBe(1);
      await clock.advance(1);
      expect(await list.get('soft@example.com')).toBeUndefined();
      expect((await list.check(['soft@example.com'])).size).toBe(0);
      await list.add({ address: 'late@example.com', reason: 'soft_bounce', expiresAt: new Date(clock.now()) });
      expect(await list.get('late@example.com')).toBeUndefined();
    });

    it('never weakens an entry: permanent stays, a later expiry extends, an earlier one changes nothing', async () => {
      const at = (ms: number) => new Date(clock.now() + ms);
      await list.add({ address: 'p@example.com', reason: 'hard_bounce' });
      await list.add({ address: 'p@example.com', reason: 'soft_bounce', expiresAt: at(HOUR) });
      await list.add({ address: 'p@example.com', reason: 'unsubscribe' });
      expect(await list.get('p@example.com')).toMatchObject({ reason: 'hard_bounce' });
      expect((await list.get('p@example.com'))?.expiresAt).toBeUndefined();

      await list.add({ address: 's@example.com', reason: 'soft_bounce', expiresAt: at(2 * HOUR) });
      await list.add({ address: 's@example.com', reason: 'soft_bounce', expiresAt: at(HOUR) });
      expect((await list.get('s@example.com'))?.expiresAt).toEqual(at(2 * HOUR));
      await list.add({ address: 's@example.com', reason: 'soft_bounce', expiresAt: at(3 * HOUR) });
      expect((await list.get('s@example.com'))?.expiresAt).toEqual(at(3 * HOUR));
      await list.add({ address: 's@example.com', reason: 'spamreport' });
      await clock.advance(4 * HOUR);
      expect(await list.get('s@example.com')).toMatchObject({ reason: 'spamreport' });
    });

    it.each([
      ['address', { address: 'not an address', reason: 'manual' }],
      ['address', { address: `${'a'.repeat(250)}@example.com`, reason: 'manual' }],
      ['address', { address: 'Bob <bob@example.com>', reason: 'manual' }],
      ['reason', { address: 'a@example.com', reason: 'bounced' }],
      ['expiresAt', { address: 'a@example.com', reason: 'soft_bounce', expiresAt: new Date(Number.NaN) }],
      ['detail', { address: 'a@example.com', reason: 'manual', detail: 'x'.repeat(1001) }],
    ])('refuses a bad %s with VALIDATION naming R30 and the field, storing nothing', async (field, entry) => {
      const error = await refusal(list.add(entry as Parameters<SuppressionList['add']>[0]));
      expect(error).toMatchObject({ code: 'VALIDATION', rule: 'R30' });
      expect(error.message).toContain(field);
      expect(error.message.length).toBeLessThan(300);
      expect(await list.list?.()).toEqual([]);
    });

    it('lists what is suppressed now, up to the limit', async () => {
      for (const n of [1, 2, 3]) await list.add({ address: `l${n}@example.com`, reason: 'manual' });
      await list.add({ address: 'soon@example.com', reason: 'soft_bounce', expiresAt: new Date(clock.now() + 10) });
      await clock.advance(10);
      const all = (await list.list?.()) ?? [];
      expect(all.map((entry) => entry.address).sort()).toEqual(['l1@example.com', 'l2@example.com', 'l3@example.com']);
      expect(await list.list?.({ limit: 2 })).toHaveLength(2);
      expect(await refusal(list.list?.({ limit: 0 }) ?? Promise.resolve())).toMatchObject({ rule: 'R30' });
    });

    it('is fed by delivery events: hard bounce, complaint, unsubscribe, drop for good, soft bounce for a while', async () => {
      const timestamp = new Date(clock.now());
      const feed = (kind: SesEvent['kind'], recipient: string, extra: Partial<SesEvent> = {}) =>
        recordSuppressionEvent(list, sesEvent({ kind, recipient, timestamp, ...extra }));
      expect(await feed('bounce', 'h@example.com', { bounceType: 'hard', reason: '551 5.1.1' })).toMatchObject({
        reason: 'hard_bounce',
        detail: '551 5.1.1',
      });
      expect(await feed('spamreport', 'c@example.com')).toMatchObject({ reason: 'spamreport' });
      expect(await feed('unsubscribe', 'u@example.com')).toMatchObject({ reason: 'unsubscribe' });
      expect(await feed('dropped', 'd@example.com')).toMatchObject({ reason: 'dropped' });
      expect(await feed('bounce', 's@example.com', { bounceType: 'soft' })).toMatchObject({
        reason: 'soft_bounce',
        expiresAt: new Date(timestamp.getTime() + 24 * HOUR),
      });
      expect(await feed('delivered', 'ok@example.com')).toBeUndefined();
      expect(await feed('open', 'ok@example.com')).toBeUndefined();
      // The provider retries callbacks (R26): the same event twice changes nothing.
      const again = await feed('bounce', 'h@example.com', { bounceType: 'hard', reason: '551 5.1.1' });
      expect(again?.since).toEqual(timestamp);
      expect(await list.get('ok@example.com')).toBeUndefined();
    });
  });
}
