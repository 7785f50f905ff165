import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits/limits.js';
import { parseAddress, parseAddressList, parseAddressListAtMost, parseAddressString } from './address.js';

const ok = (input: Parameters<typeof parseAddressList>[0]) =>
  parseAddressList(input).map((result) => (result.ok ? result.address : `refused: ${result.reason}`));

describe('parseAddressList: accepted forms', () => {
  it.each([
    ['a@b.co', [{ name: '', address: 'a@b.co' }]],
    ['Name <a@B.Example.COM>', [{ name: 'Name', address: 'a@b.example.com' }]],
    ['"Quoted, Name" <a@b.co>', [{ name: 'Quoted, Name', address: 'a@b.co' }]],
    ['"Say \\"hi\\"" <a@b.co>', [{ name: 'Say "hi"', address: 'a@b.co' }]],
    ['  Spaced   Name   <a@b.co>  ', [{ name: 'Spaced Name', address: 'a@b.co' }]],
    ['a@b.co (Comment Name)', [{ name: 'Comment Name', address: 'a@b.co' }]],
    ['Name (a comment) <a@b.co>', [{ name: 'Name', address: 'a@b.co' }]],
    ['<a@b.co>', [{ name: '', address: 'a@b.co' }]],
    ['张三 <zs@例子.中国>', [{ name: '张三', address: 'zs@xn--fsqu00a.xn--fiqs8s' }]],
    ['x@münchen.de', [{ name: '', address: 'x@xn--mnchen-3ya.de' }]],
    ["o'brien+tag@b.co", [{ name: '', address: "o'brien+tag@b.co" }]],
    [
      'a@b.co, "B" <b@c.co>,',
      [
        { name: '', address: 'a@b.co' },
        { name: 'B', address: 'b@c.co' },
      ],
    ],
    // Each angle address is its own entry: the second can never take over the first one's name or domain.
    [
      'name <a@b.co>, <x@y.zz>',
      [
        { name: 'name', address: 'a@b.co' },
        { name: '', address: 'x@y.zz' },
      ],
    ],
  ])('%s', (input, expected) => {
    expect(ok(input)).toEqual(expected);
  });

  it('accepts objects and arrays, keeping array positions', () => {
    const results = parseAddressList(['a@b.co', { name: ' A ', address: ' c@D.co ' }, 'x@y.co, bad']);
    expect(results.map((r) => [r.ok, r.index])).toEqual([
      [true, 0],
      [true, 1],
      [true, 2],
      [false, 2],
    ]);
    expect(results[1]).toMatchObject({ ok: true, address: { name: 'A', address: 'c@d.co' } });
  });
});

