import type { QcloudMailError } from '@qcloudmail/core';
import { type AdapterResult, sendThroughApp, sendThroughNodemailer } from './adapter-sends.js';
import { runBounceRoundTrip, type RoundTripResult } from './bounce-round-trip.js';
import { DEMO_TOKEN } from './demo-token.js';
import { startEmulatorTarget } from './emulator-target.js';
import { showProviderError, showValidationError } from './errors-demo.js';
import { startExpressApp } from './express-app.js';
import type { RunningApp } from './http-app.js';
import { startNestApp } from './nest-app.js';
import { createPrinter, type DemoOutput } from './print.js';
import { serviceTarget, wantsRealService } from './service-target.js';
import type { DemoTarget } from './target.js';

/** Options of one run of the demo. */
export interface DemoOptions {
  output: DemoOutput;
  /** The environment: `QCLOUDMAIL_USER`/`_PASS`/`_REGION`/`_TO` switch to the real service. */
  env: Readonly<Record<string, string | undefined>>;
  /** True when the caller keeps everything running afterwards (`--serve`); else the URLs say they will close. */
  serve?: boolean;
}

/** What a run did; the applications and the emulator keep running until `close()`. */
export interface DemoRun {
  target: DemoTarget;
  express: RunningApp;
  nest: RunningApp;
  results: AdapterResult[];
  validationError: QcloudMailError | undefined;
  providerError: QcloudMailError | undefined;
  /** The bounce round trip through each app's callback route (emulator only; empty on the real service). */
  roundTrips: RoundTripResult[];
  /** True when every adapter sent and both errors came out as expected (the provider error only on the emulator). */
  ok: boolean;
  close(): Promise<void>;
}

/**
 * Runs the demo: starts the target (the emulator, or the real service from the environment), an Express and a
 * NestJS application, sends the same message through each adapter, then shows a validation and a provider error.
 */
export async function runDemo(options: DemoOptions): Promise<DemoRun> {
  const printer = createPrinter(options.output);
  const target = wantsRealService(options.env) ? serviceTarget(options.env) : await startEmulatorTarget();
  const express = await startExpressApp(target.client);
  const nest = await startNestApp(target.client);
  const close = async (): Promise<void> => {
    await Promise.allSettled([express.close(), nest.close()]);
    await target.close();
  };
  try {
    printer.section('qcloudmail demo');
    printer.rows(target.describe);
    printer.rows([
      ['Express app', `POST ${express.url}/send`],
      ['Nest app', `POST ${nest.url}/send`],
      ['bearer token', `${DEMO_TOKEN} (random per run; both send routes ask for it)`],
    ]);
    if (target.emulator?.httpUrl !== undefined && options.serve !== true)
      printer.note('the inbox and the apps close when the demo exits: pnpm demo --serve keeps them running');
    if (target.kind === 'service')
      printer.note('real service: the emulator-only parts (its view, fault injection) are skipped');

    const results: AdapterResult[] = [];
    printer.section('1. NestJS: QcloudMailModule.forRoot + createSendController behind a guard');
    results.push(await sendThroughApp(printer, target, 'NestJS', nest));
    printer.section('2. Express: qcloudMail() middleware + createSendRoute with authorize');
    results.push(await sendThroughApp(printer, target, 'Express', express));
    printer.section('3. nodemailer: a plain script with qcloudmailTransport');
    results.push(await sendThroughNodemailer(printer, target));

    printer.section('4. A validation error (refused before sending)');
    const validationError = await showValidationError(printer, target);
    printer.section('5. A provider error (the service refuses after DATA)');
    const providerError = await showProviderError(printer, target);
    printer.section('6. After the 250: a bounce, the callback route, the suppression list (docs/delivery-events.md)');
    const roundTrips = await runBounceRoundTrip(printer, target);

    const ok =
      results.every((result) => result.ok) &&
      validationError?.code === 'VALIDATION' &&
      (target.kind === 'service' || providerError?.code === 'RATE_LIMIT') &&
      (target.kind === 'service' || (roundTrips.length === 2 && roundTrips.every((trip) => trip.ok)));
    printer.section('Summary');
    for (const result of results) {
      printer.row(
        result.adapter,
        result.ok ? `sent ${result.messageId} to ${result.accepted?.join(', ')}` : `FAILED ${result.detail}`,
      );
    }
    printer.row(
      'validation',
      validationError === undefined
        ? 'not raised'
        : `${validationError.code} ${validationError.issues.map((issue) => `${issue.code} (${issue.rule})`).join(', ')}`,
    );
    printer.row(
      'provider',
      providerError === undefined
        ? 'skipped'
        : `${providerError.code} ${providerError.providerCode ?? ''} (${providerError.rule ?? '-'})`,
    );
    for (const trip of roundTrips) printer.row(`${trip.app} events`, trip.detail);
    printer.row('result', ok ? 'ok' : 'something did not go as expected (see above)');
    return { target, express, nest, results, validationError, providerError, roundTrips, ok, close };
  } catch (error) {
    await close();
    throw error;
  }
}
