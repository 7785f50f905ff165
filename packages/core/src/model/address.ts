import { LIMITS } from '../limits/limits.js';
import { checkAddrSpec } from './addr-spec.js';
import { parseSimple } from './address-fast-path.js';
import { type AddressParseResult, MAX_ENTRY_LENGTH, refuse, refuseLongName, refuseName } from './address-refusal.js';
import { type ScannedEntry, scanAddressList } from './address-scan.js';
import { quote } from './issue.js';
import type { MailAddressInput, MailAddressListInput } from './message-schema.js';

export type { AddressParseResult } from './address-refusal.js';

const LINE_BREAK = /[\r\n\0]/;
// RFC 5322 specials that may not appear unquoted in a display name; "@" there is a classic spoof.
const NAME_SPECIALS = /[@:;[\]\\]/;
const QUOTED_LOCAL =
  'uses a quoted string outside <...>; quoted local parts ("..."@domain) are refused so that an address can never route to another domain than the one after its "@" (write "Name" <a@b.c>)';

function joinWords(entry: ScannedEntry): string {
  let name = '';
  for (const word of entry.words) name += word.quoted ? word.text : word.text.replace(/\s+/g, ' ');
  return name.trim().replace(/ {2,}/g, ' ');
}

function parseEntry(entry: ScannedEntry, index: number | undefined): AddressParseResult {
  if (entry.error !== undefined) return refuse(entry.raw, entry.error, index);
  if (entry.raw.length > MAX_ENTRY_LENGTH) {
    // Checked before parsing; with a short <...> address, the name is what is too long.
    const what = `is ${entry.raw.length} characters long`;
    if (entry.angle !== undefined && entry.angle.length <= LIMITS.maxAddressOctets) {
      return refuseName(entry.raw, what, index);
    }
    return refuse(entry.raw, `${what}; an address may have at most ${LIMITS.maxAddressOctets} (RFC 5321)`, index);
  }
  let spec: string;
  let name: string;
  if (entry.angle !== undefined) {
    const angle = entry.angle.trim();
    if (angle.includes('"')) return refuse(entry.raw, QUOTED_LOCAL.replace('outside <...>', 'inside <...>'), index);
    if (angle.includes('(')) return refuse(entry.raw, 'has a comment inside <...>; comments are refused there', index);
    if (angle.startsWith('@') || angle.includes(':')) {
      return refuse(entry.raw, 'uses a source route (<@host:a@b.c>), which is not supported', index);
    }
    const bare = entry.words.filter((word) => !word.quoted).map((word) => word.text);
    const special = bare.join('').match(NAME_SPECIALS);
    if (special) {
      return refuse(
        entry.raw,
        `has an unquoted ${quote(special[0])} in its display name; put the name in double quotes`,
        index,
      );
    }
    spec = angle;
    name = joinWords(entry) || entry.comments.join(' ');
  } else {
    if (entry.words.some((word) => word.quoted)) return refuse(entry.raw, QUOTED_LOCAL, index);
    if (entry.commentInside) {
      return refuse(entry.raw, 'has a comment inside the address; comments are refused there', index);
    }
    spec = entry.words
      .map((word) => word.text)
      .join('')
      .trim();
    name = entry.comments.join(' ').trim();
    if (spec.includes(':') || spec.includes(';')) {
      return refuse(entry.raw, 'uses group syntax (name: a@b.c;), which is not supported', index);
    }
    if (!spec.includes('@') && spec !== '') {
      return refuse(entry.raw, 'has no "@" (if it is part of a name with a comma, quote the name)', index);
    }
  }
  const checked = checkAddrSpec(spec);
  if (!checked.ok) return refuse(entry.raw, checked.reason, index);
  return refuseLongName(entry.raw, name, index) ?? { ok: true, address: { name, address: checked.address }, index };
}

/** What `parseAddressListAtMost` gives: every result, or only how many entries there were, beyond the bound. */
export type BoundedAddressParse = { results: AddressParseResult[]; tooMany: undefined } | { tooMany: number };

function parseStringAtMost(text: string, index: number | undefined, simple: boolean, max: number): BoundedAddressParse {
  if (LINE_BREAK.test(text)) {
    const injection = {
      ok: false,
      reason: 'contains a line break or NUL',
      injection: true,
      input: text,
      index,
    } as const;
    return { results: [{ ...injection, field: undefined }], tooMany: undefined };
  }
  if (text.trim() === '' && index !== undefined)
    return { results: [refuse(text, 'is empty', index)], tooMany: undefined };
  const quick = simple ? parseSimple(text, index) : undefined;
  if (quick !== undefined) return { results: [quick], tooMany: undefined };
  // The entries are counted before any is parsed: too many of them is one answer, whatever they hold.
  const entries = scanAddressList(text);
  if (entries.length > max) return { tooMany: entries.length };
  return { results: entries.map((entry) => parseEntry(entry, index)), tooMany: undefined };
}

