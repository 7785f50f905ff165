import { describe, expect, it } from 'vitest';
import { QcloudMailPartialSendError } from '../client/partial-failure.js';
import { templateError } from '../templates/template-error.js';
import type { SendResult } from '../client/types.js';
import { httpStatusOf, toHttpErrorResponse } from './http-error-response.js';
import { QcloudMailError, type QcloudMailErrorOptions } from '../errors/qcloud-mail-error.js';

const error = (options: Partial<QcloudMailErrorOptions> & Pick<QcloudMailErrorOptions, 'code'>) =>
  new QcloudMailError({ message: 'boom', ...options });

describe('toHttpErrorResponse', () => {
  it('answers a validation error with 422 and its issues', () => {
    const response = toHttpErrorResponse(
      error({
        code: 'VALIDATION',
        message: 'subject is required',
        issues: [{ code: 'subject_required', path: ['subject'], rule: 'R23', message: 'subject is required' }],
      }),
    );
    expect(response.status).toBe(422);
    expect(response.headers).toEqual({});
    expect(response.body).toEqual({
      error: {
        code: 'VALIDATION',
        category: 'validation',
        message: 'subject is required',
        retryable: false,
        issues: [{ code: 'subject_required', path: ['subject'], rule: 'R23', message: 'subject is required' }],
      },
    });
  });

  it('answers a rate limit with 429 and Retry-After in whole seconds, rounded up', () => {
    const response = toHttpErrorResponse(
      error({
        code: 'RATE_LIMIT',
        retryable: true,
        retryAfterMs: 1500,
        providerCode: 'RequestLimitExceeded.SmtpRateLimit',
        requestId: 'req-1',
      }),
    );
    expect(response.status).toBe(429);
    expect(response.headers).toEqual({ 'Retry-After': '2' });
    expect(response.body.error).toMatchObject({
      retryAfterMs: 1500,
      providerCode: 'RequestLimitExceeded.SmtpRateLimit',
      requestId: 'req-1',
      retryable: true,
    });
  });

  it('gives a rate limit without a hint a Retry-After of one second (R5 counts per second)', () => {
    const response = toHttpErrorResponse(error({ code: 'RATE_LIMIT' }));
    expect(response.headers['Retry-After']).toBe('1');
    expect(response.body.error.retryAfterMs).toBe(1000);
  });

  it('never lets a very short wait round down to a Retry-After of zero', () => {
    expect(toHttpErrorResponse(error({ code: 'RATE_LIMIT', retryAfterMs: 3 })).headers['Retry-After']).toBe('1');
  });

  it.each(['AUTH', 'CONFIGURATION'] as const)('hides everything but the code of %s behind a 500', (code) => {
    const response = toHttpErrorResponse(
      error({
        code,
        message: '535 5.7.8 Authentication failed for user sender@example.com password hunter2',
        response: '535 5.7.8 Authentication failed',
        providerCode: 'AuthFailure.UnauthorizedOperation',
        requestId: 'req-2',
        issues: [{ code: 'invalid_type', path: ['auth', 'pass'], rule: 'R4', message: 'pass is hunter2' }],
        cause: new Error('hunter2'),
      }),
    );
    expect(response.status).toBe(500);
    expect(response.headers).toEqual({});
    expect(Object.keys(response.body.error).sort()).toEqual(['category', 'code', 'message', 'retryable']);
    const text = JSON.stringify(response);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('sender@example.com');
    expect(text).not.toContain('535');
  });

  it.each([
    ['CONNECTION', undefined],
    ['TIMEOUT', undefined],
    ['PROVIDER', 'service'],
    ['OUTCOME_UNKNOWN', undefined],
    ['CLOSED', undefined],
    ['ABORTED', undefined],
  ] as const)('answers %s (%s) with 503 and a fixed message', (code, category) => {
    const response = toHttpErrorResponse(
      error({ code, ...(category ? { category } : {}), message: 'connect ECONNREFUSED 10.1.2.3:465' }),
    );
    expect(response.status).toBe(503);
    expect(response.body.error.message).not.toContain('10.1.2.3');
    expect(response.headers).toEqual({});
  });

  it('sends Retry-After with a 503 when the error says when to retry', () => {
    const response = toHttpErrorResponse(error({ code: 'PROVIDER', category: 'service', retryAfterMs: 30_000 }));
    expect(response.headers).toEqual({ 'Retry-After': '30' });
  });

  it('keeps the provider message of a content, recipient or sender refusal (422): the caller can fix those', () => {
    for (const category of ['content', 'recipient', 'sender'] as const) {
      const response = toHttpErrorResponse(
        error({ code: 'PROVIDER', category, message: 'The recipient is on the blocklist', providerCode: 'X.Y' }),
      );
      expect(response.status).toBe(422);
      expect(response.body.error).toMatchObject({ message: 'The recipient is on the blocklist', providerCode: 'X.Y' });
    }
  });

  it('answers an exhausted quota (R25) with 503, not 429: the caller sending slower would not help', () => {
    const response = toHttpErrorResponse(
      error({ code: 'PROVIDER', category: 'quota', providerCode: 'FailedOperation.ExceedSendLimit' }),
    );
    expect(response.status).toBe(503);
    expect(response.body.error.providerCode).toBe('FailedOperation.ExceedSendLimit');
  });

  it('answers an unclassified provider error with 502 and other unknown errors with 500', () => {
    expect(httpStatusOf(error({ code: 'PROVIDER' }))).toBe(502);
    expect(httpStatusOf(error({ code: 'UNKNOWN' }))).toBe(500);
  });

  it('never carries the stack, the cause or the raw SMTP reply', () => {
    const response = toHttpErrorResponse(
      error({ code: 'VALIDATION', response: '554 5.0.0 secret reply', cause: new Error('inner') }),
    );
    const text = JSON.stringify(response);
    expect(text).not.toContain('secret reply');
    expect(text).not.toContain('inner');
    expect(text).not.toContain('at ');
  });

  it("carries a TEMPLATE error's details when the caller can fix it, bounded, and nothing for a broken template", () => {
    const missing = toHttpErrorResponse(
      templateError(
        { template: 'shipped', engine: 'handlebars', line: 4, column: 9, variable: 'order.id' },
        { reason: 'a variable is missing' },
      ),
    );
    expect(missing.status).toBe(422);
    expect(missing.body.error.details).toEqual({
      template: 'shipped',
      engine: 'handlebars',
      line: 4,
      column: 9,
      variable: 'order.id',
    });
    const long = toHttpErrorResponse(
      error({ code: 'TEMPLATE', category: 'content', details: { template: 'x'.repeat(10_000), line: 1.5 } }),
    );
    expect(long.body.error.details?.template.length).toBeLessThan(300);
    expect(long.body.error.details).not.toHaveProperty('line');
    const broken = toHttpErrorResponse(
      templateError(
        { template: 'shipped', engine: 'handlebars', line: 2 },
        { reason: 'parse error', category: 'configuration' },
      ),
    );
    expect(broken.status).toBe(500);
    expect(broken.body.error).not.toHaveProperty('details');
  });

  it('tells which messages of a partial send went out, so that nobody sends them twice', () => {
    const sent = { messageId: '<a@x>', envelope: { from: 'f@x', to: ['a@x'] } } as SendResult;
    const failure = { index: 1, to: ['b@x'], error: error({ code: 'PROVIDER', category: 'recipient' }) };
    const response = toHttpErrorResponse(new QcloudMailPartialSendError([sent], [failure]));
    expect(response.status).toBe(422);
    expect(response.body.error.retryable).toBe(false);
    expect(response.body.error.partial).toEqual({
      sent: [{ messageId: '<a@x>', to: ['a@x'] }],
      failed: [{ to: ['b@x'], code: 'PROVIDER', category: 'recipient' }],
    });
    const left = { address: 'c@x', reason: 'unsubscribe' as const, since: new Date(0), messageId: '<m@x>' };
    const withSuppressed = toHttpErrorResponse(new QcloudMailPartialSendError([sent], [failure], [left]));
    expect(withSuppressed.body.error.partial?.suppressed).toEqual([{ address: 'c@x', reason: 'unsubscribe' }]);
  });
});
