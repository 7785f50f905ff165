import { describe, expect, it } from 'vitest';
import { decodeHeaderLine } from './page/encoded-words.js';

// The page's decoder runs in the browser; Node has the same atob and TextDecoder (with its ICU charsets).
describe("the inbox page's header decoding", () => {
  it('decodes B and Q words in any charset, joins adjacent words and folded lines', () => {
    expect(decodeHeaderLine('Subject: =?UTF-8?B?5ZGo5oql?= weekly report')).toBe('Subject: 周报 weekly report');
    expect(decodeHeaderLine('Subject: =?UTF-8?B?5ZGo?=\r\n =?UTF-8?B?5oql?=')).toBe('Subject: 周报');
    expect(decodeHeaderLine('From: =?gb2312?B?1tzI1Q==?= <a@example.com>')).toBe('From: 周日 <a@example.com>');
    expect(decodeHeaderLine('Subject: =?utf-8*zh?Q?=E5=91=A8_report?=')).toBe('Subject: 周 report');
    expect(decodeHeaderLine('X-Note: plain\r\n\tfolded')).toBe('X-Note: plain\tfolded');
  });

  it('leaves what is not an encoded word alone, and reads broken ones without throwing', () => {
    expect(decodeHeaderLine('Subject: =?UTF-8?X?abc?= and =? not a word')).toBe(
      'Subject: =?UTF-8?X?abc?= and =? not a word',
    );
    expect(decodeHeaderLine('Subject: =?no-such-charset?B?aGk=?=')).toBe('Subject: hi');
    expect(decodeHeaderLine('Subject: =?UTF-8?B?a?=')).toBe('Subject: a');
    expect(decodeHeaderLine(`Subject: ${'=?'.repeat(50_000)}`)).toHaveLength(100_009);
  });
});
