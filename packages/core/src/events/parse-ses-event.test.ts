import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isQcloudMailError } from '../errors/qcloud-mail-error.js';
import { SES_EVENT_BOUNDS } from './event-schema.js';
import { isInvalidEventError, parseSesEvent, parseSesEvents } from './parse-ses-event.js';

// R29's two examples, verbatim.
const EXAMPLE_2025 = JSON.parse(
  '{"event":"bounce","email":"example@example.com","bulkId":"qcloudses-30-251200670-date-20220601142439-8jolHvR2XcXC1","timestamp":1654064683,"reason":"551 5.1.1 recipient is not exist","bounceType":"hard_bounce","username":"251200670","from":"test@fromexample.com","fromDomain":"fromexample.com","templateId":123456,"subject":"example subject","messageId":"ea2783c1-7704-48a8-af36-2b9e83e767ec@fromexample.com","sentTimestamp":1761555487,"X-Tencentcloudses-Cb-Custom":"ses callback"}',
) as unknown;
const EXAMPLE_2021 = JSON.parse(
  '{"event":"delivered","email":"example@example.com","bulkId":"qcloud-ses-4F001945B2D9BE90362","timestamp":1587953211,"reason":"the reason when email failed to delivered","bounceType":""}',
) as unknown;

const base = { event: 'delivered', email: 'a@example.com', timestamp: 1_700_000_000 };

function refusal(body: unknown, many = false) {
  try {
    if (many) parseSesEvents(body);
    else parseSesEvent(body);
  } catch (error) {
    if (isInvalidEventError(error)) return error;
    throw error;
  }
  throw new Error('expected INVALID_EVENT');
}

