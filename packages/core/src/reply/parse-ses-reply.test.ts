import { describe, expect, it } from 'vitest';
import { SES_ERROR_CATALOG } from './catalog-data.js';
import { parseSesReply } from './parse-ses-reply.js';
import { R17_MESSAGES, SMTP_RATE_LIMIT_ERROR } from './r17-messages.js';
import { renderSesReply, SES_REPLIES } from './ses-replies.js';
import type { ParsedSesReply } from './types.js';

const R16_DOC_EXAMPLE =
  '554 5.0.0 Error: transaction failed, blame it on the weather: ##SES-response-json:\n' +
  '{"Response":{"RequestId":"bee4e9fb-8127-48cc-b606-bbb1e801596b"},"QcloudError":\n' +
  '{"Error":{"Code":"FailedOperation.MissingEmailContent.操作失败。缺少发信内容（TemplateData和Simple不能同时为空）。';

type Expected = Partial<ParsedSesReply>;
const TABLE: ReadonlyArray<readonly [string, string, Expected]> = [
  [
    'R16 document example, wrapped, cut off, code and message run together',
    R16_DOC_EXAMPLE,
    {
      smtpCode: 554,
      enhancedStatus: '5.0.0',
      code: 'body_required',
      issueCode: 'body_required',
      providerCode: 'FailedOperation.MissingEmailContent',
      message: '操作失败。缺少发信内容（TemplateData和Simple不能同时为空）。',
      messageZh: '操作失败。缺少发信内容（TemplateData和Simple不能同时为空）。',
      requestId: 'bee4e9fb-8127-48cc-b606-bbb1e801596b',
      category: 'content',
      retryable: false,
      rule: 'R10',
    },
  ],
  [
    'R16 shape, complete',
    '554 5.0.0 Error: transaction failed, blame it on the weather: ##SES-response-json: {"Response":{"RequestId":"r-1"},"QcloudError":{"Error":{"Code":"FailedOperation.EmailAddrInBlacklist","Message":"The email address is in the blocklist."}}}',
    {
      code: 'FailedOperation.EmailAddrInBlacklist',
      category: 'recipient',
      requestId: 'r-1',
      retryable: false,
      messageZh: '邮件地址在黑名单中。',
    },
  ],
  [
    'R20 shape inside Response, modern wrapper',
    '554 5.0.0 Error: transaction failed: ##SES-response-json: {"Response":{"RequestId":"r-2","QcloudError":{"Error":{"Code":"FailedOperation.NotAuthenticatedSender","Message":"x"}}}}',
    { code: 'FailedOperation.NotAuthenticatedSender', category: 'sender', requestId: 'r-2', message: 'x' },
  ],
  [
    'TencentCloud API 3.0 shape (Response.Error)',
    '554 5.0.0 something else entirely ##SES-response-json: {"Response":{"Error":{"Code":"InternalError","Message":"boom"},"RequestId":"r-3"}}',
    { code: 'InternalError', category: 'service', retryable: true, retryAfterMs: 5_000, requestId: 'r-3' },
  ],
  [
    'R7 rate limit with the table spelling "RequestLimitExceeded. SmtpRateLimit"',
    '554 5.0.0 Error: transaction failed: ##SES-response-json: {"Response":{"RequestId":"r"},"QcloudError":{"Error":{"Code":"RequestLimitExceeded. SmtpRateLimit","Message":"smtp sending frequency limit..."}}}',
    {
      code: 'RequestLimitExceeded.SmtpRateLimit',
      providerCode: 'RequestLimitExceeded.SmtpRateLimit',
      category: 'rate_limit',
      retryable: true,
      retryAfterMs: 1_000,
      rule: 'R7',
    },
  ],
  [
    'unicode escapes with a surrogate pair',
    '554 5.0.0 x ##SES-response-json: {"Response":{"RequestId":"r"},"QcloudError":{"Error":{"Code":"FailedOperation","Message":"\\u64cd\\u4f5c \\ud83d\\udce7 \\u003cb\\u003e"}}}',
    {
      code: 'FailedOperation',
      message: '操作 📧 <b>',
      messageZh: '操作 📧 <b>',
      category: 'unknown',
      retryable: false,
    },
  ],
  [
    'multi-line reply with the JSON split across lines',
    '554-5.0.0 Error: transaction failed: ##SES-response-json: {"Response":{"RequestId":"r-4"},"Qcloud\r\n554 5.0.0 Error":{"Error":{"Code":"FailedOperation","Message":"msg.Subject is null"}}}',
    {
      smtpCode: 554,
      enhancedStatus: '5.0.0',
      code: 'subject_required',
      issueCode: 'subject_required',
      requestId: 'r-4',
      category: 'validation',
    },
  ],
  [
    'R18 too longer line',
    SES_REPLIES.tooLongLine,
    { smtpCode: 554, code: 'line_too_long', issueCode: 'line_too_long', category: 'content', retryable: false },
  ],
  [
    'R18 broken pipe',
    'write tcp 10.0.0.1:60575->10.0.0.2:25: write: broken pipe',
    { smtpCode: null, code: 'connection_lost', category: 'connection', rule: 'R18' },
  ],
  ['R18 EOF', 'EOF', { code: 'connection_lost', category: 'connection', retryable: true }],
  [
    'R21 busy',
    SES_REPLIES.busy,
    {
      smtpCode: 421,
      enhancedStatus: '4.4.5',
      code: 'service_busy',
      category: 'service',
      retryable: true,
      retryAfterMs: 5_000,
    },
  ],
  [
    'R21 internal',
    SES_REPLIES.internal,
    { code: 'internal_error', category: 'service', retryable: true, retryAfterMs: 1_000 },
  ],
  [
    'R21 535',
    SES_REPLIES.authFailed,
    { smtpCode: 535, enhancedStatus: '5.7.8', code: 'auth_failed', category: 'auth', retryable: false },
  ],
  [
    'R21 454',
    '454 4.7.0 Temporary authentication failure',
    { code: 'auth_failed', category: 'auth', retryable: false, retryAfterMs: null },
  ],
  ['R21 552', SES_REPLIES.tooLarge, { code: 'message_too_large', issueCode: 'message_too_large', category: 'content' }],
  ['R21 502', SES_REPLIES.authFirst, { code: 'auth_required', category: 'auth', retryable: false }],
  [
    'R15 queued',
    SES_REPLIES.queued,
    { ok: true, smtpCode: 250, code: 'accepted', category: 'success', message: 'OK: queued' },
  ],
  [
    'reply quoted in nodemailer text',
    'Invalid login: 535 5.7.8 Authentication failed',
    { smtpCode: 535, code: 'auth_failed' },
  ],
  [
    'marker without JSON',
    '554 5.0.0 Error: ##SES-response-json: ',
    { code: 'unknown', providerCode: null, category: 'unknown', smtpCode: 554 },
  ],
  ['empty', '', { code: 'empty_reply', category: 'unknown' }],
];

