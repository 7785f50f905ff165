import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { QcloudMailError } from '@qcloudmail/core';

/** A stream the command writes to: `process.stdout`, or a test's collector. */
export interface CliOutput {
  write(chunk: string | Uint8Array): unknown;
  /** True on a terminal: only then are colors used. */
  isTTY?: boolean;
}

/** Where the command reads, writes and looks up its environment; injectable so that tests need no process. */
export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  /** Standard input, read only for the `-` argument (and by `explain` without argument). */
  stdin: AsyncIterable<string | Uint8Array> & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  /** The directory relative file names are resolved against. Default: `process.cwd()`. */
  cwd?: string;
  /** Printed by `--version`. */
  version?: string;
  /** Aborts a long-running command (the emulator, a send) such as on Ctrl-C. */
  signal?: AbortSignal;
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}

/** Reads all of standard input into one buffer. */
export async function readStdin(io: CliIo): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** A file named on the command line could not be read: the input's problem, not the message's. */
export class CliInputError extends QcloudMailError {
  readonly file: string;

  constructor(file: string, cause: unknown) {
    const reason = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'unreadable';
    const why =
      reason === 'ENOENT'
        ? 'no such file'
        : reason === 'EISDIR'
          ? 'is a directory'
          : reason === 'EACCES'
            ? 'permission denied'
            : reason;
    super({ code: 'CONFIGURATION', category: 'configuration', message: `cannot read ${file}: ${why}`, cause });
    this.file = file;
  }
}

/** Reads a file named on the command line, or standard input for `-`; a failure is a `CliInputError`. */
export async function readInput(name: string, io: CliIo): Promise<Buffer> {
  try {
    if (name === '-') return await readStdin(io);
    return await readFile(resolve(io.cwd ?? process.cwd(), name));
  } catch (error) {
    throw new CliInputError(name === '-' ? 'standard input' : name, error);
  }
}
