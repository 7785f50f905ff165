import {
  buildMimeFromMessage,
  createMailClient,
  isQcloudMailError,
  type QcloudMailError,
  toQcloudMailError,
  validateMessage,
} from '@qcloudmail/core';
import { DEFAULT_RETRY } from '@qcloudmail/core/internal';
import { CliUsageError, parseCommandArgs } from '../args.js';
import { type CliExitCode, EXIT_CODES } from '../exit-codes.js';
import { helpText } from '../help.js';
import { type CliIo, CliInputError } from '../io.js';
import { readCredentials, resolveSendTarget } from '../send/client-target.js';
import { formatDryRun, formatIssues, formatSendError, formatSent } from '../send/format-send.js';
import { checkMessageFlags, readMessageInput } from '../send/message-input.js';
import { createStyle } from '../style.js';

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string', multiple: true },
  subject: { type: 'string' },
  text: { type: 'string' },
  'text-file': { type: 'string' },
  html: { type: 'string' },
  attach: { type: 'string', multiple: true },
  'reply-to': { type: 'string' },
  region: { type: 'string' },
  emulator: { type: 'boolean' },
  'emulator-url': { type: 'string' },
  ca: { type: 'string' },
  attempts: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function readAttempts(value: string | undefined): number {
  if (value === undefined) return DEFAULT_RETRY.attempts;
  const attempts = Number(value);
  if (!/^\d+$/.test(value) || attempts < 1 || attempts > 10)
    throw new CliUsageError('send', '--attempts expects a whole number from 1 to 10');
  return attempts;
}

function exitCodeOf(error: QcloudMailError): CliExitCode {
  if (error instanceof CliUsageError || error instanceof CliInputError || error.code === 'CONFIGURATION')
    return EXIT_CODES.USAGE;
  return error.retryable ? EXIT_CODES.TEMPORARY : EXIT_CODES.FAILED;
}

/** `qcloudmail send`: 0 accepted, 1 invalid or refused, 2 wrong usage, 75 temporary failure (send again later). */
export async function runSend(args: readonly string[], io: CliIo): Promise<CliExitCode> {
  const { values } = parseCommandArgs('send', args, OPTIONS, false);
  if (values.help) {
    io.stdout.write(`${helpText('send')}\n`);
    return EXIT_CODES.OK;
  }
  const out = createStyle(io.stdout, io.env);
  const err = createStyle(io.stderr, io.env);
  const dryRun = values['dry-run'] === true;
  const attempts = readAttempts(values.attempts);
  // Usage is checked in full before anything is read or sent, so a typo never half-runs.
  checkMessageFlags(values);
  const target = dryRun ? undefined : await resolveSendTarget(values, io);
  const auth = dryRun ? undefined : readCredentials(io);
  const input = await readMessageInput(values, io);

  if (target === undefined || auth === undefined) {
    // A dry run validates here, once; a send leaves validation to the client, which refuses before connecting.
    const checked = validateMessage(input);
    if (!checked.ok) {
      if (values.json)
        io.stdout.write(
          `${JSON.stringify({ ok: false, error: { code: 'VALIDATION', issues: checked.issues } }, null, 2)}\n`,
        );
      else io.stderr.write(formatIssues(checked.issues, err));
      return EXIT_CODES.FAILED;
    }
    const built = buildMimeFromMessage(checked.message);
    if (values.json) {
      const { raw, ...rest } = built;
      io.stdout.write(`${JSON.stringify({ ok: true, dryRun: true, ...rest, mime: raw.toString('utf8') }, null, 2)}\n`);
    } else {
      io.stdout.write(built.raw);
      io.stderr.write(formatDryRun(built, err));
    }
    return EXIT_CODES.OK;
  }

  const client = createMailClient({ ...target.options, auth, retry: { attempts } });
  try {
    const outcome = await client.send(input, io.signal === undefined ? {} : { signal: io.signal });
    if (values.json) io.stdout.write(`${JSON.stringify({ ok: true, target: target.label, ...outcome }, null, 2)}\n`);
    else io.stdout.write(formatSent(outcome, target.label, out));
    return EXIT_CODES.OK;
  } catch (thrown) {
    const error = isQcloudMailError(thrown) ? thrown : toQcloudMailError(thrown);
    if (values.json) io.stdout.write(`${JSON.stringify({ ok: false, error }, null, 2)}\n`);
    else io.stderr.write(formatSendError(error, err));
    return exitCodeOf(error);
  } finally {
    await client.close({ timeoutMs: 5_000 });
  }
}
