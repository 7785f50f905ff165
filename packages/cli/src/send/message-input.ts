import { basename } from 'node:path';
import type { MailMessageInput } from '@qcloudmail/core';
import { CliUsageError } from '../args.js';
import { type CliIo, readInput } from '../io.js';

/** The message flags of `qcloudmail send`, as `util.parseArgs` returns them. */
export interface SendMessageFlags {
  from?: string;
  to?: string[];
  subject?: string;
  text?: string;
  'text-file'?: string;
  html?: string;
  attach?: string[];
  'reply-to'?: string;
}

/** Refuses missing or conflicting message flags as usage errors, before anything is read or sent. */
export function checkMessageFlags(flags: SendMessageFlags): void {
  if (flags.to === undefined || flags.to.length === 0)
    throw new CliUsageError('send', 'missing --to: name at least one recipient');
  if (flags.subject === undefined) throw new CliUsageError('send', 'missing --subject');
  if (flags.text === undefined && flags['text-file'] === undefined && flags.html === undefined) {
    throw new CliUsageError('send', 'missing body: give --text TEXT, --text-file FILE or --html FILE');
  }
  if (flags.text !== undefined && flags['text-file'] !== undefined) {
    throw new CliUsageError('send', '--text and --text-file both give the text body; use one');
  }
  const fromStdin = [flags['text-file'], flags.html, ...(flags.attach ?? [])].filter((name) => name === '-');
  if (fromStdin.length > 1) throw new CliUsageError('send', 'standard input (-) can be read only once');
  if (flags.attach?.includes('-'))
    throw new CliUsageError('send', "--attach needs a file name (its name is the attachment's name)");
}

/**
 * Turns the flags into core's message input, reading the body and attachment files; the service's rules are
 * left to core's validation so that every issue is reported with its rule id, not only the first. Call
 * `checkMessageFlags` first.
 */
export async function readMessageInput(flags: SendMessageFlags, io: CliIo): Promise<MailMessageInput> {
  const from = flags.from ?? io.env.QCLOUDMAIL_USER;
  const text =
    flags['text-file'] === undefined ? flags.text : (await readInput(flags['text-file'], io)).toString('utf8');
  const html = flags.html === undefined ? undefined : (await readInput(flags.html, io)).toString('utf8');
  const attachments = [];
  for (const file of flags.attach ?? [])
    attachments.push({ filename: basename(file), content: await readInput(file, io) });
  return {
    ...(from === undefined || from === '' ? {} : { from }),
    to: flags.to,
    subject: flags.subject,
    ...(text === undefined ? {} : { text }),
    ...(html === undefined ? {} : { html }),
    ...(attachments.length === 0 ? {} : { attachments }),
    ...(flags['reply-to'] === undefined ? {} : { replyTo: flags['reply-to'] }),
  };
}
