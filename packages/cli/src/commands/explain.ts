import { type ParsedSesReply, parseSesReply } from '@qcloudmail/core';
import { CliUsageError, parseCommandArgs } from '../args.js';
import { type CliExitCode, EXIT_CODES } from '../exit-codes.js';
import { type CodeStanding, withFullCode } from '../explain/code-standing.js';
import { extractReply } from '../explain/extract-reply.js';
import { formatExplanation, retryAdvice } from '../explain/format-explain.js';
import { replyMeaning } from '@qcloudmail/core/internal';
import { helpText } from '../help.js';
import { type CliIo, readInput } from '../io.js';
import { createStyle } from '../style.js';

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What `explain --json` prints: the parsed reply, its meanings and the retry advice in words. */
export interface ExplainResult extends ParsedSesReply, CodeStanding {
  /** The reply as found in the pasted text (prefixes, quotes and JSON wrapping removed). */
  input: string;
  meaningEn: string | null;
  meaningZh: string | null;
  retryAdvice: string;
}

/** Explains one pasted reply or log line. */
export function explainReply(pasted: string): ExplainResult {
  const input = extractReply(pasted);
  const parsed = parseSesReply(input);
  // The meaning is looked up before the full code is put back: an unlisted code has only its fallback's.
  const meaning = replyMeaning(parsed);
  const reply = withFullCode(input, parsed);
  return { ...reply, input, meaningEn: meaning.en, meaningZh: meaning.zh, retryAdvice: retryAdvice(reply) };
}

/** `qcloudmail explain`: exit 0 once explained, 2 without a reply to explain. */
export async function runExplain(args: readonly string[], io: CliIo): Promise<CliExitCode> {
  const { values, positionals } = parseCommandArgs('explain', args, OPTIONS, true);
  if (values.help) {
    io.stdout.write(`${helpText('explain')}\n`);
    return EXIT_CODES.OK;
  }
  // An unquoted reply arrives as several words: they are one reply.
  const fromStdin = positionals.length === 0 || (positionals.length === 1 && positionals[0] === '-');
  if (fromStdin && io.stdin.isTTY === true) {
    throw new CliUsageError(
      'explain',
      "missing reply: paste it in quotes, such as qcloudmail explain '535 5.7.8 ...', or pipe it in",
    );
  }
  const pasted = fromStdin ? (await readInput('-', io)).toString('utf8') : positionals.join(' ');
  if (pasted.trim() === '') throw new CliUsageError('explain', 'missing reply: the input is empty');

  const result = explainReply(pasted);
  if (values.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else
    io.stdout.write(
      formatExplanation(result, { en: result.meaningEn, zh: result.meaningZh }, createStyle(io.stdout, io.env)),
    );
  return EXIT_CODES.OK;
}
