import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, type Emulator } from '../src/index.js';
import { mime, PASS, start, transport, USER } from './helpers.js';
import { type RawReply, RawSmtpClient } from './raw-smtp-client.js';

const LATENCY = 200;
// Lower bounds only: the reply may come later on a busy machine, never sooner than the latency.
const SLACK = 2;

let emulators: Emulator[] = [];
afterEach(async () => {
  await Promise.all(emulators.map((emulator) => emulator.close()));
  emulators = [];
});

async function started(options: Parameters<typeof start>[0]): Promise<Emulator> {
  const emulator = await start(options);
  emulators.push(emulator);
  return emulator;
}

/** The reply to `write()` and how long it took, from the write to the reply. */
async function timed(write: () => void, next: () => Promise<RawReply>): Promise<{ reply: RawReply; ms: number }> {
  const begin = performance.now();
  write();
  const reply = await next();
  return { reply, ms: performance.now() - begin };
}

async function timedSession(emulator: Emulator): Promise<Record<string, { code: number; ms: number }>> {
  const begin = performance.now();
  const { client, greeting } = await RawSmtpClient.connect(emulator.host, emulator.port, emulator.ca);
  const stages: Record<string, { code: number; ms: number }> = {
    greeting: { code: greeting.code, ms: performance.now() - begin },
  };
  const step = async (name: string, line: string) => {
    const { reply, ms } = await timed(
      () => client.socket.write(`${line}\r\n`),
      () => client.reply(),
    );
    stages[name] = { code: reply.code, ms };
  };
  await step('ehlo', 'EHLO raw.test');
  await step('auth', `AUTH PLAIN ${Buffer.from(`\0${USER}\0${PASS}`).toString('base64')}`);
  await step('mail', `MAIL FROM:<${USER}>`);
  await step('rcpt', 'RCPT TO:<user@example.org>');
  await step('data', 'DATA');
  const end = await timed(
    () => client.socket.write(`${mime()}.\r\n`),
    () => client.reply(),
  );
  stages.end = { code: end.reply.code, ms: end.ms };
  await step('rset', 'RSET');
  await client.quit();
  return stages;
}

describe('latency: a distant service', () => {
  it('holds every reply of a session, from the greeting to the end of DATA', async () => {
    const emulator = await started({ latencyMs: LATENCY });
    const stages = await timedSession(emulator);
    expect(Object.keys(stages)).toEqual(['greeting', 'ehlo', 'auth', 'mail', 'rcpt', 'data', 'end', 'rset']);
    expect(Object.values(stages).map((stage) => stage.code)).toEqual([220, 250, 235, 250, 250, 354, 250, 250]);
    for (const [name, stage] of Object.entries(stages)) {
      expect(stage.ms, name).toBeGreaterThanOrEqual(LATENCY - SLACK);
    }
  });

  // nodemailer pipelines MAIL, RCPT and DATA (the emulator offers PIPELINING), so they share one wait.
  it('slows a nodemailer send by one latency per round trip: greeting, EHLO, AUTH, MAIL+RCPT+DATA, end of DATA', async () => {
    const emulator = await started({ latencyMs: LATENCY });
    const begin = performance.now();
    const info = await transport(emulator).sendMail({
      from: USER,
      to: 'user@example.org',
      subject: 'Far away',
      text: 'Hello',
      html: '<p>Hello</p>',
    });
    expect(info.response).toMatch(/^250 /);
    expect(performance.now() - begin).toBeGreaterThanOrEqual(5 * LATENCY - SLACK);
  });

  it('answers pipelined commands in order, after one shared wait', async () => {
    const emulator = await started({ latencyMs: LATENCY });
    const { client } = await RawSmtpClient.connect(emulator.host, emulator.port, emulator.ca);
    const begin = performance.now();
    client.socket.write('EHLO raw.test\r\nNOOP\r\nRSET\r\nNOOP\r\n');
    const replies = [await client.reply(), await client.reply(), await client.reply(), await client.reply()];
    expect(performance.now() - begin).toBeGreaterThanOrEqual(LATENCY - SLACK);
    expect(replies.map((reply) => reply.code)).toEqual([250, 250, 250, 250]);
    expect(replies[0]?.text).toMatch(/^smtp\.qcloudmail\.com/);
    expect(replies[2]?.text).toBe('Flushed');
    // QUIT's 221 is held too, and the connection closes only after it.
    expect((await client.command('QUIT')).code).toBe(221);
  });

  it('applies a change made at run time (HTTP or code) to the next replies', async () => {
    const emulator = await started({});
    expect(emulator.latency).toEqual({ perReplyMs: 0, endOfDataMs: 0 });
    const { client } = await RawSmtpClient.connect(emulator.host, emulator.port, emulator.ca);
    const response = await fetch(`${emulator.httpUrl}/api/latency`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ms: LATENCY }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ perReplyMs: LATENCY, endOfDataMs: LATENCY });
    const slow = await timed(
      () => client.socket.write('NOOP\r\n'),
      () => client.reply(),
    );
    expect(slow.ms).toBeGreaterThanOrEqual(LATENCY - SLACK);
    expect(emulator.setLatency(0)).toEqual({ perReplyMs: 0, endOfDataMs: 0 });
    expect(await (await fetch(`${emulator.httpUrl}/api/latency`)).json()).toEqual({ perReplyMs: 0, endOfDataMs: 0 });
    expect((await client.command('NOOP')).code).toBe(250);
    await client.quit();
  });

  it('refuses a bad latency, naming the field', async () => {
    await expect(start({ latencyMs: -1 })).rejects.toThrow(/latencyMs must be a whole number/);
    await expect(start({ latencyMs: 1, latency: { perReplyMs: 1 } })).rejects.toThrow(/not both/);
    const emulator = await started({});
    expect(() => emulator.setLatency({ perReplyMs: 1.5 })).toThrow(/perReplyMs must be/);
    for (const body of [{ ms: 'slow' }, { perReplyMs: 10, delay: 5 }, { ms: 10, endOfDataMs: 5 }]) {
      const response = await fetch(`${emulator.httpUrl}/api/latency`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const plain = await fetch(`${emulator.httpUrl}/api/latency`, { method: 'POST', body: '{"ms":10}' });
    expect(plain.status).toBe(400);
    expect(emulator.latency).toEqual({ perReplyMs: 0, endOfDataMs: 0 });
  });
});

