// The suppression list at the client (R30): a suppressed recipient refuses the send before the network, or under
// `split` leaves out its own copy; `ignoreSuppression` overrides. The emulator, over real TLS, shows what went out.
import { message, rawMessage, recipient, rejection } from '@qcloudmail/test-helpers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMailClient } from '../src/client/create-mail-client.js';
import { QcloudMailPartialSendError } from '../src/client/partial-failure.js';
import type { MailClient } from '../src/client/types.js';
import { httpStatusOf } from '../src/http/http-error-response.js';
import { createManualClock, type ManualClock } from '../src/rate-limit/clock.js';
import { createMemorySuppressionList } from '../src/suppression/memory-list.js';
import type { SuppressionList } from '../src/suppression/types.js';
import { type Harness, harness } from './helpers.js';

const HOUR = 3_600_000;

describe('the client and the suppression list (R30)', () => {
  let h: Harness;
  let clock: ManualClock;
  let list: SuppressionList;
  const clients: MailClient[] = [];
  const client = (overrides: Parameters<typeof createMailClient>[0] | object = {}): MailClient => {
    const created = createMailClient({ ...h.clientOptions, suppression: list, ...overrides });
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    h = await harness({ retry: false });
  });
  beforeEach(() => {
    h.emulator.reset();
    clock = createManualClock(Date.now());
    list = createMemorySuppressionList({ clock });
  });
  afterAll(async () => {
    await Promise.all(clients.map((each) => each.close()));
    await h.close();
  });

  function nothingReachedTheServer(): void {
    expect(h.emulator.stats.connections).toBe(0);
    expect(h.emulator.history).toHaveLength(0);
  }

  it('refuses a suppressed recipient with SUPPRESSED, naming the address, reason and date, uploading nothing', async () => {
    const to = recipient('bounced');
    await list.add({ address: to, reason: 'hard_bounce', detail: '551 5.1.1 recipient is not exist' });
    const error = await rejection(client().send(message(to)));
    expect(error).toMatchObject({ code: 'SUPPRESSED', category: 'recipient', rule: 'R30', retryable: false });
    expect(error.nodemailerCode).toBe('EENVELOPE');
    expect(httpStatusOf(error)).toBe(422);
    expect(error.message).toContain(to);
    expect(error.message).toContain(`hard_bounce since ${new Date(clock.now()).toISOString()}`);
    expect(error.action).toContain('ignoreSuppression');
    nothingReachedTheServer();
  });

  it('compares addresses without regard to case', async () => {
    await list.add({ address: 'Mixed.Case@Example.ORG', reason: 'unsubscribe' });
    const error = await rejection(client().send(message('mixed.case@example.org')));
    expect(error.code).toBe('SUPPRESSED');
    nothingReachedTheServer();
  });

  it('names at most three of many suppressed recipients and counts the rest', async () => {
    const to = Array.from({ length: 6 }, () => recipient('many'));
    for (const address of to.slice(0, 5)) await list.add({ address, reason: 'spamreport' });
    const error = await rejection(client({ recipients: 'chunk' }).send(message(to)));
    expect(error.code).toBe('SUPPRESSED');
    expect(error.message).toContain('5 recipients');
    expect(error.message).toContain('and 2 more');
    expect(error.message).not.toContain(to[3]);
    nothingReachedTheServer();
  });

  it('under split, leaves out the suppressed recipients, sends the others and says who was left out', async () => {
    const [ok, bounced, unsubscribed] = [recipient('ok'), recipient('bounced'), recipient('unsub')];
    await list.add({ address: bounced, reason: 'hard_bounce' });
    await list.add({ address: unsubscribed, reason: 'unsubscribe' });
    const outcome = await client({ recipients: 'split' }).send(message([ok, bounced], { cc: unsubscribed }));
    expect(outcome.accepted).toEqual([ok]);
    expect(outcome.messages).toHaveLength(1);
    expect(outcome.suppressed?.map((entry) => [entry.address, entry.reason])).toEqual([
      [bounced, 'hard_bounce'],
      [unsubscribed, 'unsubscribe'],
    ]);
    expect(h.emulator.history).toHaveLength(1);
    expect(h.emulator.history[0]?.envelope.to).toEqual([ok]);
  });

  it('under split, says who was left out on a partial failure too', async () => {
    const [failing, ok, bounced] = [recipient('fails'), recipient('ok'), recipient('bounced')];
    await list.add({ address: bounced, reason: 'hard_bounce' });
    h.emulator.faults.add({ type: 'provider-error', code: 'FailedOperation.EmailAddrInBlacklist' });
    const error = await rejection(
      client({ recipients: 'split', pool: { maxConnections: 1 } }).send(message([failing, bounced, ok])),
    );
    expect(error).toBeInstanceOf(QcloudMailPartialSendError);
    const partial = error as QcloudMailPartialSendError;
    expect(partial.sent.map((result) => result.envelope.to)).toEqual([[ok]]);
    expect(partial.failures.map((failure) => failure.to)).toEqual([[failing]]);
    expect(partial.suppressed.map((entry) => entry.address)).toEqual([bounced]);
    expect(partial.toJSON().suppressed).toEqual([{ address: bounced, reason: 'hard_bounce' }]);
  });

  it('under split, refuses the send when every recipient is suppressed', async () => {
    const to = [recipient('a'), recipient('b')];
    for (const address of to) await list.add({ address, reason: 'dropped' });
    const error = await rejection(client({ recipients: 'split' }).send(message(to)));
    expect(error).toMatchObject({ code: 'SUPPRESSED', rule: 'R30' });
    nothingReachedTheServer();
  });

  it('has no suppressed field when nobody was left out', async () => {
    const outcome = await client({ recipients: 'split' }).send(message([recipient(), recipient()]));
    expect(outcome.messages).toHaveLength(2);
    expect(outcome).not.toHaveProperty('suppressed');
  });

  it('sends anyway with ignoreSuppression: true, and refuses an override that is no boolean', async () => {
    const to = recipient('override');
    await list.add({ address: to, reason: 'manual' });
    const outcome = await client().send(message(to), { ignoreSuppression: true });
    expect(outcome.accepted).toEqual([to]);
    expect(h.emulator.history).toHaveLength(1);
    const bad = await rejection(client().send(message(to), { ignoreSuppression: 'yes' as unknown as boolean }));
    expect(bad).toMatchObject({ code: 'CONFIGURATION' });
    expect(bad.message).toContain('ignoreSuppression');
  });

  it('sends to a soft-bounced address again once its suppression expired', async () => {
    const to = recipient('soft');
    await list.add({ address: to, reason: 'soft_bounce', expiresAt: new Date(clock.now() + HOUR) });
    const sender = client();
    expect((await rejection(sender.send(message(to)))).code).toBe('SUPPRESSED');
    nothingReachedTheServer();
    await clock.advance(HOUR);
    expect((await sender.send(message(to))).accepted).toEqual([to]);
  });

  it('refuses a raw message whose envelope names a suppressed recipient', async () => {
    await list.add({ address: 'raw@example.org', reason: 'hard_bounce' });
    const raw = rawMessage('Message-ID: <suppressed-raw@mail.example.com>');
    const error = await rejection(client().sendRaw(raw));
    expect(error).toMatchObject({ code: 'SUPPRESSED', rule: 'R30' });
    nothingReachedTheServer();
    expect((await client().sendRaw(raw, undefined, { ignoreSuppression: true })).accepted).toEqual(['raw@example.org']);
  });

  it('fails the send, uploading nothing, when the list cannot answer', async () => {
    const broken: SuppressionList = {
      ...createMemorySuppressionList(),
      check: async () => {
        throw new Error('connection refused');
      },
    };
    const error = await rejection(client({ suppression: broken }).send(message(recipient())));
    expect(error.code).toBe('UNKNOWN');
    expect(error.message).toContain('suppression list could not be read');
    nothingReachedTheServer();
  });

  it('refuses an option suppression that is no list', () => {
    expect(() => createMailClient({ ...h.clientOptions, suppression: {} as SuppressionList })).toThrow(
      /Invalid option suppression/,
    );
  });
});
