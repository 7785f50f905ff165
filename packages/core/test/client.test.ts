import { afterEach, describe, expect, it } from 'vitest';
import { createMailClient } from '../src/client/create-mail-client.js';
import type { QcloudMailPartialSendError } from '../src/client/partial-failure.js';
import { type Harness, harness, message, PASS, rejection, USER } from './helpers.js';

let current: Harness | undefined;
async function setup(...args: Parameters<typeof harness>): Promise<Harness> {
  current = await harness(...args);
  return current;
}
afterEach(async () => {
  await current?.close();
  current = undefined;
});

const rateLimitReplies = (h: Harness) =>
  [...h.events.retrying, ...h.events.failed].filter((event) =>
    event.error.providerCode?.startsWith('RequestLimitExceeded'),
  ).length;

describe('createMailClient against the emulator', () => {
  it('sends a message and returns the service reply (R15, R21)', async () => {
    const h = await setup();
    const outcome = await h.client.send(message());
    expect(outcome.response).toMatch(/^250 /);
    expect(outcome.attempts).toBe(1);
    expect(outcome.envelope).toEqual({ from: USER, to: ['user@example.org'] });
    expect(outcome.accepted).toEqual(['user@example.org']);
    expect(outcome.messages).toHaveLength(1);
    expect(outcome.size).toBeGreaterThan(0);
    expect(outcome.timings.totalMs).toBeGreaterThanOrEqual(outcome.timings.transmitMs);
    expect(h.emulator.messages).toHaveLength(1);
    expect(h.client.stats()).toMatchObject({ sent: 1, failed: 0, inFlight: 0, queued: 0 });
    // Credentials never reach the log.
    expect(JSON.stringify(h.logs)).not.toContain(PASS);
  });

  it.each([
    ['no sender', { from: undefined }],
    ['no subject', { subject: undefined }],
    ['no body', { text: undefined }],
    ['a Cc under the single policy (R9)', { cc: 'copy@example.org' }],
    ['a Bcc under the single policy (R9)', { bcc: 'hidden@example.org' }],
    ['a bad address', { to: 'not-an-address' }],
    ['51 recipients (R8)', { to: Array.from({ length: 51 }, (_, i) => `r${i}@example.org`) }],
    ['a header injection', { subject: 'Hi\r\nBcc: victim@example.org' }],
    ['a blocked attachment type (R22)', { attachments: [{ filename: 'run.exe', content: 'TVqQ' }] }],
  ])('stops a message with %s before the network (R19)', async (_name, change) => {
    const h = await setup();
    const error = await rejection(h.client.send(message('user@example.org', change) as never));
    expect(error.code).toBe('VALIDATION');
    expect(error.issues.length).toBeGreaterThan(0);
    expect(h.emulator.messages).toHaveLength(0);
    expect(h.connections()).toBe(0);
  });

  it.each([
    ['FailedOperation.EmailAddrInBlacklist'],
    ['FailedOperation.UnsupportMailType'],
    ['FailedOperation.ExceedSendLimit'],
  ])('returns provider error %s parsed, not retried (R16, R17)', async (code) => {
    const h = await setup();
    h.emulator.faults.add({ type: 'provider-error', code });
    const error = await rejection(h.client.send(message()));
    expect(error.providerCode).toBe(code);
    expect(error.responseCode).toBe(554);
    expect(h.events.sending).toHaveLength(1);
  });

  it('sends 60 messages started at once with zero rate-limit replies (R5)', async () => {
    const h = await setup({ pool: { maxConnections: 4 } });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) => h.client.send(message(`user${i}@example.org`))),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    expect(rateLimitReplies(h)).toBe(0);
    expect(h.emulator.messages).toHaveLength(60);
  }, 30_000);

  it('does not retry a wrong password (R21)', async () => {
    const h = await setup({ auth: { user: USER, pass: 'wrong-password' } });
    const error = await rejection(h.client.send(message()));
    expect(error.code).toBe('AUTH');
    expect(h.events.sending).toHaveLength(1);
    expect(h.events.retrying).toHaveLength(0);
    expect(JSON.stringify(error.toJSON())).not.toContain('wrong-password');
  });

  it('retries a 421 and succeeds', async () => {
    const h = await setup();
    h.emulator.faults.add({ type: 'reply', stage: 'data', code: 421 });
    const outcome = await h.client.send(message());
    expect(outcome.attempts).toBe(2);
    expect(h.events.retrying[0]?.error.retryable).toBe(true);
    expect(h.emulator.messages).toHaveLength(1);
  });

  it('gives OUTCOME_UNKNOWN after one attempt when the connection drops after DATA (R19)', async () => {
    const h = await setup();
    h.emulator.faults.add({ type: 'drop-after-data' });
    const error = await rejection(h.client.send(message()));
    expect(error.code).toBe('OUTCOME_UNKNOWN');
    expect(h.events.sending).toHaveLength(1);
    // The client still works afterwards.
    expect((await h.client.send(message())).attempts).toBe(1);
  });

  it('split sends one copy per To, Cc and Bcc address, each its own Message-ID (R8, R9)', async () => {
    const h = await setup({ recipients: 'split' });
    const outcome = await h.client.send(
      message(['a@example.org', 'b@example.org'], { cc: 'c@example.org', bcc: 'd@example.org' }),
    );
    expect(outcome.messages.map((result) => result.envelope.to)).toEqual([
      ['a@example.org'],
      ['b@example.org'],
      ['c@example.org'],
      ['d@example.org'],
    ]);
    expect(new Set(outcome.messages.map((result) => result.messageId)).size).toBe(4);
    expect(h.emulator.messages).toHaveLength(4);
  });

  it('split settles every copy and reports which failed', async () => {
    const h = await setup({ recipients: 'split', pool: { maxConnections: 1 } });
    h.emulator.faults.add({ type: 'provider-error', code: 'FailedOperation.EmailAddrInBlacklist' });
    const error = (await rejection(
      h.client.send(message(['a@example.org', 'b@example.org', 'c@example.org'])),
    )) as QcloudMailPartialSendError;
    expect(error.providerCode ?? error.failures[0]?.error.providerCode).toBe('FailedOperation.EmailAddrInBlacklist');
    expect(error.sent).toHaveLength(2);
    expect(error.failures).toHaveLength(1);
    expect(error.retryable).toBe(false);
  });

  it('chunk sends batches of 50 To addresses (R8)', async () => {
    const h = await setup({ recipients: 'chunk', rateLimit: false });
    const to = Array.from({ length: 120 }, (_, i) => `r${i}@example.org`);
    const outcome = await h.client.send(message(to));
    expect(outcome.messages.map((result) => result.envelope.to.length)).toEqual([50, 50, 20]);
    expect(h.emulator.messages).toHaveLength(3);
  });

  it('refuses the 11th message an hour to one recipient at once, with retryAfterMs, without sending (R6)', async () => {
    const h = await setup();
    for (let i = 0; i < 10; i += 1) await h.client.send(message());
    const error = await rejection(h.client.send(message()));
    expect(error).toMatchObject({ code: 'RATE_LIMIT', category: 'rate_limit', rule: 'R6' });
    expect(error.retryAfterMs).toBeGreaterThan(3_500_000);
    expect(h.emulator.messages).toHaveLength(10);
  });

  it('close() lets in-flight sends finish, then refuses new ones with CLOSED', async () => {
    const h = await setup();
    const sends = Array.from({ length: 5 }, (_, i) => h.client.send(message(`c${i}@example.org`)));
    await h.client.close();
    expect((await Promise.allSettled(sends)).every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    expect((await rejection(h.client.send(message()))).code).toBe('CLOSED');
    expect(h.emulator.messages).toHaveLength(5);
  });

  it('an AbortSignal cancels a send waiting for the rate limit, with ABORTED', async () => {
    const h = await setup({ rateLimit: { perSecond: 1 } });
    await h.client.send(message('first@example.org'));
    const controller = new AbortController();
    const waiting = h.client.send(message('second@example.org'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await rejection(waiting)).code).toBe('ABORTED');
    expect((await rejection(h.client.send(message(), { signal: AbortSignal.abort() }))).code).toBe('ABORTED');
    expect(h.emulator.messages).toHaveLength(1);
  });

  it('fails with RATE_LIMIT, without sending, when no slot comes within maxQueueMs (R5)', async () => {
    const h = await setup({ rateLimit: { perSecond: 1, maxQueueMs: 100 } });
    await h.client.send(message('first@example.org'));
    const error = await rejection(h.client.send(message('second@example.org')));
    expect(error).toMatchObject({ code: 'RATE_LIMIT', rule: 'R5' });
    expect(h.emulator.messages).toHaveLength(1);
  });

  it('verify() authenticates, and maps a wrong password to AUTH', async () => {
    const h = await setup();
    expect(await h.client.verify()).toBe(true);
    const bad = createMailClient({
      host: h.emulator.host,
      port: h.emulator.port,
      ca: h.emulator.ca,
      auth: { user: USER, pass: 'nope' },
    });
    expect((await rejection(bad.verify())).code).toBe('AUTH');
    await bad.close();
  });

  it('refuses to connect to a server it does not trust (R3)', async () => {
    const h = await setup();
    const untrusted = createMailClient({
      host: h.emulator.host,
      port: h.emulator.port,
      auth: { user: USER, pass: PASS },
    });
    const error = await rejection(untrusted.verify());
    expect(error.code).toBe('CONNECTION');
    await untrusted.close();
  });
});
