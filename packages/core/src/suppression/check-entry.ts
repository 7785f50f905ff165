import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { SuppressionInput, SuppressionReason } from './types.js';

/** The longest address the list takes: RFC 5321's path of 256 octets without its angle brackets. */
export const MAX_SUPPRESSED_ADDRESS_LENGTH = 254;
/** The longest `detail` or `messageId` the list takes, so that every entry stays small. */
export const MAX_SUPPRESSION_TEXT_LENGTH = 1000;

const REASONS: ReadonlySet<string> = new Set<SuppressionReason>([
  'hard_bounce',
  'soft_bounce',
  'spamreport',
  'unsubscribe',
  'dropped',
  'manual',
]);

function refuse(field: string, expected: string): never {
  throw new QcloudMailError({
    code: 'VALIDATION',
    rule: 'R30',
    message: `Invalid suppression ${field}: ${expected} (R30)`,
  });
}

// One pass, no regex: a bare address with an @ that is neither first nor last, and no space or control character.
function isBareAddress(value: string): boolean {
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || code === 0x3c || code === 0x3e || code === 0x2c) return false;
  }
  return true;
}

/**
 * The form the list compares and stores: the address in lower case, local part included (mailbox providers and
 * the service treat the local part without regard to case in practice). Anything but a bare address is refused
 * with `VALIDATION` (R30), never rewritten.
 */
export function suppressionKey(address: unknown, field = 'address'): string {
  if (typeof address !== 'string') refuse(field, 'expected a string');
  if (address.length > MAX_SUPPRESSED_ADDRESS_LENGTH) {
    refuse(field, `longer than ${MAX_SUPPRESSED_ADDRESS_LENGTH} characters`);
  }
  if (!isBareAddress(address)) refuse(field, 'expected a bare address such as user@example.com');
  return address.toLowerCase();
}

function optionalText(field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') refuse(field, 'expected a string');
  if (value.length > MAX_SUPPRESSION_TEXT_LENGTH)
    refuse(field, `longer than ${MAX_SUPPRESSION_TEXT_LENGTH} characters`);
  return value;
}

/** An `add` input after its checks: the address as the list's key, `expiresAt` in milliseconds. */
export interface CheckedSuppression {
  address: string;
  reason: SuppressionReason;
  expiresAtMs: number | undefined;
  messageId: string | undefined;
  detail: string | undefined;
}

/** Checks what `add` was given; every list runs this first, so that they refuse the same things. */
export function checkSuppressionInput(entry: SuppressionInput): CheckedSuppression {
  if (typeof entry !== 'object' || entry === null) refuse('entry', 'expected { address, reason }');
  const reason: unknown = entry.reason;
  if (typeof reason !== 'string' || !REASONS.has(reason)) {
    refuse('reason', `expected one of ${[...REASONS].join(', ')}`);
  }
  const expiresAt: unknown = entry.expiresAt;
  if (expiresAt !== undefined && !(expiresAt instanceof Date && Number.isFinite(expiresAt.getTime()))) {
    refuse('expiresAt', 'expected a valid Date');
  }
  return {
    address: suppressionKey(entry.address),
    reason: reason as SuppressionReason,
    expiresAtMs: expiresAt === undefined ? undefined : expiresAt.getTime(),
    messageId: optionalText('messageId', entry.messageId),
    detail: optionalText('detail', entry.detail),
  };
}

/** Whether `next` may replace `current` (expiry in ms, undefined for good): `add` never weakens an entry. */
export function strengthens(current: number | undefined, next: number | undefined): boolean {
  if (current === undefined) return false;
  return next === undefined || next > current;
}
