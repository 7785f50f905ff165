// The client against the emulator: sending, raw messages, rate limits (R5, R6), recipient policies (R8, R9),
// close and abort. Refusals and faults are in client-replies.test.ts, validation in client-validation.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { message, PASS, recordingClock, rejection, seen, storedById, USER } from '@qcloudmail/test-helpers';
import type { QcloudMailPartialSendError } from '../src/client/partial-failure.js';
import { type Harness, harness } from './helpers.js';

let current: Harness | undefined;
async function setup(...args: Parameters<typeof harness>): Promise<Harness> {
  current = await harness(...args);
  return current;
}
afterEach(async () => {
  await current?.close();
  current = undefined;
});

/** The most messages the emulator judged within any 1000 ms (R5 counts per rolling second). */
function busiestSecond(h: Harness): number {
  const times = h.emulator.history.map((stored) => stored.receivedAt.getTime()).sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < times.length; end += 1) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= 1000) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

const envelope = { from: USER, to: ['user@example.org'] };
const raw = (messageId: string) =>
  [
    `From: Sender <${USER}>`,
    'To: user@example.org',
    'Subject: Built elsewhere',
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    'Hello from an .eml file',
    '',
  ].join('\r\n');

describe('createMailClient against the emulator', () => {
  it('sends a message and returns the service reply (R15, R21)', async () => {
    const h = await setup();
    const outcome = await h.client.send(message('User <user@example.org>', { html: '<p>Hello</p>' }));
    expect(outcome.response).toBe('250 2.0.0 OK: queued');
    expect(outcome).toMatchObject({ attempts: 1, accepted: ['user@example.org'], rejected: [] });
    expect(outcome.envelope).toEqual({ from: USER, to: ['user@example.org'] });
    expect(outcome.messages).toEqual([expect.objectContaining({ messageId: outcome.messageId })]);
    expect(outcome.timings.totalMs).toBeGreaterThanOrEqual(outcome.timings.transmitMs);
    const stored = storedById(h, outcome.messageId);
    expect(stored).toMatchObject({ status: 'accepted', size: outcome.size, envelope: outcome.envelope });
    expect(stored?.verdict.issues).toEqual([]);
    expect(stored?.parsed).toMatchObject({ subject: 'Hello', text: 'Hello from the tests', html: '<p>Hello</p>' });
    expect(h.client.stats()).toEqual({ sent: 1, failed: 0, retried: 0, inFlight: 0, queued: 0 });
    // Credentials never reach the log.
    expect(JSON.stringify(h.logs)).not.toContain(PASS);
  });

  it('sendRaw() sends a clean raw message byte for byte, under its own Message-ID (R21)', async () => {
    const h = await setup();
    const text = raw('<raw-1@mail.example.com>');
    const outcome = await h.client.sendRaw(Buffer.from(text), { from: USER, to: ['user@example.org'] });
    expect(outcome.messageId.replace(/^<|>$/g, '')).toBe('raw-1@mail.example.com');
    expect(outcome).toMatchObject({ attempts: 1, response: '250 2.0.0 OK: queued', size: Buffer.byteLength(text) });
    expect(h.emulator.messages).toHaveLength(1);
    expect(h.emulator.messages[0]?.raw.toString()).toBe(text);
    expect(h.emulator.messages[0]?.envelope).toEqual({ from: USER, to: ['user@example.org'] });
  });

  it('sendRaw() retries like send() (R21)', async () => {
    const h = await setup({ clock: recordingClock(), rateLimit: false });
    h.emulator.faults.add({ type: 'reply', stage: 'rcpt', reply: '421 4.0.0 Internal server error' });
    const outcome = await h.client.sendRaw(raw('<raw-2@mail.example.com>'), { from: USER, to: ['user@example.org'] });
    expect(outcome.attempts).toBe(2);
    expect(h.emulator.messages).toHaveLength(1);
  });

  it('sends 60 messages started at once with zero rate-limit replies from the emulator (R5)', async () => {
    const h = await setup({ pool: { maxConnections: 4 } });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) => h.client.send(message(`user${i}@example.org`))),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    expect(h.emulator.stats).toMatchObject({ accepted: 60, refused: 0, rateLimited: 0 });
    expect(busiestSecond(h)).toBeLessThanOrEqual(20);
    expect(h.events.retrying).toHaveLength(0);
  });

  it('sendMany() settles each message on its own, in input order', async () => {
    const h = await setup();
    const results = await h.client.sendMany([message('a@example.org'), message('b@example.org', { subject: '' })]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
    expect(results[1]?.status === 'rejected' && results[1].reason.code).toBe('VALIDATION');
    expect(h.emulator.messages.map((each) => each.envelope.to)).toEqual([['a@example.org']]);
  });

  it('split sends one copy per To, Cc and Bcc address, each showing only its own address (R8, R9)', async () => {
    const h = await setup({ recipients: 'split' });
    const outcome = await h.client.send(
      message(['a@example.org', 'b@example.org'], { cc: 'c@example.org', bcc: ['d@example.org', 'a@example.org'] }),
    );
    const addresses = ['a@example.org', 'b@example.org', 'c@example.org', 'd@example.org'];
    expect(outcome.messages.map((result) => result.envelope.to)).toEqual(addresses.map((address) => [address]));
    expect(new Set(outcome.messages.map((result) => result.messageId)).size).toBe(4);
    const stored = h.emulator.messages.sort((x, y) => (x.envelope.to[0] ?? '').localeCompare(y.envelope.to[0] ?? ''));
    expect(stored.map((each) => each.envelope.to)).toEqual(addresses.map((address) => [address]));
    // No copy names another recipient: a Bcc stays hidden, and the service sees no Cc or Bcc header (R9).
    expect(stored.map((each) => each.parsed.to)).toEqual(addresses.map((address) => [address]));
    for (const each of stored) {
      expect(each.parsed.cc).toEqual([]);
      expect(each.verdict.ignoredHeaders).toEqual([]);
      expect(each.raw.toString()).not.toMatch(/^(Cc|Bcc):/im);
    }
  });

  it('split settles every copy and reports which failed', async () => {
    const h = await setup({ recipients: 'split', pool: { maxConnections: 1 } });
    h.emulator.faults.add({ type: 'provider-error', code: 'FailedOperation.EmailAddrInBlacklist' });
    const error = (await rejection(
      h.client.send(message(['a@example.org', 'b@example.org', 'c@example.org'])),
    )) as QcloudMailPartialSendError;
    expect(error).toMatchObject({ code: 'PROVIDER', category: 'recipient', retryable: false });
    expect(error.sent.map((result) => result.envelope.to[0])).toEqual(['b@example.org', 'c@example.org']);
    expect(error.failures).toEqual([expect.objectContaining({ index: 0, to: ['a@example.org'] })]);
    expect(error.failures[0]?.error.providerCode).toBe('FailedOperation.EmailAddrInBlacklist');
    expect(h.emulator.messages).toHaveLength(2);
  });

  it('chunk sends batches of at most 50 To addresses (R8)', async () => {
    const h = await setup({ recipients: 'chunk', rateLimit: false });
    const to = Array.from({ length: 120 }, (_, i) => `r${i}@example.org`);
    const outcome = await h.client.send(message(to));
    expect(outcome.messages.map((result) => result.envelope.to.length)).toEqual([50, 50, 20]);
    const stored = h.emulator.messages;
    expect(stored.map((each) => each.envelope.to.length).sort()).toEqual([20, 50, 50]);
    expect(stored.flatMap((each) => each.parsed.to).sort()).toEqual([...to].sort());
  });

  it('refuses the 11th message an hour to one recipient at once, with retryAfterMs, without sending (R6)', async () => {
    const h = await setup();
    for (let i = 0; i < 10; i += 1) await h.client.send(message());
    const error = await rejection(h.client.send(message()));
    expect(error).toMatchObject({ code: 'RATE_LIMIT', category: 'rate_limit', rule: 'R6' });
    expect(error.retryAfterMs).toBeGreaterThan(3_500_000);
    // A raw message counts against the same limit.
    const rawError = await rejection(h.client.sendRaw(raw('<raw-11@mail.example.com>'), envelope));
    expect(rawError).toMatchObject({ code: 'RATE_LIMIT', rule: 'R6' });
    expect(seen(h)).toMatchObject({ stored: 10, rateLimited: 0 });
  });

  it('fails with RATE_LIMIT, without sending, when no slot comes within maxQueueMs (R5)', async () => {
    const h = await setup({ rateLimit: { perSecond: 1, maxQueueMs: 100 } });
    await h.client.send(message('first@example.org'));
    const error = await rejection(h.client.send(message('second@example.org')));
    expect(error).toMatchObject({ code: 'RATE_LIMIT', rule: 'R5', retryable: true });
    expect(seen(h).stored).toBe(1);
  });
});

