import { buildMime, type MailClientOptions, type MailMessageInput } from '@qcloudmail/core';
import type { StoredMessage } from '@qcloudmail/emulator';
import { clientOptions, type Emulator, startTestEmulator, USER } from '@qcloudmail/test-helpers';
import { afterAll, beforeAll, beforeEach, describe, expect } from 'vitest';
import type { Sender, SenderFactory, SenderFailure } from './senders.js';

/** The sender every conformance test logs in as and sends from (R4): the test emulator's own. */
export { USER };

/** Everything a sender's tests need: its emulator and a sender logged in correctly, with retries off. */
export interface SenderContext {
  emulator: Emulator;
  sender: Sender;
  /** Client options for the emulator, for a second sender (a wrong password, say). */
  clientOptions(overrides?: Partial<MailClientOptions>): MailClientOptions;
}

let recipients = 0;

/**
 * The message every sender sends: Chinese subject, text and HTML, an attachment with a Chinese name, fixed id
 * and date. Each call has a recipient of its own, so no sender's client meets its 10-an-hour limit (R6).
 */
export function conformanceMessage(extra: Partial<MailMessageInput> = {}): MailMessageInput {
  recipients += 1;
  return {
    from: { name: '示例商店', address: USER },
    to: `customer-${recipients}@example.org`,
    replyTo: 'support@mail.example.com',
    subject: '您的订单已发货 (order 42)',
    text: '您好！\n\n您的订单已发货。\n',
    html: '<p>您好！</p><p>您的订单<b>已发货</b>。</p>',
    attachments: [{ filename: '发票.pdf', content: Buffer.from('%PDF-1.4\n% demo\n'), contentType: 'application/pdf' }],
    headers: { 'X-Order-Id': '42' },
    messageId: '<order-42-shipped@mail.example.com>',
    date: new Date('2026-01-02T03:04:05Z'),
    ...extra,
  };
}

/** The bytes with every multipart boundary replaced by its order of appearance: boundaries may be random. */
export function normalizeBoundaries(raw: Buffer | string): string {
  const seen = new Map<string, string>();
  return raw.toString().replace(/=_qcm_[0-9a-f]{22}/g, (boundary) => {
    if (!seen.has(boundary)) seen.set(boundary, `BOUNDARY-${seen.size + 1}`);
    return seen.get(boundary) as string;
  });
}

/** What core's own builder makes of `message`: the reference every sender's wire bytes are held to. */
export function referenceBytes(message: MailMessageInput): string {
  return normalizeBoundaries(buildMime(message).raw);
}

/** The failure a send must have ended with; a success fails the test. */
export function expectFailure(attempt: Awaited<ReturnType<Sender['send']>>): SenderFailure {
  if (attempt.ok) throw new Error(`expected a failure, the message was sent as ${attempt.messageId}`);
  return attempt.failure;
}

/** Compares a failure with the expected one; `rule` only where the sender can show it (not over HTTP). */
export function expectSameFailure(sender: Sender, actual: SenderFailure, expected: SenderFailure): void {
  expect({ ...actual, rule: sender.exposesRule ? actual.rule : expected.rule }).toEqual(expected);
}

/** The last message the emulator stored (accepted or refused). */
export function lastStored(emulator: Emulator): StoredMessage | undefined {
  return emulator.history.at(-1);
}

/**
 * Runs `tests` for one way to send, against an emulator of its own (its own rate-limit windows), in the
 * manner of unstorage's driver tests: every way to send gets the same suite.
 */
export function describeSender(name: string, factory: SenderFactory, tests: (context: () => SenderContext) => void) {
  describe(name, () => {
    let context: SenderContext | undefined;
    beforeAll(async () => {
      // One CA for every emulator of the file; retries off, so each test sees the first reply (a retry would turn
      // an injected fault into a success).
      const emulator = await startTestEmulator();
      const options = (overrides: Partial<MailClientOptions> = {}) => clientOptions(emulator, overrides);
      context = { emulator, sender: await factory(options()), clientOptions: options };
    });
    beforeEach(() => {
      // Fresh windows and no leftover fault per test; stored messages are looked up by position.
      context?.emulator.reset();
    });
    afterAll(async () => {
      await context?.sender.close();
      await context?.emulator.close();
    });
    tests(() => {
      if (context === undefined) throw new Error('the sender did not start');
      return context;
    });
  });
}