describe('parseSesEvent: the documented payloads (R27-R29)', () => {
  it('reads the 2025 example: every field typed, messageId bracketed, the custom field kept', () => {
    expect(parseSesEvent(EXAMPLE_2025)).toEqual({
      kind: 'bounce',
      event: 'bounce',
      recipient: 'example@example.com',
      bulkId: 'qcloudses-30-251200670-date-20220601142439-8jolHvR2XcXC1',
      timestamp: new Date(1654064683_000),
      sentAt: new Date(1761555487_000),
      reason: '551 5.1.1 recipient is not exist',
      bounceType: 'hard',
      appId: '251200670',
      from: 'test@fromexample.com',
      fromDomain: 'fromexample.com',
      templateId: '123456',
      subject: 'example subject',
      messageId: '<ea2783c1-7704-48a8-af36-2b9e83e767ec@fromexample.com>',
      extra: { 'X-Tencentcloudses-Cb-Custom': 'ses callback' },
    });
  });

  it('reads the 2021 example: an empty bounceType is absent, not an error', () => {
    const event = parseSesEvent(EXAMPLE_2021);
    expect(event).toMatchObject({ kind: 'delivered', bulkId: 'qcloud-ses-4F001945B2D9BE90362' });
    expect(event.bounceType).toBeUndefined();
    expect(event.reason).toBe('the reason when email failed to delivered');
    expect(event.extra).toEqual({});
  });

  it('reads the older six-field shape and a payload with only the required fields', () => {
    const old = { ...base, event: 'bounce', bulkId: 'b1', reason: '550 no', bounceType: 'soft' };
    expect(parseSesEvent(old)).toMatchObject({ kind: 'bounce', bounceType: 'soft', bulkId: 'b1' });
    const bare = parseSesEvent(base);
    expect(Object.keys(bare).sort()).toEqual(['event', 'extra', 'kind', 'recipient', 'timestamp']);
  });

  it.each([
    ['hard', 'hard'],
    ['hard_bounce', 'hard'],
    ['soft', 'soft'],
    ['soft_bounce', 'soft'],
    ['HARD_BOUNCE', 'hard'],
  ])('maps bounceType %s to %s', (given, expected) => {
    expect(parseSesEvent({ ...base, event: 'bounce', bounceType: given }).bounceType).toBe(expected);
  });

  it('keeps a bounceType neither vocabulary has in extra rather than guessing', () => {
    const event = parseSesEvent({ ...base, event: 'bounce', bounceType: 'transient' });
    expect(event.bounceType).toBeUndefined();
    expect(event.extra).toEqual({ bounceType: 'transient' });
  });

  it('takes bulkid (lower case) as bulkId, and keeps a disagreeing second spelling', () => {
    expect(parseSesEvent({ ...base, bulkid: 'x1' }).bulkId).toBe('x1');
    const both = parseSesEvent({ ...base, bulkId: 'x1', bulkid: 'x2' });
    expect(both.bulkId).toBe('x1');
    expect(both.extra).toEqual({ bulkid: 'x2' });
    expect(parseSesEvent({ ...base, bulkId: 'x1', bulkid: 'x1' }).extra).toEqual({});
  });

  it.each(['processed', 'delivered', 'deferred', 'dropped', 'bounce', 'open', 'click', 'spamreport', 'unsubscribe'])(
    'knows the event value %s (R28)',
    (value) => {
      expect(parseSesEvent({ ...base, event: value }).kind).toBe(value);
    },
  );

  it('gives an event value R28 does not list the kind unknown, keeping the value as sent', () => {
    expect(parseSesEvent({ ...base, event: 'Quarantined' })).toMatchObject({ kind: 'unknown', event: 'Quarantined' });
  });

  it('reads click and open fields: link, useragent, eventid, taskId', () => {
    const click = parseSesEvent({
      ...base,
      event: 'click',
      link: 'https://example.com/a?b=c',
      useragent: 'Mozilla/5.0',
      eventid: 5,
      taskId: 42,
    });
    expect(click).toMatchObject({
      link: 'https://example.com/a?b=c',
      userAgent: 'Mozilla/5.0',
      eventId: 5,
      taskId: '42',
    });
    expect(parseSesEvent({ ...base, eventid: '8' }).eventId).toBe(8);
  });

  it('decodes encoded-word subjects (B and Q, adjacent words joined)', () => {
    const b = Buffer.from('你好，世界', 'utf8').toString('base64');
    expect(parseSesEvent({ ...base, subject: `=?UTF-8?B?${b}?=` }).subject).toBe('你好，世界');
    expect(parseSesEvent({ ...base, subject: '=?utf-8?Q?caf=C3=A9_au?= =?utf-8?Q?_lait?=' }).subject).toBe(
      'café au lait',
    );
  });

  it('keeps a messageId already in brackets as it is and trims spaces', () => {
    expect(parseSesEvent({ ...base, messageId: '<a@b>' }).messageId).toBe('<a@b>');
    expect(parseSesEvent({ ...base, messageId: ' a@b ' }).messageId).toBe('<a@b>');
    expect(parseSesEvent({ ...base, messageId: '' }).messageId).toBeUndefined();
  });

  it('tolerates numbers written as digit strings and null optional fields', () => {
    const event = parseSesEvent({ ...base, timestamp: '1654064683', sentTimestamp: '', reason: null, link: null });
    expect(event.timestamp).toEqual(new Date(1654064683_000));
    expect(event.sentAt).toBeUndefined();
    expect(event.reason).toBeUndefined();
  });

  it('keeps unknown fields as sent, an own __proto__ key as a key and never as a prototype', () => {
    const body = JSON.parse('{"event":"open","email":"a@b.c","timestamp":1,"__proto__":{"polluted":true},"n":[1]}');
    const event = parseSesEvent(body);
    expect(Object.getPrototypeOf(event.extra)).toBe(Object.prototype);
    expect(Object.hasOwn(event.extra, '__proto__')).toBe(true);
    expect(event.extra.n).toEqual([1]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.isFrozen(event.extra)).toBe(true);
  });
});