/** Parses a string of one or several comma-separated addresses, `index` being its place in the caller's array. */
export function parseAddressString(text: string, index: number | undefined, simple = true): AddressParseResult[] {
  const parsed = parseStringAtMost(text, index, simple, Number.POSITIVE_INFINITY);
  return parsed.tooMany === undefined ? parsed.results : [];
}

function parseObject(value: { name?: string; address: string }, index: number | undefined): AddressParseResult {
  const name = value.name ?? '';
  const address = value.address.trim();
  if (LINE_BREAK.test(name)) {
    return { ok: false, reason: 'contains a line break or NUL', injection: true, input: name, field: 'name', index };
  }
  if (LINE_BREAK.test(address)) {
    return {
      ok: false,
      reason: 'contains a line break or NUL',
      injection: true,
      input: address,
      field: 'address',
      index,
    };
  }
  if (address.length > LIMITS.maxAddressOctets) {
    return refuse(
      address,
      `is ${address.length} characters long; RFC 5321 allows at most ${LIMITS.maxAddressOctets}`,
      index,
      'address',
    );
  }
  if (/[<>"(),]/.test(address)) {
    return refuse(
      address,
      'must be a bare address (a@b.c) in { name, address }; the name goes in `name`',
      index,
      'address',
    );
  }
  const trimmedName = name.trim();
  const longName = refuseLongName(trimmedName, trimmedName, index, 'name');
  if (longName !== undefined) return longName;
  const checked = checkAddrSpec(address);
  if (!checked.ok) return refuse(address, checked.reason, index, 'address');
  return { ok: true, address: { name: trimmedName, address: checked.address }, index };
}

/**
 * Parses like `parseAddressList`, but counts the addresses before parsing them: beyond `max`, it returns only
 * their count (at least `max + 1`), having parsed none, so that a huge list costs a count rather than a parse.
 */
export function parseAddressListAtMost(input: MailAddressListInput, max: number): BoundedAddressParse {
  if (typeof input === 'string') return parseStringAtMost(input, undefined, true, max);
  if (!Array.isArray(input)) return { results: [parseObject(input, undefined)], tooMany: undefined };
  // Every entry of the array gives at least one result.
  if (input.length > max) return { tooMany: input.length };
  const results: AddressParseResult[] = [];
  for (let index = 0; index < input.length; index++) {
    const item = input[index] as MailAddressInput;
    if (typeof item !== 'string') {
      results.push(parseObject(item, index));
      continue;
    }
    const parsed = parseStringAtMost(item, index, true, max - results.length);
    if (parsed.tooMany !== undefined) return { tooMany: countFrom(input, index + 1, results.length + parsed.tooMany) };
    for (const result of parsed.results) results.push(result);
  }
  return results.length > max ? { tooMany: results.length } : { results, tooMany: undefined };
}

/** `counted` plus the number of entries from `start` on, parsing none of them beyond the fast path. */
function countFrom(input: readonly MailAddressInput[], start: number, counted: number): number {
  let count = counted;
  for (let index = start; index < input.length; index++) {
    const item = input[index] as MailAddressInput;
    const parsed = typeof item === 'string' ? parseStringAtMost(item, index, true, 0) : undefined;
    count += parsed === undefined ? 1 : (parsed.tooMany ?? parsed.results.length);
  }
  return count;
}

/** Parses one address, several as a comma-separated string, or an array of them (RFC 5322, no groups). */
export function parseAddressList(input: MailAddressListInput): AddressParseResult[] {
  const parsed = parseAddressListAtMost(input, Number.POSITIVE_INFINITY);
  return parsed.tooMany === undefined ? parsed.results : [];
}

/** Parses exactly one address (`a@b.c`, `Name <a@b.c>`, `"Quoted, Name" <a@b.c>` or `{ name, address }`). */
export function parseAddress(input: MailAddressInput): AddressParseResult {
  const results = parseAddressList(input);
  const [first] = results;
  if (first === undefined) return refuse(typeof input === 'string' ? input : '', 'is empty', undefined);
  if (results.length > 1) {
    return refuse(typeof input === 'string' ? input : '', `holds ${results.length} addresses; expected one`, undefined);
  }
  return first;
}
