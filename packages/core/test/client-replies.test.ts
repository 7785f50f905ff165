// What the client makes of the service's refusals and failures (R16-R21, R24), against the emulator's faults.
import { generateTlsMaterial } from '@qcloudmail/test-helpers/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { message, PASS, recordingClock, rejection, seen, storedById } from '@qcloudmail/test-helpers';
import { createMailClient } from '../src/client/create-mail-client.js';
import type { MailClientOptions } from '../src/client/types.js';
import type { QcloudMailErrorCategory, QcloudMailErrorCode } from '../src/errors/qcloud-mail-error.js';
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

interface Expected {
  code: QcloudMailErrorCode;
  category: QcloudMailErrorCategory;
  retryable: boolean;
  /** Attempts with the test policy (3): a retryable error whose wait fits in the total timeout is tried 3 times. */
  attempts: number;
}

// A few codes of the catalog (ses-error-codes.tsv), refused at the end of DATA every time (R16, R17, R24, R25).
const providerCases: Array<[string, Expected]> = [
  ['RequestLimitExceeded.SmtpRateLimit', { code: 'RATE_LIMIT', category: 'rate_limit', retryable: true, attempts: 3 }],
  ['FailedOperation.EmailAddrInBlacklist', { code: 'PROVIDER', category: 'recipient', retryable: false, attempts: 1 }],
  ['FailedOperation.ExceedSendLimit', { code: 'PROVIDER', category: 'quota', retryable: false, attempts: 1 }],
  ['FailedOperation.NotAuthenticatedSender', { code: 'PROVIDER', category: 'sender', retryable: false, attempts: 1 }],
  ['InternalError', { code: 'PROVIDER', category: 'service', retryable: true, attempts: 3 }],
  // Retryable, but only after an hour (R6): longer than the send's total timeout, so not retried within it.
  ['FailedOperation.FrequencyLimit', { code: 'RATE_LIMIT', category: 'rate_limit', retryable: true, attempts: 1 }],
];

