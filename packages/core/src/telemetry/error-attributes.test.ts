import { SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { errorAttributes, maskAddresses, recordSpanError, spanSafeText } from './error-attributes.js';

describe('maskAddresses', () => {
  it.each([
    ['554 <bob@example.org>: recipient refused', '554 <[address]>: recipient refused'],
    ['the client is logged in as noreply@mail.example.com and', 'the client is logged in as [address] and'],
    ['"a.b+c@x.cn", d@e', '"[address]", [address]'],
    ['no address here, @ alone, user@ and @host', 'no address here, @ alone, user@ and @host'],
    ['mailto:张三@例子.中国.', '[address]'],
  ])('masks %j', (text, expected) => {
    expect(maskAddresses(text)).toBe(expected);
  });

  it('leaves no word with an @ inside, and keeps every other word as it was', () => {
    const char = fc.constantFrom(...'ab@. <>"(),\t;:x'.split(''));
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 60 }).map((chars) => chars.join('')),
        (text) => {
          const masked = maskAddresses(text);
          const words = masked.split(/[ \t<>"(),;]/);
          for (const word of words) {
            const at = word.indexOf('@');
            if (at > 0 && at < word.length - 1) expect(word).toContain('[address]');
          }
          // Without an address inside, the text is untouched.
          if (!masked.includes('[address]')) expect(masked).toBe(text);
        },
      ),
    );
  });

  it('reads a long hostile text in one pass', () => {
    const text = `${'a@'.repeat(200_000)} ${'@ '.repeat(200_000)}`;
    expect(maskAddresses(text).startsWith('[address] ')).toBe(true);
  });
});

describe('recording an error on a span', () => {
  const error = new QcloudMailError({
    code: 'PROVIDER',
    category: 'recipient',
    message: 'Refused user@example.org; password=hunter2',
    providerCode: 'FailedOperation.EmailAddrInBlacklist',
    requestId: 'req-1',
    responseCode: 554,
    rule: 'R16',
  });

  it('gives the error attributes, the exception without credentials or addresses, and status ERROR', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const span = provider.getTracer('test').startSpan('s');
    recordSpanError(span, error, false);
    span.end();
    const [done] = exporter.getFinishedSpans();
    expect(done?.attributes).toMatchObject(errorAttributes(error));
    expect(done?.status).toEqual({
      code: SpanStatusCode.ERROR,
      message: 'PROVIDER: Refused [address]; password=[redacted]',
    });
    const recorded = JSON.stringify(done?.events);
    expect(recorded).not.toContain('hunter2');
    expect(recorded).not.toContain('user@example.org');
  });

  it('keeps addresses when allowed, never credentials, and bounds the text', () => {
    expect(spanSafeText(error.message, 1000, true)).toBe('Refused user@example.org; password=[redacted]');
    expect(spanSafeText('word '.repeat(1000), 1000, false)).toHaveLength(1003);
  });
});
