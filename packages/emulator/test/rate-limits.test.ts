import { parseSesReply } from '@qcloudmail/core';
import { SMTP_RATE_LIMIT_ERROR } from '@qcloudmail/core/internal';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, type Emulator, type ManualClock } from '../src/index.js';
import { mime, rawClient, sesJson, start, USER } from './helpers.js';
import { RawSmtpClient } from './raw-smtp-client.js';

let emulator: Emulator<ManualClock> | undefined;
let client: RawSmtpClient | undefined;
afterEach(async () => {
  await client?.quit();
  await emulator?.close();
  client = undefined;
  emulator = undefined;
});

async function setup(rateLimit?: { perSecond?: number; perHourPerRecipient?: number } | false) {
  emulator = await start({
    httpPort: false,
    clock: createManualClock(1_000_000),
    ...(rateLimit === undefined ? {} : { rateLimit }),
  });
  client = await rawClient(emulator);
  return { emulator, client };
}

const to = (recipient: string) => mime({ headers: { To: recipient } });

describe('rate limits on the controllable clock (R5, R6, R7)', () => {
  it('accepts 20 messages in one second per appId and refuses the 21st with SmtpRateLimit (R5)', async () => {
    const { emulator, client } = await setup();
    for (let i = 0; i < 20; i += 1) {
      expect((await client.send(USER, [`r${i}@example.org`], to(`r${i}@example.org`))).code).toBe(250);
    }
    const refused = await client.send(USER, ['r20@example.org'], to('r20@example.org'));
    expect(refused.code).toBe(554);
    expect(sesJson(refused.line).QcloudError.Error).toEqual({
      Code: 'RequestLimitExceeded.SmtpRateLimit',
      Message: SMTP_RATE_LIMIT_ERROR.message,
    });
    expect(parseSesReply(refused.line)).toMatchObject({ retryable: true, category: 'rate_limit' });
    expect(emulator.refused.at(-1)?.verdict).toMatchObject({ reason: 'rate-limit', rule: 'R5' });
    expect(emulator.stats.rateLimited).toBe(1);
    await emulator.clock.advance(999);
    expect((await client.send(USER, ['r21@example.org'], to('r21@example.org'))).code).toBe(554);
    await emulator.clock.advance(1);
    expect((await client.send(USER, ['r22@example.org'], to('r22@example.org'))).code).toBe(250);
  });

  it('accepts 10 messages an hour from one sender to one recipient and refuses the 11th (R6)', async () => {
    const { emulator, client } = await setup();
    for (let i = 0; i < 10; i += 1) {
      expect((await client.send(USER, ['same@example.org'], to('same@example.org'))).code).toBe(250);
      await emulator.clock.advance(1000);
    }
    const refused = await client.send(USER, ['same@example.org'], to('same@example.org'));
    expect(sesJson(refused.line).QcloudError.Error.Code).toBe('RequestLimitExceeded.SmtpRateLimit');
    expect(emulator.refused.at(-1)?.verdict.rule).toBe('R6');
    // Another recipient is not limited; the first one is again an hour after its first message.
    expect((await client.send(USER, ['other@example.org'], to('other@example.org'))).code).toBe(250);
    await emulator.clock.advance(60 * 60 * 1000 - 10_000);
    expect((await client.send(USER, ['same@example.org'], to('same@example.org'))).code).toBe(250);
  });

  it('does not count messages refused for their content, nor refused by the limit itself', async () => {
    const { emulator, client } = await setup({ perSecond: 2 });
    expect((await client.send(USER, ['a@example.org'], mime({ headers: { Subject: undefined } }))).code).toBe(554);
    expect((await client.send(USER, ['a@example.org'], to('a@example.org'))).code).toBe(250);
    expect((await client.send(USER, ['b@example.org'], to('b@example.org'))).code).toBe(250);
    expect((await client.send(USER, ['c@example.org'], to('c@example.org'))).code).toBe(554);
    await emulator.clock.advance(1000);
    expect((await client.send(USER, ['c@example.org'], to('c@example.org'))).code).toBe(250);
    expect(emulator.messages).toHaveLength(3);
    expect(emulator.messages[0]?.receivedAt.getTime()).toBe(1_000_000);
  });

  it('counts per appId: another account has its own budget', async () => {
    const clock = createManualClock(0);
    emulator = await start({
      httpPort: false,
      clock,
      rateLimit: { perSecond: 1 },
      accounts: [
        { appId: 'a', senders: [{ user: USER, pass: 'p' }] },
        { appId: 'b', senders: [{ user: 'second@example.com', pass: 'p' }] },
      ],
    });
    const send = async (user: string) => {
      const { client: c } = await RawSmtpClient.connect(emulator!.host, emulator!.port, emulator!.ca);
      await c.login(user, 'p');
      const reply = await c.send(user, ['x@example.org'], mime({ headers: { From: user, To: 'x@example.org' } }));
      await c.quit();
      return reply.code;
    };
    expect(await send(USER)).toBe(250);
    expect(await send(USER)).toBe(554);
    expect(await send('second@example.com')).toBe(250);
  });

  it('accepts everything with rateLimit: false', async () => {
    const { client } = await setup(false);
    for (let i = 0; i < 25; i += 1) {
      expect((await client.send(USER, ['same@example.org'], to('same@example.org'))).code).toBe(250);
    }
  });
});
