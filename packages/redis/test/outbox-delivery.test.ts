// The outbox's delivery record (issue #20): the worker's 250 and the provider's events (R28) per recipient, by
// Message-ID, on a real Redis after a real send to the emulator.
import type { SesEvent, SesEventKind } from '@qcloudmail/core';
import { sesEvent, USER } from '@qcloudmail/test-helpers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DELIVERY_STATES, type DeliveryState, type Outbox } from '../src/index.js';
import { outboxSuite, record, until } from './outbox-suite.js';
import { probeRedis } from './redis-available.js';

const available = await probeRedis();

const KIND_FACT: Array<[SesEventKind, DeliveryState]> = [
  ['processed', 'processed'],
  ['deferred', 'deferred'],
  ['delivered', 'delivered'],
  ['dropped', 'dropped'],
  ['bounce', 'bounced'],
  ['open', 'opened'],
  ['click', 'clicked'],
  ['unsubscribe', 'unsubscribed'],
  ['spamreport', 'complained'],
];

const event = (messageId: string, kind: SesEventKind, recipient: string, at: number, extra: Partial<SesEvent> = {}) =>
  sesEvent({ kind, recipient, messageId, timestamp: new Date(at), ...extra });

async function sendOne(box: Outbox, to: string | string[]): Promise<{ jobId: string; messageIds: string[] }> {
  const seen = record(box);
  const jobId = await box.enqueue({ from: USER, to, subject: 'Delivery', text: 'Tracked' });
  box.startWorker();
  await until(() => seen.sent.length === 1);
  const messageIds = seen.sent[0]?.result.messages.map((message) => message.messageId) ?? [];
  // The 250 is recorded once the job completed.
  await until(() => seen.delivery.filter((change) => change.fact === 'accepted').length === messageIds.length);
  return { jobId, messageIds };
}