describe('the end of DATA: when the reply is sent, and when the rate limit counts', () => {
  it('records when the final dot arrived and when the reply was sent, endOfDataMs apart', async () => {
    const emulator = await started({ latency: { perReplyMs: 0, endOfDataMs: LATENCY } });
    const { client } = await RawSmtpClient.connect(emulator.host, emulator.port, emulator.ca);
    await client.login(USER, PASS);
    const begin = performance.now();
    expect((await client.send(USER, ['user@example.org'], mime())).code).toBe(250);
    expect(performance.now() - begin).toBeGreaterThanOrEqual(LATENCY - SLACK);
    await client.quit();
    const [message] = emulator.messages;
    expect(message?.repliedAt).toBeInstanceOf(Date);
    const held = (message?.repliedAt?.getTime() ?? 0) - (message?.dataEndAt.getTime() ?? 0);
    // Date has whole milliseconds: one may be lost at each end.
    expect(held).toBeGreaterThanOrEqual(LATENCY - SLACK);
    const detail = (await (await fetch(`${emulator.httpUrl}/api/messages/${message?.id}`)).json()) as {
      dataEndAt: string;
      repliedAt: string;
    };
    expect(detail.dataEndAt).toBe(message?.dataEndAt.toISOString());
    expect(detail.repliedAt).toBe(message?.repliedAt?.toISOString());
  });

  // A at t=0 is held while the clock moves to 1000; B comes at 1500. Counted at its final dot (0), A has left
  // the one-second window when B comes; counted at its reply (1000), it has not, and B is refused (R5).
  it.each([
    ['data-end', 0, 250],
    ['reply', 1000, 554],
  ] as const)('countAt %s: message A counts at t=%d, so message B gets %d', async (countAt, countedAt, bCode) => {
    const clock = createManualClock(0);
    const emulator = await started({ clock, rateLimit: { perSecond: 1, countAt } });
    emulator.faults.add({ type: 'delay', ms: 1500 });
    const first = await RawSmtpClient.connect(emulator.host, emulator.port, emulator.ca);
    await first.client.login(USER, PASS);
    const pending = first.client.send(USER, ['a@example.org'], mime({ headers: { To: 'a@example.org' } }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    clock.advance(1000);
    expect((await pending).code).toBe(250);
    const [a] = emulator.messages;
    // The precondition of the figures above: A's final dot arrived before the clock moved.
    expect(a?.dataEndAt.getTime()).toBe(0);
    expect(a?.receivedAt.getTime()).toBe(countedAt);
    expect(a?.repliedAt?.getTime()).toBe(1000);
    clock.advance(500);
    const b = await first.client.send(USER, ['b@example.org'], mime({ headers: { To: 'b@example.org' } }));
    expect(b.code).toBe(bCode);
    await first.client.quit();
  });

  it('refuses an unknown countAt', async () => {
    // @ts-expect-error: the JavaScript caller's typo
    await expect(start({ rateLimit: { countAt: 'end' } })).rejects.toThrow(/countAt must be data-end or reply/);
  });
});
