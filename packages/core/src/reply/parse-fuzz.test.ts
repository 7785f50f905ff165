import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorFromReply } from './error-from-reply.js';
import { isQcloudMailError } from '../errors/qcloud-mail-error.js';
import { toQcloudMailError } from './to-qcloud-mail-error.js';
import { SES_ERROR_CATALOG } from './catalog-data.js';
import { parseSesReply } from './parse-ses-reply.js';
import { R17_MESSAGES } from './r17-messages.js';
import { renderSesReply, SES_REPLIES } from './ses-replies.js';

const CATEGORIES = new Set([
  'validation',
  'rate_limit',
  'quota',
  'auth',
  'sender',
  'recipient',
  'content',
  'service',
  'connection',
  'timeout',
  'configuration',
  'unknown',
  'success',
]);

const REAL_REPLIES: readonly string[] = [
  ...Object.values(SES_REPLIES),
  ...Object.values(R17_MESSAGES).map((e, i) =>
    renderSesReply({ ...e, requestId: `r${i}`, shape: i % 2 ? 'inside' : 'beside' }),
  ),
  ...SES_ERROR_CATALOG.slice(0, 40).map((e) =>
    renderSesReply({ providerCode: e.code, message: e.meaningZh, requestId: 'x', wrapper: 'modern' }),
  ),
  '554 5.0.0 Error: transaction failed, blame it on the weather: ##SES-response-json:\n{"Response":{"RequestId":"bee4"},"QcloudError":\n{"Error":{"Code":"FailedOperation.MissingEmailContent.操作失败。',
  'write tcp 1.2.3.4:1->5.6.7.8:25: write: broken pipe',
];

// Mutations of real replies: cut, splice random text in, drop a slice, or duplicate a slice.
const mutatedReply = fc
  .tuple(fc.constantFrom(...REAL_REPLIES), fc.nat(), fc.nat(), fc.string({ unit: 'binary', maxLength: 20 }), fc.nat(3))
  .map(([reply, a, b, insert, kind]) => {
    const i = a % (reply.length + 1);
    const j = i + (b % (reply.length - i + 1));
    if (kind === 0) return reply.slice(0, i);
    if (kind === 1) return reply.slice(0, i) + insert + reply.slice(i);
    if (kind === 2) return reply.slice(0, i) + reply.slice(j);
    return reply.slice(0, j) + reply.slice(i, j) + reply.slice(j);
  });

function wellFormed(value: unknown): void {
  const parsed = parseSesReply(value);
  expect(CATEGORIES.has(parsed.category)).toBe(true);
  expect(typeof parsed.code).toBe('string');
  expect(typeof parsed.message).toBe('string');
  expect(typeof parsed.retryable).toBe('boolean');
  if (!parsed.retryable) expect(parsed.retryAfterMs).toBeNull();
}

function wrapsSafely(value: unknown): void {
  const error = toQcloudMailError(value);
  expect(isQcloudMailError(error)).toBe(true);
  expect(CATEGORIES.has(error.category)).toBe(true);
  expect(() => JSON.stringify(error)).not.toThrow();
}

// 100,000 runs in all, split so each property stays under a couple of seconds.
describe('parseSesReply and toQcloudMailError never throw', () => {
  it('parseSesReply on arbitrary full-unicode strings (30k)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), wellFormed), { numRuns: 30_000 });
  });

  it('parseSesReply on mutated real replies (30k)', () => {
    fc.assert(fc.property(mutatedReply, wellFormed), { numRuns: 30_000 });
  });

  it('errorFromReply on mutated real replies and ascii strings (15k)', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedReply, fc.string({ maxLength: 200 })), (reply) => {
        const error = errorFromReply(reply);
        expect(isQcloudMailError(error)).toBe(true);
        expect(error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 15_000 },
    );
  });

  it('toQcloudMailError on anything, strings and error-like objects (25k)', () => {
    const errorLike = fc.record(
      {
        name: fc.oneof(fc.string(), fc.constantFrom('AbortError', 'TimeoutError', 'Error')),
        code: fc.oneof(
          fc.string(),
          fc.constantFrom('EAUTH', 'ECONNRESET', 'ETIMEDOUT', 'ESOCKET', 'ERR_SSL_X', 'EMESSAGE'),
          fc.integer(),
        ),
        message: fc.oneof(fc.string(), mutatedReply),
        response: fc.oneof(mutatedReply, fc.anything()),
        responseCode: fc.anything(),
        command: fc.oneof(fc.string(), fc.constantFrom('AUTH PLAIN', 'DATA', 'RCPT TO')),
        originalCode: fc.string(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.string({ unit: 'binary' }), mutatedReply, errorLike),
        fc.boolean(),
        (value, after) => {
          wrapsSafely(value);
          expect(isQcloudMailError(toQcloudMailError(value, { afterDataSent: after }))).toBe(true);
        },
      ),
      { numRuns: 25_000 },
    );
  });
});
