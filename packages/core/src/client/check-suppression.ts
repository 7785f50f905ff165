import { isQcloudMailError, QcloudMailError } from '../errors/qcloud-mail-error.js';
import { QcloudMailPartialSendError } from './partial-failure.js';
import type { SuppressionEntry, SuppressionList } from '../suppression/types.js';
import type { BuiltMessage } from './send-context.js';
import type { SendOptions, SendOutcome } from './types.js';
import { clipText } from '../errors/clip-text.js';

/** How one send meets the suppression list (R30). */
export interface SuppressionCheck {
  list: SuppressionList | undefined;
  /** True under the `split` recipient policy: a suppressed recipient's own message is left out, not the send. */
  split: boolean;
  options: SendOptions | undefined;
}

/** At most this many suppressed addresses are named in the error; the rest are counted. */
const NAMED = 3;

function describe(given: string, entry: SuppressionEntry): string {
  const address = clipText(given, 254);
  return `${address} (${entry.reason} since ${entry.since.toISOString()})`;
}

/** The refusal of a send whose recipients are suppressed: not retryable, nothing was uploaded. */
export function suppressedError(found: ReadonlyMap<string, SuppressionEntry>): QcloudMailError {
  const named = [...found].slice(0, NAMED).map(([given, entry]) => describe(given, entry));
  const more = found.size > NAMED ? `, and ${found.size - NAMED} more` : '';
  const who = found.size === 1 ? 'The recipient is' : `${found.size} recipients are`;
  return new QcloudMailError({
    code: 'SUPPRESSED',
    category: 'recipient',
    rule: 'R30',
    retryable: false,
    message: `${who} on the suppression list, so nothing was sent (R30): ${named.join(', ')}${more}`,
    action:
      'Remove the address from the suppression list once it can receive mail again, or send with ignoreSuppression: true.',
  });
}

async function lookUp(list: SuppressionList, addresses: readonly string[]): Promise<Map<string, SuppressionEntry>> {
  try {
    return await list.check(addresses);
  } catch (error) {
    if (isQcloudMailError(error)) throw error;
    const detail = error instanceof Error ? error.message.slice(0, 200) : 'unknown failure';
    // Sending without an answer could mail a suppressed address: the send fails instead, nothing uploaded.
    throw new QcloudMailError({
      code: 'UNKNOWN',
      message: `The suppression list could not be read, so nothing was sent (R30): ${detail}`,
      cause: error,
    });
  }
}

function ignoring(options: SendOptions | undefined): boolean {
  const value: unknown = options?.ignoreSuppression;
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      message: 'Invalid option ignoreSuppression: expected a boolean',
    });
  }
  return value;
}

/**
 * The step between building and the network: the recipients on the suppression list (R30) refuse the send with
 * `SUPPRESSED`, or under `split` leave out their own messages, which the outcome then lists in `suppressed`
 * (every recipient suppressed is the refusal). `ignoreSuppression: true` skips the check.
 */
export async function sendUnlessSuppressed(
  check: SuppressionCheck,
  built: readonly BuiltMessage[],
  send: (kept: readonly BuiltMessage[]) => Promise<SendOutcome>,
): Promise<SendOutcome> {
  if (check.list === undefined || ignoring(check.options)) return send(built);
  const recipients = [...new Set(built.flatMap((message) => message.envelope.to))];
  const found = await lookUp(check.list, recipients);
  if (found.size === 0) return send(built);
  const kept = check.split ? built.filter((message) => !message.envelope.to.some((to) => found.has(to))) : [];
  if (kept.length === 0) throw suppressedError(found);
  const suppressed = [...found.values()];
  try {
    return { ...(await send(kept)), suppressed };
  } catch (error) {
    // A split send that failed in part still says who was left out, beside what went out and what did not.
    if (error instanceof QcloudMailPartialSendError) {
      throw new QcloudMailPartialSendError(error.sent, error.failures, suppressed);
    }
    throw error;
  }
}
