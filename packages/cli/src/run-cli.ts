import { isQcloudMailError, toQcloudMailError } from '@qcloudmail/core';
import { CliUsageError } from './args.js';
import { runEmulator } from './commands/emulator.js';
import { runExplain } from './commands/explain.js';
import { runLint } from './commands/lint.js';
import { runSend } from './commands/send.js';
import { type CliExitCode, EXIT_CODES } from './exit-codes.js';
import { COMMANDS, type CliCommand, helpText, usageLine } from './help.js';
import { CliInputError, type CliIo } from './io.js';
import { createStyle } from './style.js';

const RUNNERS: Record<CliCommand, (args: readonly string[], io: CliIo) => Promise<CliExitCode>> = {
  lint: runLint,
  explain: runExplain,
  send: runSend,
  emulator: runEmulator,
};

function isCommand(name: string): name is CliCommand {
  return (COMMANDS as readonly string[]).includes(name);
}

function report(error: unknown, io: CliIo): CliExitCode {
  const style = createStyle(io.stderr, io.env);
  if (error instanceof CliUsageError) {
    const prefix = error.cliCommand === 'qcloudmail' ? 'qcloudmail' : `qcloudmail ${error.cliCommand}`;
    io.stderr.write(
      `${style.red(`${prefix}: ${error.message}`)}\n${usageLine(error.cliCommand as CliCommand | 'qcloudmail')}\n`,
    );
    return EXIT_CODES.USAGE;
  }
  if (error instanceof CliInputError) {
    io.stderr.write(`${style.red(`qcloudmail: ${error.message}`)}\n`);
    return EXIT_CODES.USAGE;
  }
  // Anything else is unexpected: say what it was, in one line, without a stack trace users cannot act on.
  const failure = isQcloudMailError(error) ? error : toQcloudMailError(error);
  io.stderr.write(`${style.red(`qcloudmail: ${failure.code}: ${failure.message}`)}\n`);
  return failure.code === 'CONFIGURATION' ? EXIT_CODES.USAGE : EXIT_CODES.FAILED;
}

/**
 * Runs the `qcloudmail` command with `argv` (the arguments after the command name) and resolves with its exit
 * status; never throws and never exits the process, so that tests can call it with their own streams.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<CliExitCode> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined) {
      io.stderr.write(`qcloudmail: missing command\n${helpText('qcloudmail')}\n`);
      return EXIT_CODES.USAGE;
    }
    if (first === '-h' || first === '--help' || first === 'help') {
      const topic = rest[0];
      io.stdout.write(`${helpText(topic !== undefined && isCommand(topic) ? topic : 'qcloudmail')}\n`);
      return EXIT_CODES.OK;
    }
    if (first === '-v' || first === '--version') {
      io.stdout.write(`${io.version ?? 'unknown'}\n`);
      return EXIT_CODES.OK;
    }
    if (!isCommand(first)) {
      throw new CliUsageError(
        'qcloudmail',
        first.startsWith('-') ? `unknown option ${first}` : `unknown command ${first}`,
      );
    }
    return await RUNNERS[first](rest, io);
  } catch (error) {
    return report(error, io);
  }
}
