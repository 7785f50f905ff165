import { findStored, printStored } from './emulator-view.js';
import { postJson, type RunningApp } from './http-app.js';
import { sendWithNodemailer } from './nodemailer-send.js';
import type { Printer } from './print.js';
import { sampleMessage, sampleMessageJson } from './sample-message.js';
import type { DemoTarget } from './target.js';

/** What one adapter's send gave: the Message-ID and the accepted recipients, or the failure's text. */
export interface AdapterResult {
  adapter: string;
  ok: boolean;
  messageId?: string;
  accepted?: string[];
  detail?: string;
}

async function showReceived(printer: Printer, target: DemoTarget, messageId: string): Promise<void> {
  if (target.emulator === undefined) {
    printer.note('the real service answers 250 and nothing more: delivery is read through its API (R15, R21)');
    return;
  }
  printStored(printer, await findStored(target.emulator, messageId));
}

/**
 * Sends the sample message through an application's `POST /send` route over real HTTP, with the demo's bearer
 * token, and prints the result.
 */
export async function sendThroughApp(
  printer: Printer,
  target: DemoTarget,
  adapter: string,
  app: RunningApp,
): Promise<AdapterResult> {
  const url = `${app.url}/send`;
  printer.line(`fetch POST ${url}`);
  const { status, body } = await postJson(url, sampleMessageJson(target.from, target.recipient(adapter), adapter));
  const reply = body as { messageId?: string; accepted?: string[]; response?: string; error?: { code?: string } };
  if (status !== 202 || reply.messageId === undefined) {
    printer.rows([
      ['status', status],
      ['answer', body],
    ]);
    return { adapter, ok: false, detail: `HTTP ${status} ${JSON.stringify(body)}` };
  }
  printer.rows([
    ['status', `${status} Accepted`],
    ['messageId', reply.messageId],
    ['accepted', reply.accepted],
    ['response', reply.response],
  ]);
  await showReceived(printer, target, reply.messageId);
  return { adapter, ok: true, messageId: reply.messageId, accepted: reply.accepted ?? [] };
}

/** Sends the sample message with a plain nodemailer script over `qcloudmailTransport` and prints the result. */
export async function sendThroughNodemailer(printer: Printer, target: DemoTarget): Promise<AdapterResult> {
  const adapter = 'nodemailer';
  printer.line('nodemailer.createTransport(qcloudmailTransport(options)).sendMail(message)');
  const info = await sendWithNodemailer(target.client, sampleMessage(target.from, target.recipient(adapter), adapter));
  printer.rows([
    ['messageId', info.messageId],
    ['accepted', info.accepted],
    ['response', info.response],
    ['attempts', info.attempts],
  ]);
  await showReceived(printer, target, info.messageId);
  return { adapter, ok: true, messageId: info.messageId, accepted: info.accepted };
}
