import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHttpErrorResponse } from '../http/http-error-response.js';
import { templateError, templateFieldError } from './template-error.js';

describe('templateError', () => {
  it('keeps every field and the message bounded, whatever the engine reports', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 5000 }), fc.string({ maxLength: 5000 }), (name, reason) => {
        const error = templateError(
          { template: name, engine: name, variable: name, field: name, line: 1, column: 2 },
          { reason },
        );
        expect(error.code).toBe('TEMPLATE');
        expect(error.message.length).toBeLessThan(2200);
        for (const value of [error.details?.template, error.details?.engine, error.details?.variable]) {
          expect(value?.length).toBeLessThanOrEqual(259);
        }
      }),
    );
  });

  it('drops a line or column that is no whole number', () => {
    const error = templateError({ template: 't', line: Number.NaN, column: 1.5 }, { reason: 'r' });
    expect(error.details).toEqual({ template: 't' });
    expect(error.message).toBe('Template "t": r');
  });

  it("answers the caller's fault with 422 and its message, a broken template with 500 and a fixed sentence", () => {
    const missing = templateError(
      { template: 'shipped', engine: 'handlebars', line: 3, variable: 'order.id' },
      { reason: 'x' },
    );
    expect(toHttpErrorResponse(missing)).toMatchObject({
      status: 422,
      body: { error: { code: 'TEMPLATE', category: 'content', message: missing.message } },
    });
    expect(toHttpErrorResponse(templateFieldError('t', 'html', 'not both'))).toMatchObject({ status: 422 });
    const broken = templateError(
      { template: 'shipped', engine: 'handlebars' },
      { reason: 'Parse error', category: 'configuration' },
    );
    const answer = toHttpErrorResponse(broken);
    expect(answer.status).toBe(500);
    expect(answer.body.error.message).not.toContain('shipped');
  });
});