describe('close and abort', () => {
  it('close() lets in-flight and queued sends finish, then refuses new ones with CLOSED', async () => {
    const h = await setup({ pool: { maxConnections: 1 } });
    h.emulator.faults.add({ type: 'delay', ms: 150, count: 'always' });
    const sends = Array.from({ length: 3 }, (_, i) => h.client.send(message(`c${i}@example.org`)));
    await h.emulator.waitForMessage();
    await h.client.close();
    // close() returned only after every send settled: all three reached the service.
    expect(h.emulator.messages).toHaveLength(3);
    expect((await Promise.allSettled(sends)).map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect((await rejection(h.client.send(message()))).code).toBe('CLOSED');
    expect((await rejection(h.client.sendRaw(raw('<late@x.example>'), { from: USER, to: ['u@x.example'] }))).code).toBe(
      'CLOSED',
    );
  });

  it('close({ timeoutMs }) ends what is still running: unknown after the final dot, CLOSED before it', async () => {
    const h = await setup({ pool: { maxConnections: 1 } });
    h.emulator.faults.add({ type: 'delay', ms: 4000, count: 'always' });
    const inFlight = h.client.send(message('first@example.org'));
    const queued = h.client.send(message('second@example.org'));
    await h.emulator.waitForMessage();
    const started = Date.now();
    await h.client.close({ timeoutMs: 50 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await rejection(inFlight)).code).toBe('OUTCOME_UNKNOWN');
    expect((await rejection(queued)).code).toBe('CLOSED');
    expect(h.emulator.history).toHaveLength(1);
  });

  it('an AbortSignal cancels a send waiting for the rate limit, with ABORTED', async () => {
    const h = await setup({ rateLimit: { perSecond: 1 } });
    await h.client.send(message('first@example.org'));
    const controller = new AbortController();
    const waiting = h.client.send(message('second@example.org'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await rejection(waiting)).code).toBe('ABORTED');
    expect((await rejection(h.client.send(message(), { signal: AbortSignal.abort() }))).code).toBe('ABORTED');
    expect(seen(h).stored).toBe(1);
    expect(h.client.stats()).toMatchObject({ inFlight: 0, queued: 0 });
  });

  it('an abort during the session, before DATA, gives ABORTED and sends nothing', async () => {
    const h = await setup();
    h.emulator.faults.add({ type: 'greeting-delay', ms: 1000 });
    const controller = new AbortController();
    h.client.on('sending', () => setTimeout(() => controller.abort(), 50));
    const error = await rejection(h.client.send(message(), { signal: controller.signal }));
    expect(error.code).toBe('ABORTED');
    expect(h.events.retrying).toHaveLength(0);
    expect(seen(h).stored).toBe(0);
  });

  it('an abort after the final dot gives OUTCOME_UNKNOWN: the service already has the message (R19)', async () => {
    const h = await setup();
    h.emulator.faults.add({ type: 'delay', ms: 2000 });
    const controller = new AbortController();
    const sending = h.client.send(message(), { signal: controller.signal });
    await h.emulator.waitForMessage();
    controller.abort();
    const error = await rejection(sending);
    expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN', rule: 'R19' });
    expect(h.emulator.messages).toHaveLength(1);
  });
});