describe.skipIf(!available)('the outbox delivery record', () => {
  const suite = outboxSuite('delivery');
  const { outbox } = suite;

  it('records the 250 of a real send, then applies events without erasing earlier facts', async () => {
    const box = outbox();
    const { jobId, messageIds } = await sendOne(box, 'Reader@Example.org');
    const [messageId] = messageIds as [string];
    expect(messageId).toMatch(/^<.+@.+>$/);
    const accepted = await box.status(messageId);
    expect(accepted).toMatchObject({
      messageId,
      jobId,
      recipients: [{ address: 'reader@example.org', state: 'accepted' }],
    });

    const seen = record(box);
    const t = Date.now();
    expect(await box.recordEvent(event(messageId, 'delivered', 'reader@example.org', t + 2000))).toMatchObject({
      recorded: true,
      changed: true,
      state: 'delivered',
    });
    await box.recordEvent(event(messageId, 'open', 'READER@example.org', t + 5000, { userAgent: 'x' }));
    // A deferral reported late, and the same open again (the provider retries, R26): nothing is lost or undone.
    await box.recordEvent(event(messageId, 'deferred', 'reader@example.org', t + 1000, { reason: '451 try later' }));
    const again = await box.recordEvent(event(messageId, 'open', 'reader@example.org', t + 5000));
    expect(again).toMatchObject({ recorded: true, changed: false, state: 'opened' });

    const status = await box.status(messageId);
    const reader = status?.recipients[0];
    expect(reader?.state).toBe('opened');
    expect(Object.keys(reader?.facts ?? {}).sort()).toEqual(['accepted', 'deferred', 'delivered', 'opened']);
    expect(reader?.facts.deferred).toEqual({
      first: new Date(t + 1000),
      last: new Date(t + 1000),
      reason: '451 try later',
    });
    expect(reader?.facts.opened?.first).toEqual(new Date(t + 5000));
    expect(seen.delivery.map((change) => [change.fact, change.previous, change.state])).toEqual([
      ['delivered', 'accepted', 'delivered'],
      ['opened', 'delivered', 'opened'],
      ['deferred', 'opened', 'opened'],
    ]);
    expect(seen.delivery[0]?.event?.kind).toBe('delivered');
  });

  it('keeps one record per message of a split send, each with its recipient', async () => {
    const box = outbox({ client: suite.client({ recipients: 'split' }), validate: { recipients: 'split' } });
    const { messageIds } = await sendOne(box, ['one@example.org', 'two@example.org']);
    expect(messageIds).toHaveLength(2);
    const statuses = await Promise.all(messageIds.map((id) => box.status(id)));
    expect(statuses.map((status) => status?.recipients.map((each) => each.address))).toEqual([
      ['one@example.org'],
      ['two@example.org'],
    ]);
  });

  it('stores events of a Message-ID it did not send, and ignores what it cannot match, saying why', async () => {
    const box = outbox({ delivery: { maxRecipients: 2, ttlSeconds: 60 } });
    const foreign = '<sent-elsewhere@mail.example.com>';
    expect(
      await box.recordEvent(event(foreign, 'bounce', 'a@example.org', Date.now(), { bounceType: 'hard' })),
    ).toMatchObject({
      recorded: true,
      state: 'bounced',
    });
    const status = await box.status(foreign);
    expect(status?.jobId).toBeUndefined();
    expect(status?.recipients[0]?.facts.bounced?.bounceType).toBe('hard');
    const ttl = await suite.redis.pttl(`${suite.jobKey(box, 'qcloudmail-delivery:')}${foreign}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);

    const ignored = async (each: SesEvent) => box.recordEvent(each);
    expect(await ignored(sesEvent({ kind: 'delivered', recipient: 'a@example.org' }))).toEqual({
      recorded: false,
      ignored: 'no_message_id',
    });
    expect(await ignored(event(foreign, 'unknown', 'a@example.org', Date.now()))).toMatchObject({
      ignored: 'unknown_event',
    });
    expect(await ignored(event(foreign, 'open', 'not an address', Date.now()))).toMatchObject({
      ignored: 'invalid_event',
    });
    await box.recordEvent(event(foreign, 'open', 'b@example.org', Date.now()));
    expect(await ignored(event(foreign, 'open', 'c@example.org', Date.now()))).toMatchObject({
      ignored: 'recipient_cap',
    });
    expect(await box.status('<never-sent@mail.example.com>')).toBeUndefined();
    await expect(box.status('no-brackets@mail.example.com')).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('reaches the same record in any order of the same events, keeping every fact (property)', async () => {
    const box = outbox();
    let run = 0;
    const eventArb = fc.record({
      kind: fc.constantFrom(...KIND_FACT.map(([kind]) => kind)),
      recipient: fc.constantFrom('x@example.org', 'y@example.org', 'z@example.org'),
      at: fc.integer({ min: 1_700_000_000_000, max: 1_700_000_100_000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 12 }), fc.context(), async (events, ctx) => {
        run += 1;
        const [first, second] = [`<p${run}a@example.org>`, `<p${run}b@example.org>`];
        // Details derive from the time, so that two reports of one fact at one time agree.
        const toEvent = (id: string, each: (typeof events)[number]) =>
          event(id, each.kind, each.recipient, each.at, {
            reason: `r${each.at}`,
            link: `https://l.example/${each.at}`,
          });
        for (const each of events) await box.recordEvent(toEvent(first, each));
        for (const each of [...events].reverse()) await box.recordEvent(toEvent(second, each));
        const [a, b] = [await box.status(first), await box.status(second)];
        ctx.log(JSON.stringify(events));
        expect(b?.recipients).toEqual(a?.recipients);
        for (const recipient of a?.recipients ?? []) {
          const mine = events.filter((each) => each.recipient === recipient.address);
          const facts = new Set(mine.map((each) => KIND_FACT.find(([kind]) => kind === each.kind)?.[1]));
          expect(new Set(Object.keys(recipient.facts))).toEqual(facts);
          const furthest = DELIVERY_STATES.filter((state) => facts.has(state)).at(-1);
          expect(recipient.state).toBe(furthest);
          for (const [fact, value] of Object.entries(recipient.facts)) {
            const times = mine
              .filter((each) => KIND_FACT.find(([kind]) => kind === each.kind)?.[1] === fact)
              .map((each) => each.at);
            expect(value?.first.getTime()).toBe(Math.min(...times));
            expect(value?.last.getTime()).toBe(Math.max(...times));
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});
