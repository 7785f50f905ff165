import { describe, expect, it } from 'vitest';
import { extractReply } from './extract-reply.js';

describe('extractReply', () => {
  it.each([
    ['a bare reply', '535 5.7.8 Authentication failed', '535 5.7.8 Authentication failed'],
    ['an ISO timestamp and a level', '2026-03-01T10:00:00.5+08:00 ERROR 421 4.4.5 Too busy', '421 4.4.5 Too busy'],
    [
      'logfmt',
      'level=error msg=send failed: 552 5.3.4 Maximum message size exceeded',
      '552 5.3.4 Maximum message size exceeded',
    ],
    ['a clock time', '10:00:00.421 WARN 421 Too busy', '421 Too busy'],
    ['a JSON record', '{"level":"error","response":"250 2.0.0 OK: queued"}', '250 2.0.0 OK: queued'],
    ['text without a code', '[mailer] write: broken pipe', 'write: broken pipe'],
  ])('finds the reply in %s', (_kind, input, reply) => {
    expect(extractReply(input)).toBe(reply);
  });

  it('starts at the code before the marker, not at a number earlier in the line', () => {
    const text = 'attempt 3 of 5: 554 5.0.0 Error: transaction failed: ##SES-response-json: {"Response":{}}';
    expect(extractReply(text)).toBe('554 5.0.0 Error: transaction failed: ##SES-response-json: {"Response":{}}');
  });

  it('wraps the API JSON alone with the marker and unescapes JSON copied from a log string', () => {
    expect(extractReply('{"Response":{"RequestId":"r"}}')).toBe('##SES-response-json: {"Response":{"RequestId":"r"}}');
    expect(extractReply('err="554 x ##SES-response-json: {\\"Response\\":{}}"')).toBe(
      '554 x ##SES-response-json: {"Response":{}}"',
    );
  });

  it('keeps a JSON record without a reply as it is', () => {
    expect(extractReply('{"level":30}')).toBe('{"level":30}');
  });
});
