import { type CliExitCode, EXIT_CODES } from '../exit-codes.js';
import { helpText } from '../help.js';
import type { CliIo } from '../io.js';

/** `qcloudmail emulator`: the emulator package's own command, with this command's streams and stop signal. */
export async function runEmulator(args: readonly string[], io: CliIo): Promise<CliExitCode> {
  // This help lists the emulator's options itself, so the emulator's own (which names its other command) is not added.
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout.write(`${helpText('emulator')}\n`);
    return EXIT_CODES.OK;
  }
  // Loaded on demand: the SMTP server, TLS generation and mail parser are only needed by this command.
  const { runEmulatorCli } = await import('@qcloudmail/emulator');
  const code = await runEmulatorCli(args, {
    stdout: (text) => io.stdout.write(text),
    stderr: (text) => io.stderr.write(text),
    ...(io.signal === undefined ? {} : { signal: io.signal }),
  });
  if (code === EXIT_CODES.OK || code === EXIT_CODES.FAILED || code === EXIT_CODES.USAGE) return code;
  return EXIT_CODES.FAILED;
}
