import * as core from '@qcloudmail/core';
import { createMailClient } from '@qcloudmail/core';
import nodemailer, { type SentMessageInfo, type Transport, type Transporter } from 'nodemailer';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createTransporter,
  isQcloudMailError,
  type MailIssue,
  type QcloudMailError,
  type QcloudMailErrorCategory,
  type QcloudMailErrorCode,
  type QcloudMailSentMessageInfo,
  QcloudMailTransport,
  type QcloudMailTransporter,
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

  it('re-exports the very error types of core, so that @qcloudmail/nodemailer alone is enough', () => {
    expectTypeOf<QcloudMailError>().toEqualTypeOf<core.QcloudMailError>();
    expectTypeOf(isQcloudMailError).toEqualTypeOf(core.isQcloudMailError);
    expectTypeOf<QcloudMailErrorCode>().toEqualTypeOf<core.QcloudMailErrorCode>();
    expectTypeOf<QcloudMailErrorCategory>().toEqualTypeOf<core.QcloudMailErrorCategory>();
    expectTypeOf<MailIssue>().toEqualTypeOf<core.MailIssue>();
  });

  it('types close() as the Promise it returns, on the transport and on createTransporter', () => {
    const transporter = createTransporter(options, { from: options.auth.user });
    expectTypeOf(transporter).toEqualTypeOf<QcloudMailTransporter>();
    expectTypeOf(transporter.close()).toEqualTypeOf<Promise<void>>();
    expectTypeOf(transporter.sendMail({ to: 'a@b.c' })).resolves.toEqualTypeOf<QcloudMailSentMessageInfo>();
    expectTypeOf(transporter.isIdle()).toEqualTypeOf<boolean>();
  });

  it("accepts nodemailer's options that map, with the values that keep their meaning", () => {
    qcloudmailTransport({
      ...options,
      pool: true,
      maxConnections: 4,
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
      socketTimeout: 30_000,
      secure: true,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      tls: { ca: 'PEM', rejectUnauthorized: true },
    });
    // @ts-expect-error TLS verification is never turned off
    qcloudmailTransport({ ...options, tls: { rejectUnauthorized: false } });
    // @ts-expect-error the service takes implicit TLS only (R2)
    qcloudmailTransport({ ...options, secure: false });
    // @ts-expect-error SMTP traffic is never logged
    qcloudmailTransport({ ...options, debug: true });
  });

  it('takes a renderer as `templates` and types sendMail({ template, context, locale })', () => {
    const renderer: core.TemplateRenderer = { engine: 'own', render: () => ({ html: '<p>hi</p>' }) };
    const transporter = createTransporter({ ...options, templates: renderer });
    transporter.sendMail({
      to: 'a@b.c',
      subject: 'Order {{id}}',
      template: 'shipped',
      context: { id: 1 },
      locale: 'zh',
    });
    nodemailer.createTransport(qcloudmailTransport(options)).sendMail({ to: 'a@b.c', template: 'shipped' });
    // @ts-expect-error a template is named by a string
    transporter.sendMail({ to: 'a@b.c', template: 42 });
    // @ts-expect-error the context is an object of values
    transporter.sendMail({ to: 'a@b.c', template: 'shipped', context: 'order' });
    // @ts-expect-error a renderer has an engine and a render function
    createTransporter({ ...options, templates: { dir: 'templates' } });
  });
});
