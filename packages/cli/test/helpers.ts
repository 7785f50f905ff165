import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CliIo, runCli } from '../src/index.js';

/** The package folder and the fixtures folder, for file arguments. */
export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** What one run of the command produced. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of a run: standard input, environment and whether the output streams claim to be terminals. */
export interface RunOptions {
  stdin?: string | Buffer;
  env?: Record<string, string | undefined>;
  tty?: boolean;
  cwd?: string;
  signal?: AbortSignal;
}

/** Runs `runCli` in this process with collecting streams. */
export async function runInProcess(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const decode = (chunk: string | Uint8Array) => (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
  const stdinData = options.stdin;
  const io: CliIo = {
    stdout: { write: (chunk) => out.push(decode(chunk)), isTTY: options.tty ?? false },
    stderr: { write: (chunk) => err.push(decode(chunk)), isTTY: options.tty ?? false },
    stdin: Object.assign(
      (async function* () {
        if (stdinData !== undefined) yield typeof stdinData === 'string' ? Buffer.from(stdinData) : stdinData;
      })(),
      { isTTY: stdinData === undefined ? true : undefined },
    ),
    env: options.env ?? {},
    cwd: options.cwd ?? FIXTURES,
    version: '0.0.0-test',
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const code = await runCli(args, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** A way to start the command as a child process. */
export interface CliTarget {
  name: string;
  argv: string[];
}

/**
 * The command as users run it: the sources through tsx (with the source condition, so no build is needed)
 * and, when the package is built, `dist/bin.js` itself, as CI runs it after `pnpm build`.
 */
export function cliTargets(): CliTarget[] {
  const targets: CliTarget[] = [
    { name: 'src/bin.ts', argv: ['--conditions=@qcloudmail/source', '--import', 'tsx', `${PACKAGE_DIR}src/bin.ts`] },
  ];
  if (existsSync(`${PACKAGE_DIR}dist/bin.js`)) targets.push({ name: 'dist/bin.js', argv: [`${PACKAGE_DIR}dist/bin.js`] });
  return targets;
}

/** Runs the command as a child process, with a minimal environment so that the developer's own never leaks in. */
export function runChild(target: CliTarget, args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [...target.argv, ...args],
      {
        cwd: options.cwd ?? FIXTURES,
        env: { PATH: process.env.PATH, ...options.env },
        encoding: 'utf8',
        timeout: 20_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : undefined;
        if (code === undefined) reject(error);
        else resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.stdin ?? '');
  });
}
