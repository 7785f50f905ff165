import { expect, it } from 'vitest';
import {
  conformanceMessage,
  describeSender,
  expectFailure,
  expectSameFailure,
  lastStored,
  normalizeBoundaries,
  referenceBytes,
  USER,
} from './describe-sender.js';
import {
  coreSender,
  expressSender,
  nestSender,
  nodemailerSender,
  type SenderFactory,
  type SenderFailure,
} from './senders.js';

const NOT_SENT = { retryable: false, retryAfterMs: undefined, providerCode: undefined } as const;

const EXPECTED: Record<'cc' | 'exe' | 'blacklist' | 'rateLimit' | 'auth', SenderFailure> = {
  cc: {
    code: 'VALIDATION',
    category: 'validation',
    rule: 'R9',
    ...NOT_SENT,
    issues: [{ code: 'cc_unsupported', rule: 'R9', path: ['cc'] }],
  },
  exe: {
    code: 'VALIDATION',
    category: 'validation',
    rule: 'R22',
    ...NOT_SENT,
    issues: [{ code: 'attachment_type_blocked', rule: 'R22', path: ['attachments', 0, 'filename'] }],
  },
  blacklist: {
    code: 'PROVIDER',
    category: 'recipient',
    rule: 'R25',
    retryable: false,
    retryAfterMs: undefined,
    providerCode: 'FailedOperation.EmailAddrInBlacklist',
    issues: [],
  },
  rateLimit: {
    code: 'RATE_LIMIT',
    category: 'rate_limit',
    rule: 'R7',
    retryable: true,
    retryAfterMs: 1000,
    providerCode: 'RequestLimitExceeded.SmtpRateLimit',
    issues: [],
  },
  auth: { code: 'AUTH', category: 'auth', rule: 'R21', ...NOT_SENT, issues: [] },
};

const SENDERS: Array<[string, SenderFactory]> = [
  ['core client', coreSender],
  ['nodemailer transport', nodemailerSender],
  ['NestJS QcloudMailService', nestSender],
  ['Express req.mail over HTTP', expressSender],
];

for (const [name, factory] of SENDERS) {
  describeSender(name, factory, (ctx) => {
    it('puts the same bytes on the wire as core builds, apart from the boundaries', async () => {
      const { sender, emulator } = ctx();
      const message = conformanceMessage();
      const attempt = await sender.send(message);
      expect(attempt).toEqual({ ok: true, messageId: '<order-42-shipped@mail.example.com>' });
      const stored = lastStored(emulator);
      expect(stored?.status).toBe('accepted');
      expect(normalizeBoundaries(stored?.raw ?? '')).toBe(referenceBytes(message));
      expect(stored?.parsed.attachments.map((attachment) => attachment.filename)).toEqual(['发票.pdf']);
    });

    it('sends a text-only message byte for byte too', async () => {
      const { sender, emulator } = ctx();
      const message = conformanceMessage({ html: undefined, attachments: undefined, headers: undefined });
      expect((await sender.send(message)).ok).toBe(true);
      expect(normalizeBoundaries(lastStored(emulator)?.raw ?? '')).toBe(referenceBytes(message));
    });

    it('refuses Cc under the default policy before uploading anything (R9, R19)', async () => {
      const { sender, emulator } = ctx();
      const failure = expectFailure(await sender.send(conformanceMessage({ cc: 'manager@example.org' })));
      expectSameFailure(sender, failure, EXPECTED.cc);
      expect(emulator.history).toHaveLength(0);
      expect(emulator.stats.connections).toBe(0);
    });

    it('refuses an executable attachment (R22)', async () => {
      const { sender, emulator } = ctx();
      const attachments = [{ filename: 'setup.exe', content: Buffer.from('MZ') }];
      expectSameFailure(sender, expectFailure(await sender.send(conformanceMessage({ attachments }))), EXPECTED.exe);
      expect(emulator.history).toHaveLength(0);
    });

    it('surfaces a provider refusal after DATA (R16, R25)', async () => {
      const { sender, emulator } = ctx();
      emulator.faults.add({ type: 'provider-error', code: 'FailedOperation.EmailAddrInBlacklist' });
      const failure = expectFailure(await sender.send(conformanceMessage()));
      expectSameFailure(sender, failure, EXPECTED.blacklist);
      expect(lastStored(emulator)?.verdict.providerCode).toBe('FailedOperation.EmailAddrInBlacklist');
    });

    it("surfaces the service's rate limit as retryable (R7, R24)", async () => {
      const { sender, emulator } = ctx();
      emulator.faults.add({ type: 'provider-error', code: 'RequestLimitExceeded.SmtpRateLimit' });
      expectSameFailure(sender, expectFailure(await sender.send(conformanceMessage())), EXPECTED.rateLimit);
      // The fault fired once: the same sender sends again once the limit has passed.
      expect((await sender.send(conformanceMessage())).ok).toBe(true);
    });

    it('surfaces a wrong password as AUTH, never retried (R21)', async () => {
      const { emulator, clientOptions } = ctx();
      const wrong = await factory(clientOptions({ auth: { user: USER, pass: 'not-the-password' } }));
      try {
        expectSameFailure(wrong, expectFailure(await wrong.send(conformanceMessage())), EXPECTED.auth);
        expect(emulator.stats.authFailures).toBe(1);
        expect(emulator.history).toHaveLength(0);
      } finally {
        await wrong.close();
      }
    });
  });
}
