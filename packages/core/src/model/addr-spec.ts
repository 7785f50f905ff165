import { domainToASCII, domainToUnicode } from 'node:url';
import { LIMITS } from '../limits/limits.js';
import { quote } from './issue.js';

/** The outcome of checking one `local@domain`: the routable ASCII address, or why it is refused. */
export type AddrSpecResult = { ok: true; address: string } | { ok: false; reason: string };

// RFC 5322 dot-atom of atext; quoted local parts are refused before reaching here. "." is not atext, so
// each character has one way to match and the pattern cannot backtrack.
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// LDH label without a leading or trailing hyphen; its length is checked before.
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const ASCII = /^[\x00-\x7f]*$/;
const DIGITS = /^[0-9]+$/;
const WHITE_SPACE = /\s/;
const MAX_DOMAIN_OCTETS = 253;

type DomainResult = { ok: true; domain: string } | { ok: false; reason: string };

function invalidDomain(domain: string, why = ''): DomainResult {
  return { ok: false, reason: `has a domain that is not a valid domain name (${quote(domain)})${why}` };
}

/** Every label LDH, 1 to 63 octets; `xn--` labels must be punycode that decodes and encodes back the same. */
function checkLabels(domain: string, ascii: string): DomainResult {
  const labels = ascii.split('.');
  if (labels.length < 2)
    return { ok: false, reason: `has a domain without a dot (${quote(domain)}); give a full domain` };
  let punycode = false;
  for (const label of labels) {
    if (label.length > LIMITS.maxDomainLabelOctets) {
      return invalidDomain(domain, `: a label is longer than ${LIMITS.maxDomainLabelOctets} octets (RFC 1035)`);
    }
    if (!LABEL.test(label)) return invalidDomain(domain);
    if (label.startsWith('xn--')) punycode = true;
  }
  if (DIGITS.test(labels[labels.length - 1] as string)) {
    return { ok: false, reason: 'has an IP address as its domain; give a domain name' };
  }
  // An A-label that is not valid punycode reaches no one, and receivers may decode it differently.
  if (punycode && domainToASCII(domainToUnicode(ascii)) !== ascii) {
    return invalidDomain(domain, ': an "xn--" label is not valid IDNA punycode');
  }
  return { ok: true, domain: ascii };
}

function checkDomain(domain: string): DomainResult {
  if (domain === '') return { ok: false, reason: 'has no domain after "@"' };
  if (domain.startsWith('[')) return { ok: false, reason: 'uses a domain literal ([...]); give a domain name' };
  // Internationalized domains travel as punycode (IDNA); ASCII ones only need lower case.
  const ascii = ASCII.test(domain) ? domain.toLowerCase() : domainToASCII(domain);
  if (ascii === '') return invalidDomain(domain);
  if (ascii.length > MAX_DOMAIN_OCTETS) return { ok: false, reason: 'has a domain longer than 253 characters' };
  return checkLabels(domain, ascii);
}

/** True when `local` holds an RFC 2047 encoded word (`=?charset?B?...?=`), which readers may decode into an address. */
function hasEncodedWord(local: string): boolean {
  const open = local.indexOf('=?');
  return open >= 0 && local.indexOf('?=', open + 2) >= 0;
}

/**
 * Checks an unquoted `local@domain` (RFC 5322 dot-atom local part, RFC 5321 lengths) and returns it with
 * its domain in lower-case ASCII (punycode for an internationalized domain). Lengths are checked first.
 */
export function checkAddrSpec(spec: string): AddrSpecResult {
  if (spec === '') return { ok: false, reason: 'is empty' };
  // Every character is at least one octet, so this bounds all the work below.
  if (spec.length > LIMITS.maxAddressOctets) {
    return {
      ok: false,
      reason: `is ${spec.length} characters long; RFC 5321 allows at most ${LIMITS.maxAddressOctets}`,
    };
  }
  const at = spec.lastIndexOf('@');
  if (at < 0) return { ok: false, reason: 'has no "@"' };
  if (spec.indexOf('@') !== at) return { ok: false, reason: 'has more than one "@"' };
  const local = spec.slice(0, at);
  if (local === '') return { ok: false, reason: 'has nothing before "@"' };
  if (local.length > LIMITS.maxLocalPartOctets) {
    return { ok: false, reason: `has more than ${LIMITS.maxLocalPartOctets} characters before "@" (RFC 5321)` };
  }
  if (!ASCII.test(local)) {
    return {
      ok: false,
      reason:
        'has a non-ASCII part before "@"; that needs SMTPUTF8, which the service\'s support is unknown for (use an ASCII mailbox name)',
    };
  }
  if (WHITE_SPACE.test(spec)) return { ok: false, reason: 'contains white space; write it as Name <a@b.c>' };
  if (!DOT_ATOM.test(local)) {
    return { ok: false, reason: `has characters or dots not allowed before "@" (${quote(local)}) (RFC 5322 dot-atom)` };
  }
  if (hasEncodedWord(local)) {
    return {
      ok: false,
      reason: 'has an RFC 2047 encoded word (=?...?=) before "@"; mail readers may decode it into another address',
    };
  }
  const domain = checkDomain(spec.slice(at + 1));
  if (!domain.ok) return domain;
  const address = `${local}@${domain.domain}`;
  // Punycode can make the domain longer than it was written.
  if (address.length > LIMITS.maxAddressOctets) {
    return {
      ok: false,
      reason: `is ${address.length} octets long as sent (punycode); RFC 5321 allows at most ${LIMITS.maxAddressOctets}`,
    };
  }
  return { ok: true, address };
}
