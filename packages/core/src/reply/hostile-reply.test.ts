// Issue #17, item 1c: parseSesReply on hostile replies. No timings are asserted (they live in the adversarial
// bench); a quadratic parser would not finish these inputs within the test timeout (the first took 9.8 s).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinLines, parseSesReply } from './parse-ses-reply.js';
import { splitProviderCode } from './provider-code.js';

describe('parseSesReply on hostile replies (issue #17, 1c)', () => {
  it('reads "421 a" + 100,000 spaces + "b" as the service closing the session', () => {
    const reply = parseSesReply(`421 a${' '.repeat(100_000)}b`);
    expect(reply).toMatchObject({ smtpCode: 421, code: 'service_unavailable', retryable: true, ok: false });
    expect(reply.message).toBe(`a${' '.repeat(100_000)}b`);
  });

  it('joins the lines of a reply across long runs of white space', () => {
    const reply = parseSesReply(`421-a${' '.repeat(50_000)}\r\n421 ${'\t'.repeat(50_000)}Too busy`);
    expect(reply).toMatchObject({ smtpCode: 421, code: 'service_busy', message: 'a Too busy' });
  });

  it('reads 10,000 reply lines', () => {
    const reply = parseSesReply('554-5.0.0 a\r\n'.repeat(10_000));
    expect(reply).toMatchObject({ smtpCode: 554, enhancedStatus: '5.0.0', code: 'rejected' });
    expect(reply.message).toBe(Array.from({ length: 10_000 }, () => 'a').join(' '));
  });

  it('cuts a provider code followed by 100,000 dots', () => {
    const reply = parseSesReply(`554 5.0.0 ##SES-response-json: {"Code":"A${'.'.repeat(100_000)} b"}`);
    expect(reply).toMatchObject({ providerCode: 'A', message: 'b' });
    expect(splitProviderCode(`FailedOperation${'.'.repeat(100_000)}x`)).toEqual({
      code: 'FailedOperation',
      rest: 'x',
    });
    expect(splitProviderCode(`Ab${'.'.repeat(100_000)}`)).toEqual({ code: 'Ab', rest: '' });
  });

  it('reads marker look-alikes, broken JSON and escapes without end', () => {
    expect(parseSesReply(`554 ${'## '.repeat(30_000)}`)).toMatchObject({ smtpCode: 554, code: 'rejected' });
    const broken = parseSesReply(`554 ##SES-response-json: {"Message":"${'\\u12'.repeat(30_000)}`);
    expect(broken).toMatchObject({ smtpCode: 554, code: 'unknown', providerCode: null });
    expect(broken.message).toBe('u12'.repeat(29_999));
    const field = parseSesReply(`554 ##SES-response-json: {"Code"${' '.repeat(100_000)}`);
    expect(field).toMatchObject({ smtpCode: 554, providerCode: null, message: '' });
  });

  it('finds an embedded reply among 20,000 number-like words', () => {
    const reply = parseSesReply(`x ${'250 a '.repeat(20_000)}: 535 5.7.8 Authentication failed`);
    expect(reply).toMatchObject({ smtpCode: 535, code: 'auth_failed' });
  });
});

describe('joinLines', () => {
  it('agrees with the global replace of \\s*\\n\\s* it replaced, on any short text', () => {
    const text = fc
      .array(fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2028', '\u3000', '\ufeff', 'a', 'b'), {
        maxLength: 30,
      })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(text, (value) => {
        expect(joinLines(value)).toBe(value.replace(/\s*\n\s*/g, ' '));
      }),
      { numRuns: 5000 },
    );
  });
});