describe('parseSesReply on the replies of SPEC', () => {
  it.each(TABLE)('%s', (_name, reply, expected) => {
    expect(parseSesReply(reply)).toMatchObject(expected);
  });

  it('reads every R17 message back as the validator issue code, in both shapes and wrappers', () => {
    for (const [issue, error] of Object.entries(R17_MESSAGES)) {
      for (const shape of ['beside', 'inside'] as const) {
        for (const wrapper of ['classic', 'modern'] as const) {
          const parsed = parseSesReply(renderSesReply({ ...error, requestId: 'req', shape, wrapper }));
          expect(parsed).toMatchObject({
            code: issue,
            issueCode: issue,
            providerCode: 'FailedOperation',
            message: error.message,
            requestId: 'req',
            retryable: false,
          });
          expect(parsed.messageZh).toMatch(/[\u4e00-\u9fff]/);
        }
      }
    }
    expect(parseSesReply(renderSesReply({ ...SMTP_RATE_LIMIT_ERROR, requestId: 'q' })).code).toBe(
      'RequestLimitExceeded.SmtpRateLimit',
    );
  });

  it('tells apart unknown plain FailedOperation messages from R17 ones', () => {
    const parsed = parseSesReply(
      renderSesReply({ providerCode: 'FailedOperation', message: 'something new', requestId: 'r' }),
    );
    expect(parsed).toMatchObject({
      code: 'FailedOperation',
      issueCode: null,
      category: 'unknown',
      retryable: false,
      rule: 'R17',
    });
  });

  it('answers category unknown for values that are not text', () => {
    for (const value of [undefined, null, 42, {}, [], Symbol('x'), () => 1]) {
      expect(parseSesReply(value)).toMatchObject({ code: 'unknown', category: 'unknown', retryable: false });
    }
    expect(parseSesReply(new TextEncoder().encode(SES_REPLIES.authFailed)).code).toBe('auth_failed');
  });
});

