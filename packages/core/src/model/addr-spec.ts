import { domainToASCII } from 'node:url';

/** The outcome of checking one `local@domain`: the routable ASCII address, or why it is refused. */
export type AddrSpecResult = { ok: true; address: string } | { ok: false; reason: string };

// RFC 5322 dot-atom of atext; quoted local parts are refused before reaching here.
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const ASCII = /^[\x00-\x7f]*$/;
const MAX_LOCAL_OCTETS = 64;
const MAX_DOMAIN_OCTETS = 253;

function checkDomain(domain: string): { ok: true; domain: string } | { ok: false; reason: string } {
  if (domain === '') return { ok: false, reason: 'has no domain after "@"' };
  if (domain.startsWith('[')) return { ok: false, reason: 'uses a domain literal ([...]); give a domain name' };
  // Internationalized domains travel as punycode (IDNA); ASCII ones only need lower case.
  const ascii = ASCII.test(domain) ? domain.toLowerCase() : domainToASCII(domain);
  if (ascii === '') return { ok: false, reason: `has a domain that is not a valid domain name (${domain})` };
  if (ascii.length > MAX_DOMAIN_OCTETS) return { ok: false, reason: 'has a domain longer than 253 characters' };
  const labels = ascii.split('.');
  if (labels.length < 2) return { ok: false, reason: `has a domain without a dot (${domain}); give a full domain` };
  for (const label of labels) {
    if (!LABEL.test(label)) return { ok: false, reason: `has a domain that is not a valid domain name (${domain})` };
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1] as string)) {
    return { ok: false, reason: 'has an IP address as its domain; give a domain name' };
  }
  return { ok: true, domain: ascii };
}

/**
 * Checks an unquoted `local@domain` (RFC 5322 dot-atom local part) and returns it with its domain in
 * lower-case ASCII (punycode for an internationalized domain). The domain is what follows the one `@`.
 */
export function checkAddrSpec(spec: string): AddrSpecResult {
  if (spec === '') return { ok: false, reason: 'is empty' };
  const at = spec.lastIndexOf('@');
  if (at < 0) return { ok: false, reason: 'has no "@"' };
  if (spec.indexOf('@') !== at) return { ok: false, reason: 'has more than one "@"' };
  const local = spec.slice(0, at);
  if (local === '') return { ok: false, reason: 'has nothing before "@"' };
  if (!ASCII.test(local)) {
    return {
      ok: false,
      reason:
        'has a non-ASCII part before "@"; that needs SMTPUTF8, which the service\'s support is unknown for (use an ASCII mailbox name)',
    };
  }
  if (/\s/.test(spec)) return { ok: false, reason: 'contains white space; write it as Name <a@b.c>' };
  if (!DOT_ATOM.test(local)) {
    return { ok: false, reason: `has characters or dots not allowed before "@" (${local}) (RFC 5322 dot-atom)` };
  }
  if (local.length > MAX_LOCAL_OCTETS) return { ok: false, reason: 'has more than 64 characters before "@"' };
  const domain = checkDomain(spec.slice(at + 1));
  if (!domain.ok) return domain;
  return { ok: true, address: `${local}@${domain.domain}` };
}
