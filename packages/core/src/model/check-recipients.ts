import type { RecipientPolicy } from '../limits/recipient-policy.js';
import type { EffectiveLimits } from '../limits/limits.js';
import { type AddressParseResult, parseAddressList, parseAddressListAtMost } from './address.js';
import { checkInjection, formatPath, type IssuePath, type IssueSink, quote } from './issue.js';
import type { MailAddressInput, MailAddressListInput } from './message-schema.js';
import type { MailAddress } from './message.js';

/** The normalized addresses of a message; `from` is undefined when missing or refused. */
export interface Recipients {
  from: MailAddress | undefined;
  to: MailAddress[];
  cc: MailAddress[];
  bcc: MailAddress[];
  replyTo: MailAddress[];
}

function resultPath(field: string, result: AddressParseResult & { ok: false }): IssuePath {
  const path: Array<string | number> = [field];
  if (result.index !== undefined) path.push(result.index);
  if (result.field !== undefined) path.push(result.field);
  return path;
}

/** Reports each refused address of one field; returns the addresses that parsed. */
function report(sink: IssueSink, field: string, results: readonly AddressParseResult[]): MailAddress[] {
  const parsed: MailAddress[] = [];
  for (const result of results) {
    if (result.ok) {
      parsed.push(result.address);
      continue;
    }
    const path = resultPath(field, result);
    if (result.injection) checkInjection(sink, result.input, path, 'The address');
    else if (result.nameTooLong)
      sink.add('display_name_too_long', path, 'R23', `${formatPath(path)}: address ${result.reason}`);
    else sink.add('invalid_address', path, 'RFC5322', `${formatPath(path)}: address ${result.reason}`);
  }
  return parsed;
}

/** Parses one address field, reporting each refused address; returns the addresses that parsed. */
function addresses(sink: IssueSink, field: string, input: MailAddressListInput | undefined): MailAddress[] {
  if (input === undefined) return [];
  return report(sink, field, parseAddressList(input));
}

function tooMany(sink: IssueSink, count: number, limits: EffectiveLimits): void {
  sink.add(
    'too_many_recipients',
    ['to'],
    'R8',
    `The message has ${count} recipients; the service allows at most ${limits.maxRecipients} in one message (R8). Use the recipient policy 'chunk' or 'split'`,
  );
}

/**
 * The `to` field under the `single` policy: the recipients are counted before any is parsed, so that 250,000
 * of them cost one issue (R8), not one each.
 */
function singleTo(sink: IssueSink, input: MailAddressListInput | undefined, limits: EffectiveLimits): MailAddress[] {
  if (input === undefined) return [];
  const parsed = parseAddressListAtMost(input, limits.maxRecipients);
  if (parsed.tooMany === undefined) return report(sink, 'to', parsed.results);
  tooMany(sink, parsed.tooMany, limits);
  return [];
}

function checkFrom(sink: IssueSink, input: MailAddressInput | undefined): MailAddress | undefined {
  const before = sink.count;
  const from = addresses(sink, 'from', input);
  if (from.length === 0) {
    if (sink.count === before) {
      sink.add(
        'from_required',
        ['from'],
        'HEADERS',
        'from is required: a sender address configured in the console (HEADERS, R4)',
      );
    }
    return undefined;
  }
  if (from.length > 1) {
    sink.add('invalid_address', ['from'], 'HEADERS', `from must be one address; it holds ${from.length}`);
    return undefined;
  }
  const sender = from[0] as MailAddress;
  if (sender.name.includes(':')) {
    sink.add(
      'sender_name_invalid',
      typeof input === 'object' ? ['from', 'name'] : ['from'],
      'R23',
      `The sender's display name ${quote(sender.name)} contains ":", which the service refuses; remove it (R23)`,
    );
  }
  return sender;
}

/** Parses and checks from, to, cc, bcc and replyTo under the recipient policy (HEADERS, R8, R9). */
export function checkRecipients(
  sink: IssueSink,
  input: {
    from?: MailAddressInput;
    to?: MailAddressListInput;
    cc?: MailAddressListInput;
    bcc?: MailAddressListInput;
    replyTo?: MailAddressListInput;
  },
  policy: RecipientPolicy,
  limits: EffectiveLimits,
): Recipients {
  const from = checkFrom(sink, input.from);
  const before = sink.count;
  const to = policy === 'single' ? singleTo(sink, input.to, limits) : addresses(sink, 'to', input.to);
  if (to.length === 0 && sink.count === before) {
    sink.add('to_required', ['to'], 'HEADERS', 'to is required: give at least one recipient (HEADERS)');
  }
  const cc = addresses(sink, 'cc', input.cc);
  const bcc = addresses(sink, 'bcc', input.bcc);
  for (const [field, list, code] of [
    ['cc', cc, 'cc_unsupported'],
    ['bcc', bcc, 'bcc_unsupported'],
  ] as const) {
    if (list.length > 0 && policy !== 'split') {
      sink.add(
        code,
        [field],
        'R9',
        `The service does not support ${field === 'cc' ? 'Cc' : 'Bcc'} (R9); put the addresses in to, or use the recipient policy 'split' to send each one its own copy`,
      );
    }
  }
  const replyTo = addresses(sink, 'replyTo', input.replyTo);
  return { from, to, cc, bcc, replyTo };
}
