import { runEmulatorCli } from './cli.js';

// The exit code is set rather than process.exit() called, so that pending output is flushed first.
runEmulatorCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`qcloudmail-emulator: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
