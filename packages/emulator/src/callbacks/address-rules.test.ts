import { describe, expect, it } from 'vitest';
import { planEvents } from './address-rules.js';
import { firstLink } from './on-demand-request.js';

const TIMING = { delayMs: 10, deferredMs: 50, processed: false };
const events = (recipient: string, timing = TIMING) =>
  planEvents(recipient, timing).map((event) => [event.event, event.afterMs, event.bounceType ?? null]);

describe('planEvents', () => {
  it('reads the word before the first + of the local part, whatever its case', () => {
    expect(events('alice@example.org')).toEqual([['delivered', 10, null]]);
    expect(events('bounce@example.org')).toEqual([['bounce', 10, 'hard_bounce']]);
    expect(events('BOUNCE+hard@example.org')).toEqual([['bounce', 10, 'hard_bounce']]);
    expect(events('bounce+soft+x@example.org')).toEqual([['bounce', 10, 'soft_bounce']]);
    expect(events('bounce+anything@example.org')).toEqual([['bounce', 10, 'hard_bounce']]);
    expect(events('dropped@example.org')).toEqual([['dropped', 10, null]]);
    expect(events('drop+1@example.org')).toEqual([['dropped', 10, null]]);
    expect(events('defer+1@example.org')).toEqual([
      ['deferred', 10, null],
      ['delivered', 50, null],
    ]);
    // Only the whole first word counts, and only in the local part.
    expect(events('bounced@example.org')).toEqual([['delivered', 10, null]]);
    expect(events('alice+bounce@example.org')).toEqual([['delivered', 10, null]]);
    expect(events('alice@bounce.example.org')).toEqual([['delivered', 10, null]]);
  });

  it('starts with processed when asked, the outcome right after it', () => {
    expect(events('bounce+soft@example.org', { ...TIMING, processed: true })).toEqual([
      ['processed', 10, null],
      ['bounce', 0, 'soft_bounce'],
    ]);
  });
});

describe('firstLink', () => {
  it('finds the first http(s) href by a linear scan', () => {
    expect(firstLink('<a href="mailto:x@y">m</a><a HREF=\'https://example.org/a?b=1\'>x</a>')).toBe(
      'https://example.org/a?b=1',
    );
    expect(firstLink('<a href=unquoted>x</a><a href="http://example.org/">y</a>')).toBe('http://example.org/');
    expect(firstLink('<p>no link</p>')).toBeUndefined();
    expect(firstLink('<a href="http://unterminated')).toBeUndefined();
    expect(firstLink(undefined)).toBeUndefined();
    expect(firstLink(`${'href='.repeat(50_000)}`)).toBeUndefined();
  });
});