describe('replies of the service', () => {
  it.each(providerCases)('returns provider error %s parsed (R16, R17)', async (providerCode, expected) => {
    const clock = recordingClock();
    const h = await setup({ clock, rateLimit: false });
    h.emulator.faults.add({ type: 'provider-error', code: providerCode, count: 'always' });
    const error = await rejection(h.client.send(message()));
    const { attempts: _attempts, ...fields } = expected;
    expect(error).toMatchObject({ ...fields, providerCode, responseCode: 554 });
    expect(h.events.sending).toHaveLength(expected.attempts);
    expect(h.emulator.refused).toHaveLength(expected.attempts);
    const last = h.emulator.refused.at(-1);
    // The RequestId and the reply are the service's own, from the last attempt.
    expect(error.requestId).toBe(last?.verdict.requestId);
    expect(error.response).toBe(last?.reply);
    if (expected.attempts > 1) {
      // Each wait honours the catalog's retryAfterMs (1 s for the rate limit, 5 s for InternalError).
      expect(Math.min(...h.events.retrying.map((event) => event.delayMs))).toBe(error.retryAfterMs);
    }
    expect(h.emulator.messages).toHaveLength(0);
  });

  it('retries a rate-limit refusal after the second the catalog asks for, then succeeds (R7, R24)', async () => {
    const clock = recordingClock();
    const h = await setup({ clock, rateLimit: false });
    h.emulator.faults.add({ type: 'provider-error', code: 'RequestLimitExceeded.SmtpRateLimit' });
    const outcome = await h.client.send(message());
    expect(outcome.attempts).toBe(2);
    expect(clock.requested).toEqual([1000]);
    expect(h.emulator.refused).toHaveLength(1);
    expect(h.emulator.messages).toHaveLength(1);
  });

  it('does not retry a wrong password: one attempt, AUTH (R21)', async () => {
    const h = await setup({ auth: { user: 'noreply@mail.example.com', pass: 'wrong-password' } });
    const error = await rejection(h.client.send(message()));
    expect(error).toMatchObject({ code: 'AUTH', category: 'auth', retryable: false, responseCode: 535 });
    expect(h.events.sending).toHaveLength(1);
    expect(h.events.retrying).toHaveLength(0);
    expect(h.emulator.stats.authFailures).toBe(1);
    expect(seen(h).stored).toBe(0);
    expect(JSON.stringify(error.toJSON())).not.toContain('wrong-password');
    expect(JSON.stringify(h.logs)).not.toContain('wrong-password');
  });

  it.each([
    ['421 Too busy (by code)', { type: 'reply', stage: 'data', code: 421 } as const, 5000],
    [
      '421 Internal server error',
      { type: 'reply', stage: 'data', reply: '421 4.0.0 Internal server error' } as const,
      1000,
    ],
    ['421 to MAIL FROM', { type: 'reply', stage: 'mail', code: 421 } as const, 5000],
    ['421 instead of the greeting', { type: 'reject-connection' } as const, 5000],
  ])('retries %s and succeeds (R21)', async (_name, fault, waitMs) => {
    const clock = recordingClock();
    const h = await setup({ clock, rateLimit: false });
    h.emulator.faults.add(fault);
    const outcome = await h.client.send(message());
    expect(outcome.attempts).toBe(2);
    expect(h.events.retrying[0]?.error).toMatchObject({ code: 'CONNECTION', retryable: true, responseCode: 421 });
    // The client waits what the catalog advises for that reply; the recording clock only pretends to.
    expect(h.events.retrying[0]?.delayMs).toBe(waitMs);
    expect(h.emulator.messages).toHaveLength(1);
    expect(h.emulator.stats.faultsApplied).toBe(1);
  });

  it('gives OUTCOME_UNKNOWN after one attempt when the connection drops after DATA (R19)', async () => {
    const h = await setup();
    h.emulator.faults.add({ type: 'drop-after-data' });
    const error = await rejection(h.client.send(message()));
    expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN', rule: 'R19', retryable: false });
    expect(h.events.sending).toHaveLength(1);
    expect(h.events.retrying).toHaveLength(0);
    // The emulator's view, the service's worst case: it judged and kept the message, then broke the connection
    // before replying (reply null). The real service may equally have accepted it, so a blind retry could
    // deliver it twice; the caller decides (GetSendEmailStatus, R15).
    const failedId = h.events.failed[0]?.messageId ?? '';
    const stored = storedById(h, failedId);
    expect(stored).toMatchObject({ status: 'accepted', reply: null });
    // The pool recovers: the next send goes out on a new connection, and nothing was sent twice.
    expect((await h.client.send(message())).attempts).toBe(1);
    expect(h.emulator.messages).toHaveLength(2);
    expect(new Set(h.emulator.messages.map((each) => each.parsed.messageId)).size).toBe(2);
  });

  it('retryUnknownOutcome opts into the duplicate: the same message reaches the service twice', async () => {
    const h = await setup({ retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5, retryUnknownOutcome: true } });
    h.emulator.faults.add({ type: 'drop-after-data' });
    const outcome = await h.client.send(message());
    expect(outcome.attempts).toBe(2);
    expect(h.emulator.messages.map((each) => each.parsed.messageId)).toEqual([outcome.messageId, outcome.messageId]);
  });

  it('retries a connection dropped before DATA: nothing was accepted, so the retry is safe', async () => {
    const clock = recordingClock();
    const h = await setup({ clock, rateLimit: false });
    h.emulator.faults.add({ type: 'drop-before-data' });
    const outcome = await h.client.send(message());
    expect(outcome.attempts).toBe(2);
    expect(h.events.retrying[0]?.error).toMatchObject({ code: 'CONNECTION', retryable: true });
    expect(h.emulator.messages).toHaveLength(1);
  });

  it('refuses a server it does not trust with CONNECTION, never falling back to unverified TLS (R3)', async () => {
    const h = await setup();
    const other = await generateTlsMaterial();
    const base: MailClientOptions = { ...h.clientOptions, clock: recordingClock() };
    const { ca: _ca, ...noCa } = base;
    for (const options of [noCa, { ...base, ca: other.ca }]) {
      const untrusted = createMailClient(options);
      const sendError = await rejection(untrusted.send(message()));
      expect(sendError).toMatchObject({ code: 'CONNECTION', category: 'connection', retryable: false, rule: 'R3' });
      expect(sendError.message).toMatch(/TLS/);
      expect((await rejection(untrusted.verify())).code).toBe('CONNECTION');
      await untrusted.close();
    }
    // A fallback would have completed a handshake: the emulator counts sessions only after one.
    expect(seen(h)).toEqual({ connections: 0, stored: 0, rateLimited: 0 });
    expect(h.emulator.stats.authFailures).toBe(0);
    expect(h.events.retrying).toHaveLength(0);
  });

  it('verify() authenticates, and maps a wrong password to AUTH', async () => {
    const h = await setup();
    expect(await h.client.verify()).toBe(true);
    const bad = createMailClient({ ...h.clientOptions, auth: { user: h.clientOptions.auth.user, pass: 'nope' } });
    expect((await rejection(bad.verify())).code).toBe('AUTH');
    await bad.close();
    expect(h.emulator.stats.authFailures).toBe(1);
    expect(JSON.stringify(h.logs)).not.toContain(PASS);
  });
});
