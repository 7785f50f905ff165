import { describe, expect, it } from 'vitest';
import { R17_MESSAGES } from './r17-messages.js';
import { renderSesReply, SES_REPLIES } from './ses-replies.js';
import { errorFromReply } from './error-from-reply.js';
import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { scrubSecrets } from '../errors/scrub-secrets.js';

const R16_DOC =
  '554 5.0.0 Error: transaction failed, blame it on the weather: ##SES-response-json: {"Response":{"RequestId":"bee4"},"QcloudError":{"Error":{"Code":"FailedOperation.MissingEmailContent.操作失败。缺少发信内容（TemplateData和Simple不能同时为空）。';

describe('errorFromReply', () => {
  it('gives R17 errors the validator issue code, in English, with the Chinese kept apart', () => {
    const error = errorFromReply(renderSesReply({ ...R17_MESSAGES.from_required, requestId: 'r-9' }));
    expect(error).toBeInstanceOf(QcloudMailError);
    expect(error).toMatchObject({
      code: 'PROVIDER',
      category: 'validation',
      providerCode: 'FailedOperation',
      requestId: 'r-9',
      nodemailerCode: 'EMESSAGE',
      responseCode: 554,
      retryable: false,
    });
    expect(error.issues).toEqual([
      expect.objectContaining({ code: 'from_required', path: ['headers', 'From'], rule: 'HEADERS' }),
    ]);
    expect(error.message).toContain('msg.From is null');
    expect(error.messageZh).toBe('发信人为空');
    expect(error.action).toMatch(/From/);
  });

  it('keeps the message English when the provider answered in Chinese (R16 example)', () => {
    const error = errorFromReply(R16_DOC, { command: 'DATA' });
    expect(error.message).not.toMatch(/[\u4e00-\u9fff]/);
    expect(error.message).toContain('FailedOperation.MissingEmailContent');
    expect(error.messageZh).toContain('缺少发信内容');
    expect(error.issues[0]).toMatchObject({ code: 'body_required', rule: 'R10', path: ['body'] });
  });

  it.each([
    [
      SES_REPLIES.authFailed,
      'AUTH PLAIN',
      { code: 'AUTH', category: 'auth', nodemailerCode: 'EAUTH', retryable: false },
    ],
    [
      '454 4.7.0 Temporary authentication failure',
      undefined,
      { code: 'AUTH', nodemailerCode: 'EAUTH', retryable: false },
    ],
    [
      SES_REPLIES.busy,
      'MAIL FROM',
      { code: 'CONNECTION', category: 'service', nodemailerCode: 'EENVELOPE', retryable: true, retryAfterMs: 5_000 },
    ],
    [
      SES_REPLIES.internal,
      undefined,
      { code: 'CONNECTION', category: 'service', nodemailerCode: 'EPROTOCOL', retryable: true },
    ],
    [SES_REPLIES.tooLarge, 'DATA', { code: 'PROVIDER', category: 'content', nodemailerCode: 'EMESSAGE' }],
    [SES_REPLIES.tooLongLine, 'DATA', { code: 'PROVIDER', category: 'content', rule: 'SIZES' }],
    ['550 5.1.1 no such user', 'RCPT TO', { code: 'PROVIDER', nodemailerCode: 'EENVELOPE', category: 'unknown' }],
    [
      renderSesReply({
        providerCode: 'RequestLimitExceeded.SmtpRateLimit',
        message: 'smtp sending frequency limit',
        requestId: 'q',
      }),
      undefined,
      { code: 'RATE_LIMIT', category: 'rate_limit', retryable: true, retryAfterMs: 1_000, rule: 'R7' },
    ],
    [
      renderSesReply({ providerCode: 'FailedOperation.FrequencyLimit', message: 'x', requestId: 'q' }),
      undefined,
      { code: 'RATE_LIMIT', retryable: true, retryAfterMs: 3_600_000 },
    ],
    [
      renderSesReply({ providerCode: 'FailedOperation.TemporaryBlocked', message: 'x', requestId: 'q' }),
      undefined,
      { code: 'RATE_LIMIT', retryAfterMs: 600_000 },
    ],
    [
      renderSesReply({ providerCode: 'AuthFailure.SignatureFailure', message: 'x', requestId: 'q' }),
      undefined,
      { code: 'PROVIDER', category: 'auth', retryable: false },
    ],
    [
      renderSesReply({ providerCode: 'FailedOperation.EmailAddrInBlacklist', message: 'x', requestId: 'q' }),
      undefined,
      { code: 'PROVIDER', category: 'recipient', nodemailerCode: 'EMESSAGE' },
    ],
    [SES_REPLIES.queued, 'DATA', { code: 'UNKNOWN', retryable: false }],
  ] as const)('%s (%s)', (reply, command, expected) => {
    const error = errorFromReply(reply, command === undefined ? {} : { command });
    expect(error).toMatchObject(expected);
    expect(error.response).toBe(reply);
  });
});

describe('credentials never reach an error', () => {
  it('scrubs AUTH payloads, lone base64 lines, pass= and URL passwords', () => {
    expect(scrubSecrets('AUTH PLAIN AHVzZXIAc2VjcmV0')).toBe('AUTH PLAIN [redacted]');
    expect(scrubSecrets('AUTH LOGIN dXNlcg==')).toBe('AUTH LOGIN [redacted]');
    expect(scrubSecrets('c2VjcmV0UGFzcw==')).toBe('[redacted]');
    expect(scrubSecrets('pass=hunter22 host=x')).toBe('pass=[redacted] host=x');
    expect(scrubSecrets('{"password":"hunter22"}')).toBe('{"password":"[redacted]"}');
    expect(scrubSecrets('smtps://me%40x.com:hunter22@smtp.qcloudmail.com:465')).toBe(
      'smtps://me%40x.com:[redacted]@smtp.qcloudmail.com:465',
    );
    expect(scrubSecrets('a ftp://u:p@h b ftp://v:q/x@y')).toBe('a ftp://u:[redacted]@h b ftp://v:q/x@y');
    expect(scrubSecrets('1ftp://u:p@h')).toBe('1ftp://u:p@h');
    expect(scrubSecrets('STARTTLS')).toBe('STARTTLS');
    expect(scrubSecrets(SES_REPLIES.authFailed)).toBe(SES_REPLIES.authFailed);
  });

  it('leaves no credential in the error fields or its JSON', () => {
    const error = errorFromReply(SES_REPLIES.authFailed, { command: 'AUTH PLAIN AHVzZXIAaHVudGVyMjI=' });
    expect(error.command).toBe('AUTH PLAIN [redacted]');
    const leaky = new QcloudMailError({
      code: 'AUTH',
      message: 'login failed with pass=hunter22',
      response: 'password: hunter22',
    });
    const json = JSON.stringify(leaky);
    expect(json).not.toContain('hunter22');
    expect(json).not.toContain('AHVzZXIAaHVudGVyMjI');
  });
});