describe('parseSesReply on every catalog code', () => {
  for (const shape of ['beside', 'inside'] as const) {
    it(`recovers every code and its judgement (${shape})`, () => {
      for (const entry of SES_ERROR_CATALOG) {
        const reply = renderSesReply({
          providerCode: entry.code,
          message: entry.meaningEn,
          requestId: `id-${entry.code}`,
          shape,
        });
        const parsed = parseSesReply(reply);
        const code = entry.code === 'FailedOperation.MissingEmailContent' ? 'body_required' : entry.code;
        expect(parsed, entry.code).toMatchObject({
          code,
          providerCode: entry.code,
          message: entry.meaningEn,
          requestId: `id-${entry.code}`,
          category: entry.category,
          retryable: entry.retryable,
          retryAfterMs: entry.retryAfterMs,
          smtpCode: 554,
          enhancedStatus: '5.0.0',
        });
        if (entry.code !== 'FailedOperation') expect(parsed.messageZh, entry.code).toBe(entry.meaningZh);
      }
    });
  }
});

// A small deterministic generator, so that a failure names the cut that broke.
function* cuts(seed: number, count: number, length: number, from: number): Generator<number> {
  let state = seed;
  for (let i = 0; i < count; i += 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    yield from + (state % (length - from + 1));
  }
}

describe('parseSesReply on replies cut off after the marker (R16)', () => {
  it('recovers whatever fields were complete and a prefix of the rest', () => {
    const entries = SES_ERROR_CATALOG.filter((_, i) => i % 3 === 0);
    for (const [index, entry] of entries.entries()) {
      const shape = index % 2 === 0 ? 'beside' : 'inside';
      const requestId = `4f1c-${index}`;
      const reply = renderSesReply({ providerCode: entry.code, message: entry.meaningEn, requestId, shape });
      const marker = reply.indexOf('##SES-response-json:') + 20;
      const codeEnd = reply.indexOf(`"Code":"${entry.code}`) + 8 + entry.code.length;
      const requestEnd = reply.indexOf(requestId) + requestId.length;
      for (const cut of cuts(index + 1, 8, reply.length, marker)) {
        const parsed = parseSesReply(reply.slice(0, cut));
        const where = `${entry.code} cut at ${cut}`;
        expect(parsed.smtpCode, where).toBe(554);
        if (cut >= requestEnd) expect(parsed.requestId, where).toBe(requestId);
        if (cut >= codeEnd) expect(parsed.providerCode, where).toBe(entry.code);
        else if (parsed.providerCode !== null) expect(entry.code.startsWith(parsed.providerCode), where).toBe(true);
        if (cut >= codeEnd && parsed.code !== 'body_required')
          expect(entry.meaningEn.startsWith(parsed.message), where).toBe(true);
      }
    }
  });
});
