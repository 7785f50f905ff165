import { describe, expectTypeOf, it } from 'vitest';
import type { MailIssue } from './issues.js';
import type { MailMessage } from './message.js';
import type { MailAddressInput, MailAttachmentInput, MailMessageInput } from './message-schema.js';
import type { ValidationResult } from './validate-message.js';
import { validateMessage } from './validate-message.js';

describe('MailMessageInput', () => {
  it('takes nodemailer-style fields', () => {
    expectTypeOf<MailMessageInput>().toHaveProperty('from').toEqualTypeOf<MailAddressInput | undefined>();
    expectTypeOf<MailAddressInput>().toEqualTypeOf<string | { name?: string | undefined; address: string }>();
    expectTypeOf<MailMessageInput['to']>().toEqualTypeOf<MailAddressInput | MailAddressInput[] | undefined>();
    expectTypeOf<MailMessageInput['subject']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<MailMessageInput['date']>().toEqualTypeOf<Date | string | undefined>();
    expectTypeOf<MailAttachmentInput['content']>().toEqualTypeOf<string | Buffer | Uint8Array>();
    expectTypeOf<MailAttachmentInput['encoding']>().toEqualTypeOf<
      'base64' | 'utf-8' | 'utf8' | 'hex' | 'latin1' | 'binary' | undefined
    >();
    expectTypeOf<MailMessageInput['headers']>().toEqualTypeOf<
      Record<string, string> | Array<{ key: string; value: string }> | undefined
    >();
  });

  it('accepts the typical shapes and refuses wrong ones', () => {
    expectTypeOf({
      from: 'a@b.co',
      to: ['Name <c@d.co>', { name: 'E', address: 'e@f.co' }],
      subject: 's',
      text: 't',
      attachments: [{ filename: 'a.pdf', content: Buffer.from('x') }],
    }).toExtend<MailMessageInput>();
    expectTypeOf({ to: 42 }).not.toExtend<MailMessageInput>();
    expectTypeOf({ attachments: [{ filename: 'a' }] }).not.toExtend<MailMessageInput>();
  });
});

describe('ValidationResult', () => {
  it('is a union discriminated by ok', () => {
    expectTypeOf(validateMessage).returns.toEqualTypeOf<ValidationResult>();
    expectTypeOf<ValidationResult>().toEqualTypeOf<
      { ok: true; message: MailMessage } | { ok: false; issues: MailIssue[]; omittedIssues: number }
    >();
    const result = validateMessage({});
    if (result.ok) expectTypeOf(result.message).toEqualTypeOf<MailMessage>();
    else {
      expectTypeOf(result.issues).toEqualTypeOf<MailIssue[]>();
      expectTypeOf(result.omittedIssues).toEqualTypeOf<number>();
    }
  });
});
