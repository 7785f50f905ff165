import { checkAddrSpec } from './addr-spec.js';
import { type ScannedEntry, scanAddressList } from './address-scan.js';
import type { MailAddressInput, MailAddressListInput } from './message-schema.js';
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
      input: string;
      field: 'name' | 'address' | undefined;
      index: number | undefined;
    };

const LINE_BREAK = /[\r\n\0]/;
// RFC 5322 specials that may not appear unquoted in a display name; "@" there is a classic spoof.
const NAME_SPECIALS = /[@:;[\]\\]/;
const QUOTED_LOCAL =
  'uses a quoted string outside <...>; quoted local parts ("..."@domain) are refused so that an address can never route to another domain than the one after its "@" (write "Name" <a@b.c>)';

function refuse(
  input: string,
  reason: string,
  index: number | undefined,
  field?: 'name' | 'address',
): AddressParseResult {
  return { ok: false, reason: `${JSON.stringify(input)} ${reason}`, injection: false, input, field, index };
}

function joinWords(entry: ScannedEntry): string {
  let name = '';
  for (const word of entry.words) name += word.quoted ? word.text : word.text.replace(/\s+/g, ' ');
  return name.trim().replace(/ {2,}/g, ' ');
}

function parseEntry(entry: ScannedEntry, index: number | undefined): AddressParseResult {
  if (entry.error !== undefined) return refuse(entry.raw, entry.error, index);
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
        `has an unquoted ${JSON.stringify(special[0])} in its display name; put the name in double quotes`,
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
  return { ok: true, address: { name, address: checked.address }, index };
}

// The two common shapes, `a@b.c` and `Name <a@b.c>` with a plain name, skip the scanner; they give the
// same result as the scanner would (a test compares both on a corpus).
const SIMPLE_BARE = /^\s*([A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+)\s*$/;
const SIMPLE_NAMED = /^\s*([^"(),<>@:;[\]\\]*?)\s*<([A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+)>\s*$/;

function parseSimple(text: string, index: number | undefined): AddressParseResult | undefined {
  let match = SIMPLE_BARE.exec(text);
  let name = '';
  if (match === null) {
    match = SIMPLE_NAMED.exec(text);
    if (match === null) return undefined;
    name = (match[1] as string).replace(/\s+/g, ' ');
  }
  const spec = match[match.length - 1] as string;
  const checked = checkAddrSpec(spec);
  if (!checked.ok) return refuse(text.trim(), checked.reason, index);
  return { ok: true, address: { name, address: checked.address }, index };
}

/** Parses a string of one or several comma-separated addresses, `index` being its place in the caller's array. */
export function parseAddressString(text: string, index: number | undefined, simple = true): AddressParseResult[] {
  if (LINE_BREAK.test(text)) {
    return [
      { ok: false, reason: 'contains a line break or NUL', injection: true, input: text, field: undefined, index },
    ];
  }
  if (text.trim() === '' && index !== undefined) return [refuse(text, 'is empty', index)];
  const quick = simple ? parseSimple(text, index) : undefined;
  if (quick !== undefined) return [quick];
  return scanAddressList(text).map((entry) => parseEntry(entry, index));
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
  if (/[<>"(),]/.test(address)) {
    return refuse(
      address,
      'must be a bare address (a@b.c) in { name, address }; the name goes in `name`',
      index,
      'address',
    );
  }
  const checked = checkAddrSpec(address);
  if (!checked.ok) return refuse(address, checked.reason, index, 'address');
  return { ok: true, address: { name: name.trim(), address: checked.address }, index };
}

/** Parses one address, several as a comma-separated string, or an array of them (RFC 5322, no groups). */
export function parseAddressList(input: MailAddressListInput): AddressParseResult[] {
  if (typeof input === 'string') return parseAddressString(input, undefined);
  if (!Array.isArray(input)) return [parseObject(input, undefined)];
  const results: AddressParseResult[] = [];
  input.forEach((item, index) => {
    if (typeof item === 'string') results.push(...parseAddressString(item, index));
    else results.push(parseObject(item, index));
  });
  return results;
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
