import { readFileSync } from 'node:fs';
import { processIo } from './io.js';
import { runCli } from './run-cli.js';

function packageVersion(): string | undefined {
  try {
    // src/bin.ts and dist/bin.js both sit one level below the package root.
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return manifest.version;
  } catch {
    return undefined;
  }
}

// Ctrl-C stops a running send or the emulator through the signal, so that connections close and output flushes.
const stop = new AbortController();
const onSignal = (): void => stop.abort();
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);

runCli(process.argv.slice(2), { ...processIo(), version: packageVersion(), signal: stop.signal }).then((code) => {
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  // The exit code is set rather than process.exit() called, so that pending output is flushed first.
  process.exitCode = code;
});
