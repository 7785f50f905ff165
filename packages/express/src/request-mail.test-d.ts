import type { MailClient, MailClientOptions, SendInput, SendOutcome, TemplateRenderer } from '@qcloudmail/core';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { expectTypeOf, test } from 'vitest';
import { createSendRoute, mailErrorHandler, qcloudMail } from './index.js';

test('req.mail is the shared MailClient, through declaration merging', () => {
  expectTypeOf<Request['mail']>().toEqualTypeOf<MailClient>();
});

test('qcloudMail takes options or a client and is a request handler', () => {
  expectTypeOf(qcloudMail).parameter(0).toEqualTypeOf<MailClientOptions | MailClient>();
  expectTypeOf(qcloudMail).returns.toExtend<RequestHandler>();
  expectTypeOf(qcloudMail).returns.toHaveProperty('close').returns.toEqualTypeOf<Promise<void>>();
});

test('mailErrorHandler is an error handler and createSendRoute a request handler', () => {
  expectTypeOf(mailErrorHandler()).toEqualTypeOf<ErrorRequestHandler>();
  expectTypeOf(createSendRoute).returns.toEqualTypeOf<RequestHandler>();
  // @ts-expect-error: authorize is required
  createSendRoute({});
});

test('req.mail.send takes a templated message, rendered by the templates given to qcloudMail', () => {
  const templates: TemplateRenderer = { engine: 'own', render: () => ({ html: '<p>hi</p>' }) };
  qcloudMail({ region: 'hongkong', auth: { user: 'a@b.c', pass: 'p' }, templates });
  expectTypeOf<Request['mail']['send']>().parameter(0).toEqualTypeOf<SendInput>();
  const send = (req: Request) =>
    req.mail.send({ to: 'a@b.c', subject: 'Hi {{name}}', template: 'welcome', context: { name: 'Ann' } });
  expectTypeOf(send).returns.toEqualTypeOf<Promise<SendOutcome>>();
  // @ts-expect-error the template renders the body: html beside it is refused, in the types too
  (req: Request) => req.mail.send({ to: 'a@b.c', template: 'welcome', html: '<p>also</p>' });
});
