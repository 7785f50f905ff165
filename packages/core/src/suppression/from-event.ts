import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { SesEvent } from '../events/types.js';
import { MAX_SUPPRESSION_TEXT_LENGTH } from './check-entry.js';
import type { SuppressionEntry, SuppressionInput, SuppressionList, SuppressionPolicy } from './types.js';

/** How long a soft bounce suppresses by default: 24 hours. */
export const DEFAULT_SOFT_BOUNCE_TTL_MS = 86_400_000;

interface ResolvedPolicy {
  hardBounce: boolean;
  softBounceTtlMs: number | false;
  spamreport: boolean;
  unsubscribe: boolean;
  dropped: boolean;
}

function flag(name: string, value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'boolean') {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      rule: 'R30',
      message: `Invalid policy ${name}: expected a boolean`,
    });
  }
  return value;
}

function resolvePolicy(policy: SuppressionPolicy = {}): ResolvedPolicy {
  const ttl = policy.softBounceTtlMs ?? DEFAULT_SOFT_BOUNCE_TTL_MS;
  if (ttl !== false && (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1)) {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      rule: 'R30',
      message: 'Invalid policy softBounceTtlMs: expected a whole number of milliseconds, at least 1, or false',
    });
  }
  return {
    hardBounce: flag('hardBounce', policy.hardBounce),
    softBounceTtlMs: ttl,
    spamreport: flag('spamreport', policy.spamreport),
    unsubscribe: flag('unsubscribe', policy.unsubscribe),
    dropped: flag('dropped', policy.dropped),
  };
}

// The provider's reason is kept for the operator, cut to what an entry may hold.
function detailOf(event: SesEvent): string | undefined {
  if (event.reason === undefined || event.reason === '') return undefined;
  return event.reason.length > MAX_SUPPRESSION_TEXT_LENGTH
    ? event.reason.slice(0, MAX_SUPPRESSION_TEXT_LENGTH)
    : event.reason;
}

/**
 * What a delivery event adds to the suppression list under `policy` (R30), or undefined when it suppresses
 * nothing. A bounce without `bounceType` counts as soft; a soft bounce expires `softBounceTtlMs` after the
 * event's timestamp, so a callback retried late does not extend it. The provider's reason becomes `detail`
 * (its first 1,000 characters).
 */
export function suppressionFromEvent(event: SesEvent, policy?: SuppressionPolicy): SuppressionInput | undefined {
  const resolved = resolvePolicy(policy);
  const base = {
    address: event.recipient,
    ...(event.messageId === undefined ? {} : { messageId: event.messageId }),
    ...(detailOf(event) === undefined ? {} : { detail: detailOf(event) }),
  };
  switch (event.kind) {
    case 'bounce':
      if (event.bounceType === 'hard') return resolved.hardBounce ? { ...base, reason: 'hard_bounce' } : undefined;
      if (resolved.softBounceTtlMs === false) return undefined;
      return {
        ...base,
        reason: 'soft_bounce',
        expiresAt: new Date(event.timestamp.getTime() + resolved.softBounceTtlMs),
      };
    case 'spamreport':
      return resolved.spamreport ? { ...base, reason: 'spamreport' } : undefined;
    case 'unsubscribe':
      return resolved.unsubscribe ? { ...base, reason: 'unsubscribe' } : undefined;
    case 'dropped':
      return resolved.dropped ? { ...base, reason: 'dropped' } : undefined;
    default:
      return undefined;
  }
}

/**
 * Feeds one delivery event to `list` under `policy`: the recipient's entry afterwards (the stronger of the old
 * and the new one, since `add` never weakens an entry), or undefined when the event suppresses nothing now.
 * Repeated events (the provider may retry, R26) change nothing.
 */
export async function recordSuppressionEvent(
  list: SuppressionList,
  event: SesEvent,
  policy?: SuppressionPolicy,
): Promise<SuppressionEntry | undefined> {
  const input = suppressionFromEvent(event, policy);
  if (input === undefined) return undefined;
  await list.add(input);
  return list.get(input.address);
}
