// Address tricks never route mail to another domain than the one the address names (RFC 5322, and the 2025
// nodemailer advisory on address parsing: a quoted local part holding "@" was routed to the domain inside it).
import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildMime } from '../../src/mime/build-mime-input.js';
import { parseAddress } from '../../src/model/address.js';
import { validateMessage } from '../../src/model/validate-message.js';

const SENDER = 'noreply@mail.example.com';

/**
 * An oracle written apart from the parser: the domain is the text after the last "@" that is outside quotes and
 * comments, inside the `<...>` when there is one, else in the bare address.
 */
function intendedDomain(text: string): string | undefined {
  let inQuote = false;
  let depth = 0;
  let angleStart = -1;
  let angleEnd = -1;
  let stripped = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && (inQuote || depth > 0)) {
      i++;
      stripped += '  ';
      continue;
    }
    if (inQuote) {
      inQuote = c !== '"';
      stripped += ' ';
    } else if (depth > 0) {
      depth += c === '(' ? 1 : c === ')' ? -1 : 0;
      stripped += ' ';
    } else if (c === '"') {
      inQuote = true;
      stripped += ' ';
    } else if (c === '(') {
      depth = 1;
      stripped += ' ';
    } else {
      if (c === '<' && angleStart < 0) angleStart = i;
      if (c === '>' && angleStart >= 0 && angleEnd < 0) angleEnd = i;
      stripped += c;
    }
  }
  const spec = angleStart >= 0 ? stripped.slice(angleStart + 1, angleEnd) : stripped;
  const at = spec.lastIndexOf('@');
  if (at < 0) return undefined;
  const domain = spec.slice(at + 1).trim();
  return /^[\x00-\x7f]*$/.test(domain) ? domain.toLowerCase() : domainToASCII(domain);
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);
// mailparser shows internationalized domains in Unicode; the wire (and the envelope) carries punycode.
const ascii = (address: string | undefined = '') =>
  `${address.slice(0, address.lastIndexOf('@'))}@${domainToASCII(domainOf(address))}`;

describe('the advisory cases are refused or routed to the named domain', () => {
  it.each([
    ['"xclow3n@gmail.com x"@internal.domain', undefined],
    ['"a@evil.com"@good.com', undefined],
    ['<"a@evil.com"@good.com>', undefined],
    ['a@evil.com <b@good.com>', undefined],
    ['"a@evil.com" <b@good.com>', 'good.com'],
    ['a@b.c <x@y.z>', undefined],
    ['Name <a@good.com> <x@evil.com>', undefined],
    ['<a@good.com><x@evil.com>', undefined],
    ['group: a@good.com, b@evil.com;', undefined],
    ['undisclosed-recipients:;', undefined],
    ['a@good.com (x@evil.com)', 'good.com'],
    ['(x@evil.com) a@good.com', 'good.com'],
    ['a(x@evil.com)@good.com', undefined],
    ['a@good.com(x)', 'good.com'],
    ['a@good.com\\@evil.com', undefined],
    ['a%evil.com@good.com', 'good.com'],
    ['"a\\"@evil.com"@good.com', undefined],
    ['<@evil.com:a@good.com>', undefined],
    ['a@[10.0.0.1]', undefined],
    ['用户 <a@例子.中国>', 'xn--fsqu00a.xn--fiqs8s'],
    ['a@gοοgle.com', 'xn--ggle-0nda.com'],
  ])('%s', async (input, domain) => {
    const parsed = parseAddress(input);
    expect(parsed.ok ? domainOf(parsed.address.address) : undefined).toBe(domain);
    const result = validateMessage({ from: SENDER, to: input, subject: 's', text: 't' });
    if (domain === undefined) {
      expect(result.ok).toBe(false);
      return;
    }
    const built = buildMime({ from: SENDER, to: input, subject: 's', text: 't' });
    expect(built.envelope.to.map(domainOf)).toEqual([domain]);
    const mail = await simpleParser(built.raw);
    const to = mail.to && !Array.isArray(mail.to) ? mail.to.value : [];
    expect(to.map((entry) => ascii(entry.address))).toEqual(built.envelope.to);
  });
});

// Strings made of the characters that matter to address syntax, in shapes that look like addresses.
const atom = fc
  .array(fc.constantFrom('a', 'b', 'x', '1', '.', '-', '+', '_', '@', '"', '\\', ' ', '(', ')', ',', 'é'), {
    maxLength: 8,
  })
  .map((chars) => chars.join(''));
const domain = fc.constantFrom('good.com', 'evil.com', 'b.c', 'Mail.Example.ORG', 'münchen.de', '例子.中国', 'x');
const addressLike = fc.oneof(
  fc.tuple(atom, domain).map(([local, d]) => `${local}@${d}`),
  fc.tuple(atom, atom, domain).map(([name, local, d]) => `${name} <${local}@${d}>`),
  fc.tuple(atom, atom, domain).map(([name, local, d]) => `"${name}" <${local}@${d}>`),
  fc.tuple(atom, domain, atom, domain).map(([l1, d1, l2, d2]) => `"${l1}@${d1}"@${d2} ${l2}`),
  fc.tuple(atom, domain, atom, domain).map(([l1, d1, l2, d2]) => `${l1}@${d1} <${l2}@${d2}>`),
  fc.tuple(atom, domain, atom).map(([local, d, comment]) => `${local}@${d} (${comment})`),
  fc
    .array(fc.constantFrom('a', '@', '"', '<', '>', '(', ')', ',', ':', ';', '\\', ' ', '.', 'b.c'), {
      maxLength: 16,
    })
    .map((chars) => chars.join('')),
);

describe('property: an accepted address routes to the domain it names', () => {
  it('the envelope domain is the text after the last unquoted "@" of the addr-spec', () => {
    fc.assert(
      fc.property(addressLike, (input) => {
        const parsed = parseAddress(input);
        if (!parsed.ok) return;
        expect(domainOf(parsed.address.address)).toBe(intendedDomain(input));
      }),
      { numRuns: 2000 },
    );
  });

  it('the built To header round-trips through mailparser to the same address', async () => {
    await fc.assert(
      fc.asyncProperty(addressLike, async (input) => {
        const message = { from: SENDER, to: input, subject: 's', text: 't' };
        const result = validateMessage(message);
        if (!result.ok) return;
        const built = buildMime(message);
        const mail = await simpleParser(built.raw);
        const to = mail.to && !Array.isArray(mail.to) ? mail.to.value : [];
        expect(to.map((entry) => ({ name: entry.name, address: ascii(entry.address) }))).toEqual(result.message.to);
        expect(built.envelope.to).toEqual(result.message.to.map((mailbox) => mailbox.address));
      }),
      { numRuns: 300 },
    );
  });
});
