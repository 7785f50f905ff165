import { checkAddrSpec } from './addr-spec.js';
import { type AddressParseResult, MAX_ENTRY_LENGTH, refuse, refuseLongName } from './address-refusal.js';

// The two common shapes, `a@b.c` and `Name <a@b.c>` with a plain name, skip the scanner; they give the
// same result as the scanner would (a test compares both on a corpus). Neither pattern has two ways to
// match a character (the name takes every space before "<" and is trimmed after), so both run in linear time.
const SIMPLE_BARE = /^\s*([A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+)\s*$/;
const SIMPLE_NAMED = /^([^"(),<>@:;[\]\\]*)<([A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+)>\s*$/;
const WHITE_SPACE_RUN = /\s+/g;

/** Parses `a@b.c` or `Name <a@b.c>` with a plain name; undefined for any other shape (the scanner's job). */
export function parseSimple(text: string, index: number | undefined): AddressParseResult | undefined {
  if (text.length > MAX_ENTRY_LENGTH) return undefined;
  let match = SIMPLE_BARE.exec(text);
  let name = '';
  if (match === null) {
    match = SIMPLE_NAMED.exec(text);
    if (match === null) return undefined;
    name = (match[1] as string).trim().replace(WHITE_SPACE_RUN, ' ');
  }
  const spec = match[match.length - 1] as string;
  const checked = checkAddrSpec(spec);
  if (!checked.ok) return refuse(text.trim(), checked.reason, index);
  return refuseLongName(text.trim(), name, index) ?? { ok: true, address: { name, address: checked.address }, index };
}
