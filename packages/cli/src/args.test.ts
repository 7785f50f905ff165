import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCommandArgs } from './args.js';

const OPTIONS = { to: { type: 'string', multiple: true }, json: { type: 'boolean' } } as const;

function usageMessage(args: string[], allowPositionals = false): string {
  try {
    parseCommandArgs('send', args, OPTIONS, allowPositionals);
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    expect(error).toMatchObject({ code: 'CONFIGURATION', cliCommand: 'send' });
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('parseCommandArgs', () => {
  it('parses options and positionals strictly', () => {
    expect(parseCommandArgs('lint', ['--json', 'a.eml', '-'], OPTIONS, true)).toEqual({
      values: { json: true },
      positionals: ['a.eml', '-'],
    });
    expect(parseCommandArgs('send', ['--to', 'a@b.co', '--to=c@d.co'], OPTIONS, false).values.to).toEqual([
      'a@b.co',
      'c@d.co',
    ]);
  });

  it('turns parseArgs errors into one line', () => {
    expect(usageMessage(['--nope'])).toBe('unknown option --nope');
    expect(usageMessage(['--to'])).toBe('--to needs a value');
    expect(usageMessage(['--to', '--json'])).toBe('--to needs a value; for a value starting with "-" write --to=VALUE');
    expect(usageMessage(['--json=yes'])).toBe('--json takes no value');
    expect(usageMessage(['stray'])).toBe('unexpected argument stray');
  });

  it('refuses credential flags by name, without echoing their value', () => {
    for (const flag of ['--pass', '--password=s3cret', '--smtp-pass', '--secret']) {
      const message = usageMessage([flag, 's3cret']);
      expect(message).toMatch(/^--[a-z-]+ is not accepted: a password on the command line stays in shell history/);
      expect(message).not.toContain('s3cret');
    }
    expect(usageMessage(['--user', 'a@b.co'])).toMatch(/QCLOUDMAIL_USER and QCLOUDMAIL_PASS/);
    // After "--" the words are arguments, not flags.
    expect(parseCommandArgs('explain', ['--', '--password'], OPTIONS, true).positionals).toEqual(['--password']);
  });
});
