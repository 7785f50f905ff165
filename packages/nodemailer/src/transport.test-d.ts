import { type QcloudMailError, createMailClient } from '@qcloudmail/core';
import nodemailer, { type SentMessageInfo, type Transport, type Transporter } from 'nodemailer';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type QcloudMailSentMessageInfo,
  QcloudMailTransport,
  type QcloudMailTransportOptions,
  qcloudmailTransport,
} from './index.js';

const options = { region: 'hongkong', auth: { user: 'noreply@mail.example.com', pass: 'secret' } } as const;

describe('types of the nodemailer transport', () => {
  it('is a nodemailer Transport whose transporter yields QcloudMailSentMessageInfo', () => {
    const transport = qcloudmailTransport(options);
    expectTypeOf(transport).toExtend<Transport<QcloudMailSentMessageInfo>>();
    const transporter = nodemailer.createTransport(transport);
    expectTypeOf(transporter).toEqualTypeOf<Transporter<QcloudMailSentMessageInfo>>();
    expectTypeOf(transporter.sendMail({ to: 'a@b.c' })).resolves.toEqualTypeOf<QcloudMailSentMessageInfo>();
    // Still usable where a plain Transporter is expected.
    expectTypeOf(transporter).toExtend<Transporter<SentMessageInfo>>();
  });

  it('gives info the nodemailer fields and qcloudmail extras', () => {
    expectTypeOf<QcloudMailSentMessageInfo['messageId']>().toEqualTypeOf<string>();
    expectTypeOf<QcloudMailSentMessageInfo['accepted']>().toEqualTypeOf<string[]>();
    expectTypeOf<QcloudMailSentMessageInfo['envelope']>().toEqualTypeOf<{ from: string; to: string[] }>();
    expectTypeOf<QcloudMailSentMessageInfo['attempts']>().toEqualTypeOf<number>();
    expectTypeOf<QcloudMailSentMessageInfo['messages'][number]['response']>().toEqualTypeOf<string>();
  });

  it('takes client options or an existing client, and nothing else', () => {
    expectTypeOf(qcloudmailTransport).parameter(0).toEqualTypeOf<QcloudMailTransportOptions>();
    const client = createMailClient(options);
    expectTypeOf(new QcloudMailTransport({ client, allowFileAccess: true })).toEqualTypeOf<QcloudMailTransport>();
    // @ts-expect-error auth is required when no client is given
    qcloudmailTransport({ region: 'hongkong' });
    // @ts-expect-error the region must be one of the service's (R1)
    qcloudmailTransport({ region: 'tokyo', auth: options.auth });
  });

  it('has a Promise verify without a callback and a void one with it', () => {
    const transport = qcloudmailTransport(options);
    expectTypeOf(transport.verify()).toEqualTypeOf<Promise<true>>();
    expectTypeOf(transport.verify(() => undefined)).toEqualTypeOf<void>();
    expectTypeOf(transport.close()).toEqualTypeOf<Promise<void>>();
    expectTypeOf(transport.isIdle()).toEqualTypeOf<boolean>();
  });

  it('hands QcloudMailError-compatible fields to error handlers', () => {
    expectTypeOf<QcloudMailError['nodemailerCode']>().toExtend<string | undefined>();
    expectTypeOf<QcloudMailError['responseCode']>().toEqualTypeOf<number | undefined>();
  });
});