describe('parseAddressList: refused forms', () => {
  it.each([
    // The 2025 nodemailer advisory: a quoted local part holding an "@" must never route to gmail.com.
    ['"xclow3n@gmail.com x"@internal.domain', 'quoted local parts'],
    ['<"a@evil.com"@good.com>', 'quoted local parts'],
    ['"a@evil.com"@good.com', 'quoted local parts'],
    ['a@evil.com <b@good.com>', 'unquoted "@" in its display name'],
    ['Name <a@b.co> <x@y.zz>', 'text after'],
    ['Name <a@b.co> x@y.zz', 'text after'],
    ['a(x)@b.co', 'comment inside the address'],
    ['<a(x)@b.co>', 'comment inside <...>'],
    ['<@route:a@b.co>', 'source route'],
    ['group: a@b.co;', 'group syntax'],
    ['jö@b.co', 'SMTPUTF8'],
    ['a@b@c.co', 'more than one "@"'],
    ['a..b@c.co', 'dot-atom'],
    ['a@[127.0.0.1]', 'domain literal'],
    ['a@127.0.0.1', 'IP address'],
    ['a@localhost', 'without a dot'],
    ['a@-bad.co', 'not a valid domain name'],
    ['a@b.co x', 'white space'],
    ['Doe, John <j@x.co>', 'quote the name'],
    ['"unclosed <a@b.co>', 'unclosed quote'],
    ['(unclosed a@b.co', 'unclosed comment'],
    ['Name <a@b.co', 'unclosed "<"'],
    ['a@b.co>', '">" without'],
    [`${'l'.repeat(65)}@b.co`, 'more than 64'],
    [`a@${'b'.repeat(64)}.co`, 'longer than 63 octets'],
    [`${'l'.repeat(64)}@${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(63)}.co`, 'RFC 5321 allows at most 254'],
    ['a@xn--zz.com', 'not valid IDNA punycode'],
    ['a@xn--abc-.com', 'not a valid domain name'],
    ['=?UTF-8?B?YUBldmlsLmNvbQ==?=@example.com', 'encoded word'],
    ['<=?utf-8?q?a=40evil.com?=@example.com>', 'encoded word'],
    [`${'N'.repeat(257)} <a@b.co>`, 'at most 256 characters (R23)'],
    [`"${'N'.repeat(2000)}" <a@b.co>`, 'at most 256 characters (R23)'],
    [`x${' '.repeat(5000)}y`, 'RFC 5321'],
  ])('%s', (input, reason) => {
    const results = parseAddressList(input);
    expect(results.some((r) => !r.ok && r.reason.includes(reason))).toBe(true);
    expect(results.every((r) => !r.ok || !r.address.address.includes('evil'))).toBe(true);
  });

  it('marks line breaks as header injection', () => {
    expect(parseAddressList('a@b.co\r\nBcc: x@evil.com')).toMatchObject([{ ok: false, injection: true }]);
    expect(parseAddressList({ name: 'x\n', address: 'a@b.co' })).toMatchObject([
      { ok: false, injection: true, field: 'name' },
    ]);
  });

  it('marks a display name over the cap as nameTooLong, in strings and objects', () => {
    const name = 'N'.repeat(LIMITS.maxDisplayNameLength + 1);
    expect(parseAddressList(`${name} <a@b.co>`)).toMatchObject([{ ok: false, nameTooLong: true }]);
    expect(parseAddressList({ name, address: 'a@b.co' })).toMatchObject([
      { ok: false, nameTooLong: true, field: 'name' },
    ]);
    expect(parseAddressList({ name: name.slice(1), address: 'a@b.co' })).toMatchObject([{ ok: true }]);
  });

  it('counts entries before parsing them when bounded', () => {
    expect(parseAddressListAtMost('a@b.co, c@d.co, e@f.co', 2)).toEqual({ tooMany: 3 });
    expect(parseAddressListAtMost(['a@b.co', 'c@d.co, e@f.co', { address: 'g@h.co' }], 3)).toEqual({ tooMany: 4 });
    expect(parseAddressListAtMost(['x', 'y', 'z'], 2)).toEqual({ tooMany: 3 });
    expect(parseAddressListAtMost('a@b.co, c@d.co', 2)).toMatchObject({ tooMany: undefined, results: [{}, {}] });
  });

  it('wants a bare address in { name, address }', () => {
    expect(parseAddressList({ name: 'A', address: 'A <a@b.co>' })).toMatchObject([{ ok: false, field: 'address' }]);
  });
});

describe('parseAddress', () => {
  it('parses exactly one address', () => {
    expect(parseAddress('A <a@b.co>')).toMatchObject({ ok: true, address: { name: 'A', address: 'a@b.co' } });
    expect(parseAddress('a@b.co, c@d.co')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('expected one'),
    });
    expect(parseAddress('')).toMatchObject({ ok: false });
  });
});

describe('the fast path agrees with the scanner', () => {
  const corpus = [
    'a@b.co',
    ' a@b.co ',
    'Name <a@b.co>',
    'N  a\tme <A@B.CO>',
    '<a@b.co>',
    'a@b',
    'a@-x.co',
    'a..b@c.co',
    'Näme <a@b.co>',
    '腾讯云 <noreply@mail.example.com>',
    'a@1.2.3.4',
    'x.y@z.example.org',
    'Mr. X <x@y.co>',
    `${' '.repeat(3000)}a@b.co`,
    `a${' '.repeat(3000)}b <a@b.co>`,
    `${'N'.repeat(257)} <a@b.co>`,
    `${'N '.repeat(200)}<a@b.co>`,
    `${'n'.repeat(300)}@b.co`,
    ' \u3000 Name\u00a0 <a@b.co>\ufeff',
  ];
  it.each(corpus)('%s', (text) => {
    expect(parseAddressString(text, undefined, true)).toEqual(parseAddressString(text, undefined, false));
  });

  it('on generated input', () => {
    const char = fc.constantFrom(...'aZ09.-_+@<> "(),\t:;\\é张'.split(''));
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 30 }).map((chars) => chars.join('')),
        (text) => {
          expect(parseAddressString(text, undefined, true)).toEqual(parseAddressString(text, undefined, false));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('on generated name <local@domain> shapes', () => {
    const from = (chars: string) =>
      fc.array(fc.constantFrom(...chars.split('')), { maxLength: 12 }).map((a) => a.join(''));
    const shape = fc
      .tuple(from('aZ .\t"é张:@'), from('az09.-+"@'), from('az09.-é'), fc.boolean())
      .map(([name, local, domain, bare]) => (bare ? ` ${local}@${domain} ` : `${name} <${local}@${domain}>`));
    fc.assert(
      fc.property(shape, (text) => {
        expect(parseAddressString(text, undefined, true)).toEqual(parseAddressString(text, undefined, false));
      }),
      { numRuns: 1000 },
    );
  });
});
