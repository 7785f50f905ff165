import { createMailClient, isQcloudMailError, type MailMessageInput, type QcloudMailError } from '@qcloudmail/core';
import { verdictSummary } from './emulator-view.js';
import { printMailError } from './error-view.js';
import type { Printer } from './print.js';
import { sampleMessage } from './sample-message.js';
import type { DemoTarget } from './target.js';

/** The provider code of the demo's provider error: the service's own rate limit (R7). */
export const RATE_LIMIT_CODE = 'RequestLimitExceeded.SmtpRateLimit';

async function sendExpectingError(target: DemoTarget, message: MailMessageInput) {
  // Retries off: the demo wants to show the first reply, not the backoff that would follow it (R24).
  const client = createMailClient({ ...target.client, retry: false });
  try {
    const outcome = await client.send(message);
    return { error: undefined, messageId: outcome.messageId };
  } catch (error) {
    if (!isQcloudMailError(error)) throw error;
    return { error, messageId: undefined };
  } finally {
    await client.close();
  }
}

/**
 * A message with a Cc under the default `single` recipient policy: refused before any connection is opened
 * (R9, R19). Returns the error, or undefined if (against every rule) it was sent.
 */
export async function showValidationError(printer: Printer, target: DemoTarget): Promise<QcloudMailError | undefined> {
  printer.line('core client, { ...message, cc: "manager@example.org" } with the default recipient policy:');
  const before = target.emulator?.history.length;
  const { error } = await sendExpectingError(target, {
    ...sampleMessage(target.from, target.recipient('validation'), 'validation'),
    cc: 'manager@example.org',
  });
  if (error === undefined) {
    printer.note('unexpected: the message was sent');
    return undefined;
  }
  printMailError(printer, error);
  if (target.emulator !== undefined) {
    const uploaded = target.emulator.history.length - (before ?? 0);
    printer.row('emulator', `${uploaded} message(s) received: refused locally, nothing was uploaded (R19)`);
  }
  return error;
}

/**
 * The service's rate limit (R7), injected into the emulator as its next reply (the real 20/s would take
 * 21 sends with the client's own limiter off). Only for the emulator: the real service cannot be told to fail.
 */
export async function showProviderError(printer: Printer, target: DemoTarget): Promise<QcloudMailError | undefined> {
  const { emulator } = target;
  if (emulator === undefined) {
    printer.note('skipped: fault injection needs the emulator; the real service cannot be told to refuse');
    return undefined;
  }
  printer.line(`emulator.faults.add({ type: 'provider-error', code: '${RATE_LIMIT_CODE}' }), client retry off:`);
  emulator.faults.add({ type: 'provider-error', code: RATE_LIMIT_CODE });
  const { error } = await sendExpectingError(
    target,
    sampleMessage(target.from, target.recipient('rate-limit'), 'rate limit'),
  );
  if (error === undefined) {
    printer.note('unexpected: the message was sent');
    return undefined;
  }
  printMailError(printer, error);
  const refused = emulator.refused.at(-1);
  if (refused !== undefined) printer.row('emulator', verdictSummary(refused));
  return error;
}
