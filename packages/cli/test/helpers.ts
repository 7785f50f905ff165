import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
  const decode = (chunk: string | Uint8Array) =>
    typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
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
  name: 'src/bin.ts' | 'dist/bin.js';
  argv: string[];
}

const SOURCE_TARGET: CliTarget = {
  name: 'src/bin.ts',
  // tsx resolved here, not by the child, so that the child may run in any directory.
  argv: [
    '--conditions=@qcloudmail/source',
    '--import',
    pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href,
    `${PACKAGE_DIR}src/bin.ts`,
  ],
};
const DIST_TARGET: CliTarget = { name: 'dist/bin.js', argv: [`${PACKAGE_DIR}dist/bin.js`] };

function newestSource(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .reduce((newest, entry) => Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);
}

/** True when the built command and the built packages it imports are newer than their sources. */
export function distIsFresh(): boolean {
  const built = [
    [`${PACKAGE_DIR}dist/bin.js`, `${PACKAGE_DIR}src`],
    [`${PACKAGE_DIR}../core/dist/index.js`, `${PACKAGE_DIR}../core/src`],
    [`${PACKAGE_DIR}../emulator/dist/index.js`, `${PACKAGE_DIR}../emulator/src`],
  ] as const;
  return built.every(([file, sources]) => existsSync(file) && statSync(file).mtimeMs >= newestSource(sources));
}

/**
 * The command as users run it: the built `dist/bin.js` when the build is up to date (CI runs `pnpm build`
 * before `pnpm test`), else the sources through tsx with the source condition. `QCLOUDMAIL_CLI_TARGETS=src,dist`
 * chooses explicitly.
 */
export function cliTargets(): CliTarget[] {
  const chosen = process.env.QCLOUDMAIL_CLI_TARGETS?.split(',').map((name) => name.trim());
  if (chosen !== undefined && chosen.length > 0 && chosen[0] !== '') {
    return [SOURCE_TARGET, DIST_TARGET].filter((target) => chosen.some((name) => target.name.startsWith(name)));
  }
  return [distIsFresh() ? DIST_TARGET : SOURCE_TARGET];
}

/** The sources through tsx, for a smoke test that runs whichever target the suite chose. */
export const sourceTarget = (): CliTarget => SOURCE_TARGET;

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
        timeout: 45_000,
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
