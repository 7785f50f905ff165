import { LIMITS } from '../limits/limits.js';
import { quote } from './issue.js';
import type { MailAddress } from './message.js';

/**
 * One address parsed: the normalized mailbox, or why it is refused. `injection` marks a CR, LF or NUL,
 * which would let the value write headers of its own. `index` is the position in the caller's array.
 */
export type AddressParseResult =
  | { ok: true; address: MailAddress; index: number | undefined }
  | {
      ok: false;
      reason: string;
      injection: boolean;
      /** Set when the display name is longer than `LIMITS.maxDisplayNameLength` (R23). */
      nameTooLong?: true;
      input: string;
      field: 'name' | 'address' | undefined;
      index: number | undefined;
    };

/** A refusal of `input` (quoted, cut short) for `reason`. */
export function refuse(
  input: string,
  reason: string,
  index: number | undefined,
  field?: 'name' | 'address',
): AddressParseResult {
  return { ok: false, reason: `${quote(input)} ${reason}`, injection: false, input, field, index };
}

/** The longest address-list entry parsed: a name and an address at their caps, all escaped, and some slack. */
export const MAX_ENTRY_LENGTH = 2 * (LIMITS.maxDisplayNameLength + LIMITS.maxAddressOctets) + 64;

function codePointsOver(text: string, max: number): number | undefined {
  // A string is never longer in code points than in UTF-16 units, so short ones need no count.
  if (text.length <= max) return undefined;
  let count = 0;
  for (const _ of text) count++;
  return count > max ? count : undefined;
}

/** A refusal when `name` has more than `LIMITS.maxDisplayNameLength` code points (R23), else undefined. */
export function refuseLongName(
  input: string,
  name: string,
  index: number | undefined,
  field?: 'name',
): AddressParseResult | undefined {
  const length = codePointsOver(name, LIMITS.maxDisplayNameLength);
  if (length === undefined) return undefined;
  return refuseName(input, `has a display name of ${length} characters`, index, field);
}

/** A display-name refusal (`nameTooLong`), its reason starting with `what`. */
export function refuseName(input: string, what: string, index: number | undefined, field?: 'name'): AddressParseResult {
  const reason = `${what}; a display name may have at most ${LIMITS.maxDisplayNameLength} characters (R23)`;
  return { ...(refuse(input, reason, index, field) as AddressParseResult & { ok: false }), nameTooLong: true };
}
