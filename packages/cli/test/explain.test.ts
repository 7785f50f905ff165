import { renderSesReply, SES_REPLIES } from '@qcloudmail/core/internal';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './helpers.js';

const WRAP = '554 5.0.0 Error: transaction failed, blame it on the weather: ##SES-response-json: ';
const business = (code: string, message: string) =>
  `${WRAP}{"Response":{"RequestId":"bee4e9fb-5c2f-4b8e-9f1a-0123456789ab"},"QcloudError":{"Error":{"Code":"${code}","Message":"${message}"}}}`;

async function explainJson(...args: string[]) {
  const run = await runInProcess(['explain', '--json', ...args]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

// R17's table: message beginning → stable code, category, whether to retry.
const R17: ReadonlyArray<readonly [message: string, code: string, category: string, retryable: boolean]> = [
  ['msg.From is null', 'from_required', 'validation', false],
  ['msg.Subject is null', 'subject_required', 'validation', false],
  ['msg.Body is null', 'body_required', 'content', false],
  ['Content-Transfer-Encoding must in [base64]', 'attachment_encoding_unsupported', 'content', false],
  ['Content-Type must in [text/plain; charset=UTF-8]', 'content_type_unsupported', 'content', false],
  ['Mime-Version must in [1.0]', 'mime_version_unsupported', 'content', false],
  ['The email is too large. Remove some content.', 'body_too_large', 'content', false],
  [
    'Incorrect attachment content. Make sure the base64 content is correct.',
    'attachment_base64_invalid',
    'content',
    false,
  ],
  ['The attachments are too large. Make sure they do not exceed the limit.', 'attachments_too_large', 'content', false],
];

describe('qcloudmail explain: the business errors of R16 and R17', () => {
  it.each(R17)('explains FailedOperation "%s"', async (message, code, category, retryable) => {
    const result = await explainJson(business('FailedOperation', message));
    expect(result).toMatchObject({ smtpCode: 554, code, category, retryable, providerCode: 'FailedOperation' });
    expect(result.requestId).toBe('bee4e9fb-5c2f-4b8e-9f1a-0123456789ab');
    expect(result.meaningEn).toEqual(expect.any(String));
    expect(result.meaningZh).toMatch(/[\u4e00-\u9fff]/);
    expect(result.retryAdvice).toMatch(/^no:/);
  });

  it('explains the rate limit of R7 as retryable, with when', async () => {
    const result = await explainJson(business('RequestLimitExceeded.SmtpRateLimit', 'smtp sending frequency limit'));
    expect(result).toMatchObject({
      code: 'RequestLimitExceeded.SmtpRateLimit',
      category: 'rate_limit',
      retryable: true,
    });
    expect(result.retryAdvice).toMatch(/^yes, after \d+ (ms|s)$/);
  });

  it('names the rule with its title and where the rules document describes it', async () => {
    const run = await runInProcess([
      'explain',
      business('RequestLimitExceeded.SmtpRateLimit', 'smtp sending frequency limit'),
    ]);
    expect(run.stdout).toMatch(/Rule:\s+R7: .+ \(docs\/rules\.md#r7\)/);
  });

  it("recovers code and message from R16's own truncated, run-together example", async () => {
    const text = `${WRAP}{"Response":{"RequestId":"bee4e9fb-..."},"QcloudError":{"Error":{"Code":"FailedOperation.MissingEmailContent.操作失败。缺少发信内容（TemplateData和Simple不能同时为空）。`;
    const result = await explainJson(text);
    expect(result).toMatchObject({
      code: 'body_required',
      providerCode: 'FailedOperation.MissingEmailContent',
      retryable: false,
    });
    expect(result.meaningZh).toContain('缺少');
  });

  it('reads both JSON shapes and both wrappers of R20', async () => {
    const inside = renderSesReply({
      providerCode: 'FailedOperation.EmailAddrInBlacklist',
      message: 'blocked',
      requestId: 'r-1',
      shape: 'inside',
      wrapper: 'modern',
    });
    const result = await explainJson(inside);
    expect(result).toMatchObject({
      code: 'FailedOperation.EmailAddrInBlacklist',
      category: 'recipient',
      requestId: 'r-1',
      rule: 'R25',
    });
    expect(result.meaningEn).toMatch(/blocklist|blacklist/i);
    expect(result.meaningZh).toContain('黑名单');
  });

  it('explains the R24 codes: retry after 10 minutes, same-recipient limit, daily cap', async () => {
    const blocked = await explainJson(business('FailedOperation.TemporaryBlocked', 'blocked'));
    expect(blocked).toMatchObject({ retryable: true, retryAfterMs: 600_000, retryAdvice: 'yes, after 10 min' });
    const frequency = await explainJson(business('FailedOperation.FrequencyLimit', 'too frequent'));
    expect(frequency).toMatchObject({ category: 'rate_limit', retryable: true });
    const cap = await explainJson(business('FailedOperation.ExceedSendLimit', 'daily limit'));
    expect(cap).toMatchObject({ category: 'quota' });
  });
});

describe('qcloudmail explain: codes outside the provider list (R24)', () => {
  it('keeps an unknown sub-code whole and says whose meaning it falls back to', async () => {
    const result = await explainJson(business('FailedOperation.SomethingNew', 'something new'));
    expect(result).toMatchObject({
      code: 'FailedOperation.SomethingNew',
      providerCode: 'FailedOperation.SomethingNew',
      unknownCode: true,
      fallbackCode: 'FailedOperation',
      retryable: false,
      requestId: 'bee4e9fb-5c2f-4b8e-9f1a-0123456789ab',
    });
    expect(result.meaningZh).toBe('操作失败。');
    const run = await runInProcess(['explain', business('FailedOperation.SomethingNew', 'something new')]);
    expect(run.stdout).toMatch(/^Code: +FailedOperation\.SomethingNew \(unknown code; meaning of FailedOperation\)$/m);
  });

  it('falls back to the longest listed code, keeping its retry advice', async () => {
    const result = await explainJson(business('RequestLimitExceeded.SmtpRateLimit.PerDomain', 'slow down'));
    expect(result).toMatchObject({
      code: 'RequestLimitExceeded.SmtpRateLimit.PerDomain',
      fallbackCode: 'RequestLimitExceeded.SmtpRateLimit',
      category: 'rate_limit',
      retryable: true,
    });
  });

  it('names the full provider code beside an issue code, and a code with no listed prefix', async () => {
    const content = await runInProcess(['explain', business('FailedOperation.MissingEmailContent.Html', 'no body')]);
    expect(content.stdout).toMatch(
      /^Code: +body_required \(provider: FailedOperation\.MissingEmailContent\.Html, unknown code; meaning of FailedOperation\.MissingEmailContent\)$/m,
    );
    const alien = await explainJson(business('Brand.New', 'new'));
    expect(alien).toMatchObject({ code: 'Brand.New', unknownCode: true, fallbackCode: null });
    expect((await runInProcess(['explain', business('Brand.New', 'new')])).stdout).toMatch(
      /^Code: +Brand\.New \(unknown code\)$/m,
    );
  });

  it('keeps a code whose message runs into it in Chinese, as in R16, but not words run into it', async () => {
    const runTogether = await explainJson(
      `${WRAP}{"QcloudError":{"Error":{"Code":"FailedOperation.SomethingNew.操作失败。"}}}`,
    );
    expect(runTogether).toMatchObject({ code: 'FailedOperation.SomethingNew', fallbackCode: 'FailedOperation' });
    const words = await explainJson(`${WRAP}{"QcloudError":{"Error":{"Code":"FailedOperation.Operation failed"}}}`);
    expect(words).toMatchObject({ providerCode: 'FailedOperation', unknownCode: false, fallbackCode: null });
  });

  it('marks a listed code as known, with no fallback', async () => {
    const result = await explainJson(business('FailedOperation.EmailAddrInBlacklist', 'blocked'));
    expect(result).toMatchObject({ unknownCode: false, fallbackCode: null });
    const run = await runInProcess(['explain', business('FailedOperation.EmailAddrInBlacklist', 'blocked')]);
    expect(run.stdout).toMatch(/^Code: +FailedOperation\.EmailAddrInBlacklist$/m);
  });
});

describe('qcloudmail explain: replies without JSON (R15, R18, R21)', () => {
  const cases: ReadonlyArray<readonly [reply: string, code: string, category: string, retry: RegExp]> = [
    [SES_REPLIES.queued, 'accepted', 'success', /^not needed/],
    [SES_REPLIES.authFailed, 'auth_failed', 'auth', /^no:/],
    ['454 4.7.0 Temporary authentication failure', 'auth_failed', 'auth', /^no:/],
    [SES_REPLIES.authFirst, 'auth_required', 'auth', /^no:/],
    [SES_REPLIES.busy, 'service_busy', 'service', /^yes, after 5 s$/],
    [SES_REPLIES.internal, 'internal_error', 'service', /^yes, after/],
    [SES_REPLIES.tooLarge, 'message_too_large', 'content', /^no:/],
    [SES_REPLIES.tooLongLine, 'line_too_long', 'content', /^no:/],
    ['EOF', 'connection_lost', 'connection', /^yes/],
    ['write tcp 10.0.0.2:51234->1.2.3.4:465: write: broken pipe', 'connection_lost', 'connection', /^yes/],
    ['tls: handshake failure', 'tls_failed', 'connection', /^no:/],
  ];
  it.each(cases)('explains %s', async (reply, code, category, retry) => {
    const result = await explainJson(reply);
    expect(result).toMatchObject({ code, category });
    expect(result.retryAdvice).toMatch(retry);
    expect(result.meaningEn).toEqual(expect.any(String));
    expect(result.meaningZh).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('qcloudmail explain: text as users paste it', () => {
  const reply = business('FailedOperation.EmailAddrInBlacklist', 'recipient is blocked');
  const pasted: ReadonlyArray<readonly [kind: string, text: string]> = [
    ['an ISO timestamp and level', `2026-03-01T10:00:00.123Z ERROR [mailer] send failed: ${reply}`],
    ['a bracketed timestamp', `[2026-03-01 10:00:00,123] WARN ${reply}`],
    ['syslog', `Mar  1 10:00:00 web-1 app[4242]: ${reply}`],
    ['Go log', `2026/03/01 10:00:00 smtp error: ${reply}`],
    ['a JSON log record', JSON.stringify({ level: 50, time: 1, msg: 'send failed', err: { response: reply } })],
    ['quotes around it', `'${reply}'`],
    ['JSON escapes from a log string', `error="${reply.replaceAll('"', '\\"')}"`],
    ['only the API JSON', reply.slice(reply.indexOf('{'))],
  ];
  it.each(pasted)('finds the reply behind %s', async (_kind, text) => {
    const result = await explainJson(text);
    expect(result).toMatchObject({
      code: 'FailedOperation.EmailAddrInBlacklist',
      category: 'recipient',
      retryable: false,
    });
  });

  it('finds a reply with a timestamp but no enhanced status', async () => {
    const result = await explainJson('2026-03-01 10:00:00 ERROR 421 Too busy. Try again later.');
    expect(result).toMatchObject({ smtpCode: 421, code: 'service_busy', retryable: true });
  });

  it('prints a readable explanation by default, unquoted words joined', async () => {
    const run = await runInProcess(['explain', '535', '5.7.8', 'Authentication', 'failed']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Reply: +535 5\.7\.8$/m);
    expect(run.stdout).toMatch(/^Code: +auth_failed$/m);
    expect(run.stdout).toMatch(/^Category: +auth$/m);
    expect(run.stdout).toMatch(/^Retry: +no:/m);
    expect(run.stdout).toMatch(/^Meaning: +Authentication failed/m);
    expect(run.stdout).toMatch(/^含义 \(zh\): +认证失败/m);
    expect(run.stdout).toMatch(/^Action: +Log in with a sender address/m);
  });

  it('reads standard input with - or without an argument', async () => {
    for (const args of [['explain', '-'], ['explain']]) {
      const run = await runInProcess(args, { stdin: `${SES_REPLIES.busy}\n` });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Code: +service_busy$/m);
    }
  });

  it('asks for a reply on a terminal, or for empty input, exit 2', async () => {
    const tty = await runInProcess(['explain']);
    expect(tty.code).toBe(2);
    expect(tty.stderr).toMatch(/^qcloudmail explain: missing reply/);
    const empty = await runInProcess(['explain', '-'], { stdin: '  \n' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('the input is empty');
  });
});
