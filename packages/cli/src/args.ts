import { type ParseArgsConfig, parseArgs } from 'node:util';
import { QcloudMailError } from '@qcloudmail/core';

/** The command was called wrongly: printed as one line plus the command's usage, exit status 2. */
export class CliUsageError extends QcloudMailError {
  /** The command whose usage to print (`qcloudmail` itself for the top level). */
  readonly cliCommand: string;

  constructor(command: string, message: string) {
    super({ code: 'CONFIGURATION', category: 'configuration', message });
    this.cliCommand = command;
  }
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

// Credentials typed on the command line end up in shell history and `ps` output (R4): refuse them by name.
const SECRET_FLAGS = /^--(?:pass|password|smtp-pass|smtp-password|secret|user|username)(?:=|$)/;

function secretFlagError(command: string, flag: string): CliUsageError {
  const name = flag.split('=')[0] ?? flag;
  if (/user/.test(name)) {
    return new CliUsageError(
      command,
      `${name} is not accepted: the sender and its password both come from the environment; set QCLOUDMAIL_USER and QCLOUDMAIL_PASS`,
    );
  }
  return new CliUsageError(
    command,
    `${name} is not accepted: a password on the command line stays in shell history and process lists; set QCLOUDMAIL_PASS in the environment instead`,
  );
}

function oneLine(command: string, error: unknown): CliUsageError {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]*)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new CliUsageError(command, `unknown option ${option}`);
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const argument = /'([^']*)'/.exec(message)?.[1] ?? '';
    return new CliUsageError(command, `unexpected argument ${argument}`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/ambiguous/.test(message)) {
      return new CliUsageError(command, `${option} needs a value; for a value starting with "-" write ${option}=VALUE`);
    }
    if (/does not take an argument/.test(message)) return new CliUsageError(command, `${option} takes no value`);
    return new CliUsageError(command, `${option} needs a value`);
  }
  return new CliUsageError(command, message.split('\n')[0] ?? message);
}

/** Runs `util.parseArgs` strictly, turning its errors (and credential flags) into one-line `CliUsageError`s. */
export function parseCommandArgs<O extends OptionsConfig>(
  command: string,
  args: readonly string[],
  options: O,
  allowPositionals: boolean,
): {
  values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values'];
  positionals: string[];
} {
  const endOfOptions = args.indexOf('--');
  for (const arg of endOfOptions < 0 ? args : args.slice(0, endOfOptions)) {
    if (SECRET_FLAGS.test(arg)) throw secretFlagError(command, arg);
  }
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    if (!allowPositionals && parsed.positionals.length > 0) {
      throw new CliUsageError(command, `unexpected argument ${parsed.positionals[0]}`);
    }
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    throw oneLine(command, error);
  }
}
