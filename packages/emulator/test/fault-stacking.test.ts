import { createManualClock } from '@qcloudmail/core';
import { SES_REPLIES } from '@qcloudmail/core/internal';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { mime, PASS, rawClient, sendRaw, sesJson, start, USER } from './helpers.js';
import { RawSmtpClient } from './raw-smtp-client.js';

// Several faults pending at once: each stage takes at most one, the oldest; the rest wait for later messages.
let emulator: Emulator;
beforeAll(async () => {
  emulator = await start({ rateLimit: { perHourPerRecipient: 2 }, clock: createManualClock() });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
});

const REPLY_451 = '451 4.3.0 Try again';
const dropped = (to: string, raw = mime({ headers: { To: to } })) =>
  sendRaw(emulator, raw, [to]).then(
    () => 'replied',
    () => 'dropped',
  );

describe('fault stacking at the end of DATA', () => {
  it('drop-after-data then a reply: the first message is dropped and stored as accepted, the next gets the reply', async () => {
    emulator.faults.add({ type: 'drop-after-data' });
    emulator.faults.add({ type: 'reply', reply: REPLY_451 });
    expect(await dropped('a@example.org')).toBe('dropped');
    expect(emulator.history[0]).toMatchObject({ status: 'accepted', reply: null, verdict: { reason: 'accepted' } });
    expect(emulator.faults.list()).toMatchObject([{ type: 'reply', remaining: 1 }]);
    expect((await sendRaw(emulator, mime())).line).toBe(REPLY_451);
    expect(emulator.history[1]).toMatchObject({ status: 'refused', reply: REPLY_451, verdict: { reason: 'fault' } });
    expect(emulator.stats).toMatchObject({ accepted: 1, refused: 1, faultsApplied: 2 });
  });

  it('a reply then drop-after-data: the oldest fires first, so the order is reversed', async () => {
    emulator.faults.add({ type: 'reply', reply: REPLY_451 });
    emulator.faults.add({ type: 'drop-after-data' });
    expect((await sendRaw(emulator, mime())).line).toBe(REPLY_451);
    expect(await dropped('a@example.org')).toBe('dropped');
    expect(emulator.history.map((message) => [message.status, message.reply])).toEqual([
      ['refused', REPLY_451],
      ['accepted', null],
    ]);
  });

  it('provider-error and a reply at DATA: one per message, oldest first', async () => {
    emulator.faults.add({ type: 'provider-error', code: 'FailedOperation.EmailAddrInBlacklist' });
    emulator.faults.add({ type: 'reply', code: 421 });
    const first = await sendRaw(emulator, mime());
    expect(sesJson(first.line).QcloudError.Error.Code).toBe('FailedOperation.EmailAddrInBlacklist');
    expect((await sendRaw(emulator, mime())).line).toBe(SES_REPLIES.busy);
    expect((await sendRaw(emulator, mime())).code).toBe(250);
  });

  it('an "always" drop keeps the faults added after it waiting until it is removed', async () => {
    const drop = emulator.faults.add({ type: 'drop-after-data', count: 'always' });
    emulator.faults.add({ type: 'provider-error', code: 'FailedOperation.ExceedSendLimit' });
    expect(await dropped('a@example.org')).toBe('dropped');
    expect(await dropped('b@example.org')).toBe('dropped');
    expect(emulator.messages).toHaveLength(2);
    emulator.faults.remove(drop.id);
    expect(sesJson((await sendRaw(emulator, mime())).line).QcloudError.Error.Code).toBe(
      'FailedOperation.ExceedSendLimit',
    );
  });

  it('a dropped message the rules refuse stays refused, with the reply the client never saw', async () => {
    emulator.faults.add({ type: 'drop-after-data' });
    const raw = mime({ headers: { 'Content-Type': 'text/markdown; charset=UTF-8' } });
    expect(await dropped('user@example.org', raw)).toBe('dropped');
    const [message] = emulator.history;
    expect(message).toMatchObject({ status: 'refused', reply: null, verdict: { accepted: false, rule: 'R17' } });
    expect(message?.verdict.reply).toMatch(/^554 .*Content-Type must in/);
  });

  it('a dropped accepted message counts toward the rate limits: it was sent (R6, R19)', async () => {
    emulator.faults.add({ type: 'drop-after-data' });
    expect(await dropped('same@example.org')).toBe('dropped');
    expect((await sendRaw(emulator, mime({ headers: { To: 'same@example.org' } }), ['same@example.org'])).code).toBe(
      250,
    );
    const limited = await sendRaw(emulator, mime({ headers: { To: 'same@example.org' } }), ['same@example.org']);
    expect(sesJson(limited.line).QcloudError.Error.Code).toBe('RequestLimitExceeded.SmtpRateLimit');
  });

  it('a delay waits for the next message that gets a reply: a dropped one leaves it', async () => {
    emulator.faults.add({ type: 'delay', ms: 1 });
    emulator.faults.add({ type: 'drop-after-data' });
    expect(await dropped('a@example.org')).toBe('dropped');
    expect(emulator.faults.list()).toMatchObject([{ type: 'delay', remaining: 1 }]);
    expect((await sendRaw(emulator, mime())).code).toBe(250);
    expect(emulator.faults.list()).toEqual([]);
  });
});

describe('fault stacking at the other stages', () => {
  it('AUTH: a reply and close-during-auth fire one per session, oldest first', async () => {
    emulator.faults.add({ type: 'reply', stage: 'auth', reply: '454 4.7.0 Temporary authentication failure' });
    emulator.faults.add({ type: 'close-during-auth' });
    const { client } = await RawSmtpClient.connect(emulator.host, emulator.port, emulator.ca);
    expect((await client.login(USER, PASS)).code).toBe(454);
    await client.quit();
    const { client: second } = await RawSmtpClient.connect(emulator.host, emulator.port, emulator.ca);
    await expect(second.login(USER, PASS)).rejects.toThrow();
    expect(emulator.faults.list()).toEqual([]);
  });

  it('RCPT TO: drop-before-data added first fires first; the reply waits for the next session', async () => {
    emulator.faults.add({ type: 'drop-before-data' });
    emulator.faults.add({ type: 'reply', stage: 'rcpt', code: 450 });
    const client = await rawClient(emulator);
    expect((await client.command(`MAIL FROM:<${USER}>`)).code).toBe(250);
    await expect(client.command('RCPT TO:<user@example.org>')).rejects.toThrow();
    const next = await rawClient(emulator);
    expect((await next.command(`MAIL FROM:<${USER}>`)).code).toBe(250);
    expect((await next.command('RCPT TO:<user@example.org>')).code).toBe(450);
    await next.quit();
  });

  it('a rejected connection leaves the greeting delay for the next one', async () => {
    emulator.faults.add({ type: 'greeting-delay', ms: 1 });
    emulator.faults.add({ type: 'reject-connection' });
    const { greeting } = await RawSmtpClient.connect(emulator.host, emulator.port, emulator.ca);
    expect(greeting.line).toBe(SES_REPLIES.busy);
    expect(emulator.faults.list()).toMatchObject([{ type: 'greeting-delay' }]);
  });
});
