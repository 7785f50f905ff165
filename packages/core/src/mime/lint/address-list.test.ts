import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAddressList, splitTopLevel } from './address-list.js';
import { decodeEncodedWords } from './decode-words.js';

// The regexes the linear scans replaced, kept here as the reference they must agree with (on short inputs,
// where their quadratic time does not matter). The top-level split was never one of them: both sides share it.
function reference(value: string, groups: boolean) {
  const out: Array<{ name: string; address: string }> = [];
  for (let piece of splitTopLevel(value)) {
    const group = /^\s*(?:"[^"]*"|[^"<:])*:/.exec(piece);
    if (groups && group && !piece.trim().startsWith('<')) piece = piece.slice(group[0].length);
    const bare = piece.replace(/\((?:[^()\\]|\\.)*\)/g, ' ').trim();
    if (bare === '') continue;
    const open = bare.lastIndexOf('<');
    const close = bare.lastIndexOf('>');
    if (open >= 0 && close > open) {
      let name = bare.slice(0, open).trim();
      if (name.length >= 2 && name.startsWith('"') && name.endsWith('"'))
        name = name.slice(1, -1).replace(/\\(.)/g, '$1');
      out.push({ name: decodeEncodedWords(name), address: bare.slice(open + 1, close).trim() });
    } else out.push({ name: '', address: bare });
  }
  return out;
}

// Text made of the characters that matter to groups, comments, quotes and escapes.
const tricky = fc
  .array(fc.constantFrom('(', ')', '\\', '"', ':', '<', '>', ',', ';', ' ', '\t', '\n', 'a', '@', 'b.c', '=?'), {
    maxLength: 40,
  })
  .map((chars) => chars.join(''));

describe('parseAddressList (lint)', () => {
  it('agrees with the regexes it replaced, on any short text', () => {
    fc.assert(
      fc.property(tricky, fc.boolean(), (value, groups) => {
        expect(parseAddressList(value, groups)).toEqual(reference(value, groups));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads groups, comments and quoted names', () => {
    expect(parseAddressList('Team: "A, B" <a@b.c> (work), c@d.e (x\\) y);')).toEqual([
      { name: 'A, B', address: 'a@b.c' },
      { name: '', address: 'c@d.e' },
    ]);
    expect(parseAddressList('Sales: Joe <j@b.c>', false)).toEqual([{ name: 'Sales: Joe', address: 'j@b.c' }]);
  });
});
