import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isQcloudMailError } from '@qcloudmail/core';
import { DEMO_TOKEN } from './demo-token.js';
import type { DemoRun } from './run-demo.js';
import { createPrinter, outputTo } from './print.js';
import { runDemo } from './run-demo.js';

/** Waits for Ctrl-C (SIGINT) or SIGTERM. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** Prints where everything listens (the emulator's CA in a temporary file) and waits for Ctrl-C. */
async function serveUntilSignal(run: DemoRun, printer: ReturnType<typeof createPrinter>): Promise<void> {
  const emulator = run.target.emulator;
  const dir = emulator === undefined ? undefined : await mkdtemp(join(tmpdir(), 'qcloudmail-demo-'));
  const caFile = dir === undefined ? undefined : join(dir, 'emulator-ca.pem');
  if (caFile !== undefined && emulator !== undefined) await writeFile(caFile, emulator.ca);
  printer.section('Serving (Ctrl-C to stop)');
  printer.rows([
    ['SMTP', emulator === undefined ? 'the real service' : emulator.smtpUrl],
    ['CA file', caFile ?? '-'],
    ['inbox', emulator?.httpUrl === undefined ? '-' : `${emulator.httpUrl}/`],
    ['Express', `POST ${run.express.url}/send`],
    ['NestJS', `POST ${run.nest.url}/send`],
  ]);
  printer.line(`try: curl -X POST ${run.express.url}/send -H 'content-type: application/json' \\`);
  printer.line(`       -H 'authorization: Bearer ${DEMO_TOKEN}' \\`);
  printer.line(`       -d '{"from":"${run.target.from}","to":"you@example.org","subject":"你好","text":"Hello"}'`);
  await untilSignal();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
}

const USAGE = `Usage: pnpm demo [--serve]

Sends one message through NestJS, Express and nodemailer to the local emulator, then shows a validation
error and a provider error. --serve keeps everything running until Ctrl-C.
Set QCLOUDMAIL_USER, QCLOUDMAIL_PASS, QCLOUDMAIL_REGION and QCLOUDMAIL_TO to send to the real service.
`;

/** `pnpm demo [--serve]`: runs the demo once and exits (0 when all went as expected), or keeps serving. */
export async function main(argv: readonly string[]): Promise<number> {
  const unknown = argv.filter((arg) => arg !== '--serve' && arg !== '--help' && arg !== '-h');
  if (argv.includes('--help') || argv.includes('-h') || unknown.length > 0) {
    if (unknown.length > 0) process.stderr.write(`Unknown argument: ${unknown.join(' ')}\n\n`);
    (unknown.length > 0 ? process.stderr : process.stdout).write(USAGE);
    return unknown.length > 0 ? 2 : 0;
  }
  const output = outputTo(process.stdout);
  const printer = createPrinter(output);
  const serve = argv.includes('--serve');
  try {
    const run = await runDemo({ output, env: process.env, serve });
    if (serve) await serveUntilSignal(run, printer);
    await run.close();
    return run.ok ? 0 : 1;
  } catch (error) {
    printer.section('The demo failed');
    printer.row('error', isQcloudMailError(error) ? `${error.code}: ${error.message}` : String(error));
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
