// The emulator's command in a child process, as the service would be: its parsing must not share the bench's
// event loop, and started with the source condition it runs today's core rather than whatever `dist` holds.
// Shared by the benches that send through the client (client, memory, telemetry).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const USER = 'bench@mail.example.com';
export const PASS = 'bench-secret';

/** An emulator in a child process. */
export interface EmulatorProcess {
  host: string;
  port: number;
  ca: string;
  /** The HTTP API's address, unless `--no-http` was given. */
  http: URL | undefined;
  stop(): Promise<void>;
}

/**
 * Starts the emulator on free ports with the bench's sender and a CA of its own, `args` added to its command
 * line, and reads its addresses from what it prints.
 */
export async function startEmulatorProcess(args: readonly string[]): Promise<EmulatorProcess> {
  const bin = fileURLToPath(new URL('../../emulator/src/bin.ts', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'qcloudmail-bench-'));
  const caFile = join(dir, 'ca.pem');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--conditions=@qcloudmail/source',
      '--import',
      'tsx',
      bin,
      ...['--port', '0', '--user', `${USER}:${PASS}`, '--ca-file', caFile, ...args],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const urls = await new Promise<{ smtp: URL; http: URL | undefined }>((resolve, reject) => {
    let smtp: URL | undefined;
    let http: URL | undefined;
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      if (line.startsWith('SMTP: ')) smtp = new URL(line.slice(6).trim());
      if (line.startsWith('HTTP: ') && line.slice(6).trim() !== 'off') http = new URL(line.slice(6).trim());
      if (line.startsWith('Press Ctrl-C') && smtp !== undefined) resolve({ smtp, http });
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${code} before it was ready`)));
  });
  return {
    host: urls.smtp.hostname,
    port: Number(urls.smtp.port),
    ca: readFileSync(caFile, 'utf8'),
    http: urls.http,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
