import { randomBytes } from 'node:crypto';
import type { MailClientOptions } from '@qcloudmail/core';
import { startEventsExpressApp, EVENTS_PATH } from './events-express-app.js';
import { startEventsNestApp } from './events-nest-app.js';
import { postJson, type RunningApp } from './http-app.js';
import type { Printer } from './print.js';
import { sampleMessageJson } from './sample-message.js';
import { createSuppressionRecorder, type SuppressionRecorder } from './suppression-recorder.js';
import type { DemoTarget } from './target.js';

/** How one application's round trip went: a bounce in, the address suppressed, the next send refused offline. */
export interface RoundTripResult {
  app: string;
  ok: boolean;
  detail: string;
}

type StartApp = (client: MailClientOptions, recorder: SuppressionRecorder, secret: string) => Promise<RunningApp>;

const APPS: ReadonlyArray<readonly [string, StartApp]> = [
  ['Express', startEventsExpressApp],
  ['NestJS', startEventsNestApp],
];

// How long the event may take to travel from the emulator through the route into the list.
const EVENT_WAIT_MS = 10_000;

async function roundTrip(
  printer: Printer,
  target: DemoTarget,
  name: string,
  app: RunningApp,
  recorder: SuppressionRecorder,
): Promise<RoundTripResult> {
  const emulator = target.emulator;
  if (emulator === undefined) return { app: name, ok: false, detail: 'no emulator' };
  const address = `bounce+hard+${name.toLowerCase()}@example.org`;
  const message = sampleMessageJson(target.from, address, name);
  printer.line(`fetch POST ${app.url}/send  (to ${address}: the emulator bounces it)`);
  const first = await postJson(`${app.url}/send`, message);
  const sent = first.body as { messageId?: string };
  if (first.status !== 202 || sent.messageId === undefined) {
    return { app: name, ok: false, detail: `the first send answered ${first.status}` };
  }
  printer.rows([
    ['status', `${first.status} Accepted (R15: accepted, not delivered)`],
    ['messageId', sent.messageId],
  ]);
  const entry = await recorder.waitForEntry(address, EVENT_WAIT_MS);
  const event = recorder.events.find((candidate) => candidate.recipient === address && candidate.kind === 'bounce');
  if (entry === undefined || event === undefined) {
    return { app: name, ok: false, detail: `no bounce reached ${app.url}/${EVENTS_PATH} within ${EVENT_WAIT_MS} ms` };
  }
  printer.line(`the emulator posted to ${app.url}/${EVENTS_PATH}?token=… (R26):`);
  printer.rows([
    ['  event', `${event.event} (${event.bounceType ?? '-'}), ${event.reason ?? '-'}`],
    ['  messageId', event.messageId === sent.messageId ? `${event.messageId} (the send's)` : event.messageId],
    ['  suppressed', `${entry.address}: ${entry.reason} since ${entry.since.toISOString()} (R30)`],
  ]);
  const stored = emulator.history.length;
  printer.line(`fetch POST ${app.url}/send  (the same address again)`);
  const second = await postJson(`${app.url}/send`, message);
  const refusal = (second.body as { error?: { code?: string; message?: string } }).error;
  const offline = emulator.history.length === stored;
  printer.rows([
    ['status', second.status],
    ['error', refusal === undefined ? second.body : `${refusal.code}: ${refusal.message}`],
    ['network', offline ? 'nothing was sent: the emulator received no new message' : 'the emulator received it'],
  ]);
  const ok = second.status === 422 && refusal?.code === 'SUPPRESSED' && offline;
  return {
    app: name,
    ok,
    detail: ok ? `bounce → suppressed → next send ${refusal.code} before the network` : `HTTP ${second.status}`,
  };
}

/**
 * The life after the 250 (docs/delivery-events.md): for the Express and then the NestJS application, the emulator
 * posts a hard bounce to the application's callback route, which feeds its suppression list; the next send to that
 * address is refused before the network. Emulator only: the real service bounces nothing on request.
 */
export async function runBounceRoundTrip(printer: Printer, target: DemoTarget): Promise<RoundTripResult[]> {
  const emulator = target.emulator;
  if (emulator === undefined) {
    printer.note('real service: skipped (the emulator bounces on request; the service only bounces real failures)');
    return [];
  }
  // What the console's callback URL would carry as ?token= (R26: the provider signs nothing).
  const secret = randomBytes(24).toString('base64url');
  const results: RoundTripResult[] = [];
  for (const [name, start] of APPS) {
    const recorder = createSuppressionRecorder();
    const app = await start(target.client, recorder, secret);
    try {
      printer.line(`${name}: callback route ${app.url}/${EVENTS_PATH}, suppression list in memory`);
      emulator.setCallbacks({ url: `${app.url}/${EVENTS_PATH}`, secret, delayMs: 0 });
      results.push(await roundTrip(printer, target, name, app, recorder));
    } finally {
      emulator.setCallbacks(undefined);
      await app.close();
    }
  }
  return results;
}
