import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIssueSink } from './issue.js';
import { messageSchema } from './message-schema.js';
import { readFields } from './read-fields.js';
import { validateMessage } from './validate-message.js';

const valid = {
  from: 'Sender <s@example.com>',
  to: ['a@example.org', { name: 'B', address: 'b@example.org' }],
  replyTo: 'r@example.com',
  subject: 'Hi',
  text: 'x',
  html: '<p>x</p>',
  attachments: [{ filename: 'a.pdf', content: Buffer.from('x'), contentType: 'application/pdf' }],
  headers: { 'X-A': 'b' },
  messageId: '<id@example.com>',
  date: new Date(),
};

// Inputs that differ from a valid message in the type of one field.
const corpus: unknown[] = [
  valid,
  {},
  { ...valid, from: ['a@example.com'] },
  { ...valid, to: 42 },
  { ...valid, to: [{ name: 'x' }] },
  { ...valid, cc: [null] },
  { ...valid, subject: null },
  { ...valid, text: Buffer.from('x') },
  { ...valid, attachments: {} },
  { ...valid, attachments: [{ filename: 'a', content: 'x', encoding: 'utf16' }] },
  { ...valid, attachments: [{ filename: 'a', content: new Uint8Array(2) }] },
  { ...valid, attachments: [{ filename: 1, content: 'x' }] },
  { ...valid, attachments: [{ filename: 'a', content: 'x', contentDisposition: 'form-data' }] },
  { ...valid, attachments: ['x'] },
  { ...valid, headers: { 'X-A': 1 } },
  { ...valid, headers: [{ key: 'X-A' }] },
  { ...valid, headers: 'X-A: b' },
  { ...valid, date: 0 },
  { ...valid, date: new Date(Number.NaN) },
  { ...valid, messageId: 1 },
  { ...valid, unknownKey: 'ignored' },
];

const readIssues = (input: unknown) => {
  const sink = createIssueSink();
  readFields(input, sink);
  return sink.issues;
};

describe('messageSchema', () => {
  it('accepts a full nodemailer-style message', () => {
    expect(messageSchema.safeParse(valid).success).toBe(true);
  });

  it.each(corpus.map((input, i) => [i, input] as const))('agrees with validation on type errors (#%i)', (_i, input) => {
    const zod = messageSchema.safeParse(input);
    const issues = readIssues(input);
    expect(issues.length === 0).toBe(zod.success);
    if (!zod.success) {
      const zodFields = new Set(zod.error.issues.map((issue) => issue.path[0]));
      expect(new Set(issues.map((issue) => issue.path[0]))).toEqual(zodFields);
      expect(issues.every((issue) => issue.code === 'invalid_type')).toBe(true);
    }
  });

  it('agrees with validation on generated messages', () => {
    const field = fc.oneof(
      fc.string({ maxLength: 5 }),
      fc.integer(),
      fc.constant(undefined),
      fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
    );
    const message = fc.record(
      {
        from: field,
        to: field,
        subject: field,
        text: field,
        headers: fc.oneof(field, fc.dictionary(fc.string({ maxLength: 3 }), field)),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(message, (input) => {
        expect(readIssues(input).length === 0).toBe(messageSchema.safeParse(input).success);
      }),
      { numRuns: 300 },
    );
  });
});

describe('validateMessage never throws', () => {
  const check = (input: unknown) => {
    const result = validateMessage(input);
    expect(typeof result.ok).toBe('boolean');
    if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
  };

  it('on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), check), { numRuns: 300 });
  });

  it('on arbitrary JSON shaped like a message', () => {
    const anyField = fc.jsonValue({ maxDepth: 3 });
    const shaped = fc.record(
      {
        from: anyField,
        to: anyField,
        cc: anyField,
        subject: anyField,
        text: anyField,
        attachments: anyField,
        headers: anyField,
        date: anyField,
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(shaped, check), { numRuns: 300 });
  });

  it('on arbitrary values (objects with getters, typed arrays, BigInt, symbols)', () => {
    fc.assert(
      fc.property(
        fc.anything({
          maxDepth: 3,
          maxKeys: 6,
          withBigInt: true,
          withTypedArray: true,
          withMap: true,
          withSet: true,
          withObjectString: true,
          withNullPrototype: true,
          withBoxedValues: true,
          withSparseArray: true,
        }),
        check,
      ),
      { numRuns: 300 },
    );
  });
});