describe('parseSesEvent: refusals are INVALID_EVENT errors naming the field (R27)', () => {
  it.each([
    [null, 'the event'],
    ['text', 'the event'],
    [[base], 'the event'],
    [{ ...base, event: undefined }, 'event'],
    [{ ...base, event: '' }, 'event'],
    [{ ...base, email: 42 }, 'email'],
    [{ ...base, timestamp: undefined }, 'timestamp'],
    [{ ...base, timestamp: -1 }, 'timestamp'],
    [{ ...base, timestamp: '12abc' }, 'timestamp'],
    [{ ...base, timestamp: 1e15 }, 'timestamp'],
    [{ ...base, timestamp: Number.NaN }, 'timestamp'],
    [{ ...base, reason: {} }, 'reason'],
    [{ ...base, templateId: 1.5 }, 'templateId'],
    [{ ...base, eventid: 'x' }, 'eventid'],
  ])('refuses %j, naming %s', (body, field) => {
    const error = refusal(body);
    expect(error.code).toBe('INVALID_EVENT');
    expect(error.category).toBe('validation');
    expect(error.rule).toBe('R27');
    expect(error.message).toContain(field);
    expect(error.issues[0]?.rule).toBe('R27');
  });

  it('lists every bad field of one event', () => {
    const error = refusal({ event: 1, email: 2, timestamp: 'x' });
    expect(error.issues.map((issue) => issue.path)).toEqual([['event'], ['email'], ['timestamp']]);
    expect(error.message).toContain('3 problems in all');
  });

  it('refuses an over-long field and an event with too many fields, without echoing them', () => {
    const long = 'x'.repeat(SES_EVENT_BOUNDS.maxReason + 1);
    const error = refusal({ ...base, reason: long });
    expect(error.message).toContain('reason');
    expect(error.message.length).toBeLessThan(600);
    const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    const tooWide = refusal({ ...base, ...wide });
    expect(tooWide.message).toContain(`more than ${SES_EVENT_BOUNDS.maxFields} fields`);
  });

  it('turns a throwing getter into INVALID_EVENT, not a crash', () => {
    const hostile = {
      ...base,
      get reason(): string {
        throw new Error('boom');
      },
    };
    expect(refusal(hostile).message).toContain('could not be read');
  });
});

describe('parseSesEvents', () => {
  it('reads one object or an array of them', () => {
    expect(parseSesEvents(EXAMPLE_2021)).toHaveLength(1);
    expect(parseSesEvents([EXAMPLE_2021, EXAMPLE_2025]).map((event) => event.kind)).toEqual(['delivered', 'bounce']);
  });

  it('refuses the whole body for one bad event, naming its index', () => {
    const error = refusal([base, { ...base, email: null }], true);
    expect(error.issues[0]?.path).toEqual([1, 'email']);
    expect(error.message).toContain('[1].email');
  });

  it('refuses an empty array and one past the cap, and bounds the issues it lists', () => {
    expect(refusal([], true).message).toContain('empty');
    const many = Array.from({ length: SES_EVENT_BOUNDS.maxEvents + 1 }, () => base);
    expect(refusal(many, true).message).toContain(`more than ${SES_EVENT_BOUNDS.maxEvents} events`);
    const bad = Array.from({ length: SES_EVENT_BOUNDS.maxEvents }, () => ({ event: 1 }));
    const error = refusal(bad, true);
    expect(error.issues).toHaveLength(20);
    expect(error.message).toContain('not listed');
    expect(JSON.stringify(error.toJSON()).length).toBeLessThan(10_000);
  });
});

describe('parseSesEvent never throws anything but INVALID_EVENT', () => {
  const check = (body: unknown, many: boolean): void => {
    try {
      if (many) parseSesEvents(body);
      else parseSesEvent(body);
    } catch (error) {
      expect(isQcloudMailError(error) && error.code === 'INVALID_EVENT').toBe(true);
    }
  };

  it('on fc.anything()', () => {
    fc.assert(
      fc.property(fc.anything(), fc.boolean(), (body, many) => check(body, many)),
      { numRuns: 500 },
    );
  });

  it('on fc.json() and on events with fields of any JSON value', () => {
    fc.assert(
      fc.property(fc.json(), (text) => check(JSON.parse(text), true)),
      { numRuns: 500 },
    );
    const field = fc.constantFrom('event', 'email', 'timestamp', 'bounceType', 'subject', 'messageId', 'eventid');
    fc.assert(
      fc.property(fc.dictionary(field, fc.jsonValue()), (fields) => check({ ...base, ...fields }, false)),
      { numRuns: 500 },
    );
  });
});
